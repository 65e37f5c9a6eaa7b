/**
 * @module Vitest global setup: builds the template databases once (or finds them from an earlier run of
 * the same sources) and hands their places to the test files through `inject('templates')`:
 * `base` (migrated, regions, catalogue), `world` (base + the test world), `demo` (base + the demo
 * province seeded at the test clock), and a PGlite data folder seeded by `minewatch seed` today, for the
 * tests that start the real server.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import {
  migrateDatabase,
  openDatabase,
  type Database,
} from '../../src/server/platform/db/client.ts';
import { loadRegions } from '../../src/server/modules/registry/region.service.ts';
import { loadHazardCatalogue } from '../../src/server/modules/hazards/catalogue.service.ts';
import { seedDemoProvince } from '../../src/server/seed/demo-province.ts';
import { todayIn } from '../../src/shared/dates.ts';
import {
  adminQuery,
  cacheDir,
  openPgliteTemplate,
  postgresTemplateName,
  templateKey,
  withDatabase,
  writeAtomic,
  type EngineTemplates,
  type TemplateSet,
} from './templates.ts';
import { testDeps } from './test-clock.ts';
import { buildWorld } from './world.ts';
import { factorySerial } from './factories.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templates: TemplateSet;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

async function fill(database: Database): Promise<void> {
  await migrateDatabase(database);
  await loadRegions(database.db);
  await loadHazardCatalogue(database.db, new Date('2026-11-22T00:00:00Z'));
}

/** Builds the world on an open database and returns its JSON (ids, names, the factory serial after). */
async function world(database: Database): Promise<string> {
  const w = await buildWorld(testDeps(database.db));
  return JSON.stringify({ world: w, serial: factorySerial() });
}

/** The demo province at the test clock (deterministic, so it is cached like the other templates). */
async function demo(database: Database): Promise<void> {
  await seedDemoProvince(testDeps(database.db));
}

async function dump(database: Database, file: string): Promise<void> {
  const client = database.pglite;
  if (!client) {
    throw new Error('expected PGlite');
  }
  writeAtomic(file, new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer()));
}

