/**
 * @module Test databases: every database test runs on PGlite, and also on the real PostgreSQL when
 * TEST_DATABASE_URL is set, each test file in a database of its own, cloned from a template that global
 * setup migrated once (test/helpers/templates.ts): `base` has the regions and the hazard catalogue,
 * `world` also the two-jurisdiction test world.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../src/server/platform/db/client.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import {
  adminQuery,
  engineTemplates,
  openPgliteTemplate,
  withDatabase,
  type TemplateKind,
} from './templates.ts';
import { testDeps, type TestClock } from './test-clock.ts';
import { continueFactorySerial } from './factories.ts';
import type { World } from './world.ts';

export { testClock, type TestClock } from './test-clock.ts';

/** The engines this run covers. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export interface TestDatabase {
  database: Database;
  deps: ServiceDeps & { clock: TestClock };
  /** For PostgreSQL: the URL of the isolated database (for child processes). */
  url?: string;
  close(): Promise<void>;
}

/** A fresh database cloned from a template: migrated, with the GB/T 2260 regions and the catalogue. */
export async function createTestDatabase(
  engine: Engine,
  kind: TemplateKind = 'base',
): Promise<TestDatabase> {
  const templates = engineTemplates(inject('templates'), engine);
  if (engine === 'pglite') {
    const database = await openDatabase({ pglite: await openPgliteTemplate(templates[kind]) });
    return { database, deps: testDeps(database.db), close: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    throw new Error('TEST_DATABASE_URL is not set');
  }
  const name = `mw_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `CREATE DATABASE ${name} TEMPLATE ${templates[kind]}`);
  const url = withDatabase(base, name);
  const database = await openDatabase({ url });
  return {
    database,
    deps: testDeps(database.db),
    url,
    close: async () => {
      await database.close();
      await adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A fresh database holding the test world (test/helpers/world.ts), built once by global setup. */
export async function createWorldDatabase(
  engine: Engine,
): Promise<TestDatabase & { world: World }> {
  const t = await createTestDatabase(engine, 'world');
  const saved = JSON.parse(
    readFileSync(engineTemplates(inject('templates'), engine).worldJson, 'utf8'),
  ) as { world: World; serial: number };
  continueFactorySerial(saved.serial);
  return { ...t, world: saved.world };
}
