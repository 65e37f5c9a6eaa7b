/**
 * @module Vitest global setup: builds the template databases once (or finds them from an earlier run of
 * the same sources) and hands their places to the test files through `inject('templates')`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  migrateDatabase,
  openDatabase,
  type Database,
} from '../../src/server/platform/db/client.ts';
import { loadRegions } from '../../src/server/modules/registry/region.service.ts';
import { loadHazardCatalogue } from '../../src/server/modules/hazards/catalogue.service.ts';
import {
  adminQuery,
  cacheDir,
  postgresTemplateName,
  templateKey,
  withDatabase,
  writeAtomic,
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

/** The clock's start and the data key every test database shares (the templates are built with them). */
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

async function pgliteTemplates(key: string): Promise<NonNullable<TemplateSet['pglite']>> {
  const dir = path.join(cacheDir, key);
  const files = {
    base: path.join(dir, 'pglite-base.tar'),
    world: path.join(dir, 'pglite-world.tar'),
    worldJson: path.join(dir, 'pglite-world.json'),
  };
  if (Object.values(files).every((f) => existsSync(f))) {
    return files;
  }
  const database = await openDatabase({});
  try {
    const client = database.pglite;
    if (!client) {
      throw new Error('expected PGlite');
    }
    await fill(database);
    writeAtomic(files.base, new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer()));
    const json = await world(database);
    writeAtomic(
      files.world,
      new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer()),
    );
    writeAtomic(files.worldJson, json);
  } finally {
    await database.close();
  }
  return files;
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

async function postgresTemplates(
  baseUrl: string,
  key: string,
): Promise<NonNullable<TemplateSet['postgres']>> {
  const names = {
    base: postgresTemplateName(key, 'base'),
    world: postgresTemplateName(key, 'world'),
    worldJson: path.join(cacheDir, key, 'postgres-world.json'),
  };
  const exists = async (name: string) =>
    (await adminQuery(baseUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
  if ((await exists(names.world)) && existsSync(names.worldJson)) {
    return names;
  }
  await dropStaleTemplates(baseUrl, key);
  const stamp = new Date().toISOString();
  for (const name of [names.world, names.base]) {
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  await adminQuery(baseUrl, `CREATE DATABASE ${names.base}`);
  await adminQuery(baseUrl, `COMMENT ON DATABASE ${names.base} IS '${stamp}'`);
  const base = await openDatabase({ url: withDatabase(baseUrl, names.base) });
  try {
    await fill(base);
  } finally {
    await base.close();
  }
  await adminQuery(baseUrl, `CREATE DATABASE ${names.world} TEMPLATE ${names.base}`);
  await adminQuery(baseUrl, `COMMENT ON DATABASE ${names.world} IS '${stamp}'`);
  const w = await openDatabase({ url: withDatabase(baseUrl, names.world) });
  try {
    writeAtomic(names.worldJson, await world(w));
  } finally {
    await w.close();
  }
  return names;
}

export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const key = templateKey();
  const set: TemplateSet = { key, pglite: await pgliteTemplates(key) };
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    set.postgres = await postgresTemplates(url, key);
  }
  project.provide('templates', set);
  const json = set.pglite?.worldJson;
  if (json && !readFileSync(json, 'utf8').includes('"world"')) {
    throw new Error(`broken template ${json}`);
  }
  console.log(`test templates ${key} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