/** Runs `work` on a database opened for it, and closes it whatever happens. */
async function using<T>(open: Promise<Database>, work: (d: Database) => Promise<T>): Promise<T> {
  const database = await open;
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/**
 * The templates of one engine, built in two stages: the base first, then the world and the demo from
 * it. The worlds of the two engines are built one after the other (they share the factories' running
 * number); everything else runs side by side.
 */
interface EngineBuild {
  /** Builds the base template unless it is there. */
  base(): Promise<void>;
  /** Builds the world template and its JSON unless they are there. */
  world(): Promise<void>;
  /** Builds the demo template unless it is there. */
  demo(): Promise<void>;
  templates: EngineTemplates;
}

function pgliteBuild(key: string): EngineBuild {
  const dir = path.join(cacheDir, key);
  const files = {
    base: path.join(dir, 'pglite-base.tar'),
    world: path.join(dir, 'pglite-world.tar'),
    demo: path.join(dir, 'pglite-demo.tar'),
    worldJson: path.join(dir, 'pglite-world.json'),
  };
  const fromBase = () => openPgliteTemplate(files.base).then((pglite) => openDatabase({ pglite }));
  return {
    templates: files,
    base: async () => {
      if (!existsSync(files.base)) {
        await using(openDatabase({}), async (d) => {
          await fill(d);
          await dump(d, files.base);
        });
      }
    },
    world: async () => {
      if (!existsSync(files.world) || !existsSync(files.worldJson)) {
        await using(fromBase(), async (d) => {
          const json = await world(d);
          await dump(d, files.world);
          writeAtomic(files.worldJson, json);
        });
      }
    },
    demo: async () => {
      if (!existsSync(files.demo)) {
        await using(fromBase(), async (d) => {
          await demo(d);
          await dump(d, files.demo);
        });
      }
    },
  };
}

/** Drops other keys' templates left by earlier runs more than six hours ago. */
async function dropStaleTemplates(baseUrl: string, key: string): Promise<void> {
  const stale = await adminQuery<{ datname: string }>(
    baseUrl,
    `SELECT d.datname FROM pg_database d
      WHERE d.datname LIKE 'mw\\_tpl\\_%' AND d.datname NOT LIKE $1
        AND coalesce(shobj_description(d.oid, 'pg_database'), '') < $2`,
    [`mw\\_tpl\\_${key}\\_%`, new Date(Date.now() - 6 * 3600_000).toISOString()],
  );
  for (const { datname } of stale) {
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

function postgresBuild(baseUrl: string, key: string): EngineBuild {
  const names = {
    base: postgresTemplateName(key, 'base'),
    world: postgresTemplateName(key, 'world'),
    demo: postgresTemplateName(key, 'demo'),
    worldJson: path.join(cacheDir, key, 'postgres-world.json'),
  };
  const stamp = new Date().toISOString();
  const exists = async (name: string) =>
    (await adminQuery(baseUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
  /**
   * Makes a template (from the base, or empty) unless it is there, and fills it — under a name of this
   * process's, renamed into place once filled: another test run on the same server (another checkout of
   * the same code) never sees a half-filled template.
   */
  const make = async (
    name: string,
    from: string | null,
    work: (d: Database) => Promise<unknown>,
    done = () => exists(name),
  ) => {
    if (await done()) {
      return;
    }
    const building = `${name}_p${process.pid}`;
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await createRetrying(building, from);
    await adminQuery(baseUrl, `COMMENT ON DATABASE ${building} IS '${stamp}'`);
    await using(openDatabase({ url: withDatabase(baseUrl, building) }), work);
    // What was filled here replaces what is there (the world's JSON written by `work` describes this one).
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(baseUrl, `ALTER DATABASE ${building} RENAME TO ${name}`);
  };
  /** CREATE DATABASE … TEMPLATE fails while another session is connected to the template: wait a little. */
  const createRetrying = async (name: string, from: string | null) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await adminQuery(baseUrl, `CREATE DATABASE ${name}${from ? ` TEMPLATE ${from}` : ''}`);
        return;
      } catch (e) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(e))) {
          throw e;
        }
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  };
  return {
    templates: names,
    base: async () => {
      await dropStaleTemplates(baseUrl, key);
      await make(names.base, null, fill);
    },
    world: () =>
      make(
        names.world,
        names.base,
        async (d) => writeAtomic(names.worldJson, await world(d)),
        async () => existsSync(names.worldJson) && (await exists(names.world)),
      ),
    demo: () => make(names.demo, names.base, demo),
  };
}

/**
 * A PGlite data folder where `minewatch seed` wrote the demo province today (the server's demo is
 * relative to the wall clock, so the folder is made anew each day); servers under test start on a copy.
 */
async function demoDataDir(key: string): Promise<string> {
  const today = todayIn(() => new Date());
  const dir = path.join(cacheDir, key, `demo-data-${today}`);
  if (existsSync(path.join(dir, 'seeded'))) {
    return dir;
  }
  const building = `${dir}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  await promisify(execFile)(process.execPath, [path.join(root, 'bin/minewatch.mjs'), 'seed'], {
    env: { ...process.env, DATA_DIR: building, DATABASE_URL: '' },
    timeout: 300_000,
  });
  writeAtomic(path.join(building, 'seeded'), today);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return dir;
}

export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const key = templateKey();
  const url = process.env.TEST_DATABASE_URL;
  const builds = [pgliteBuild(key), ...(url ? [postgresBuild(url, key)] : [])];
  // The server's seed runs in a child process beside the rest.
  const demoData = demoDataDir(key);
  demoData.catch(() => undefined); // awaited below; this keeps an early failure from going unhandled
  await Promise.all(builds.map((b) => b.base()));
  const worlds = (async () => {
    for (const b of builds) {
      await b.world();
    }
  })();
  await Promise.all([worlds, ...builds.map((b) => b.demo())]);
  const [pglite, postgres] = builds.map((b) => b.templates);
  const set: TemplateSet = {
    key,
    ...(pglite ? { pglite } : {}),
    demoDataDir: await demoData,
    ...(postgres ? { postgres } : {}),
  };
  project.provide('templates', set);
  console.log(`test templates ${key} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
