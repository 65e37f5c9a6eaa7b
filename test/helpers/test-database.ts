/**
 * @module Test databases: every database test runs on PGlite, and also on the real PostgreSQL when
 * TEST_DATABASE_URL is set, each test file in a database of its own.
 */
import {
  migrateDatabase,
  openDatabase,
  type Database,
  type Engine,
} from '../../src/server/platform/db/client.ts';
import { createScratchDatabase } from '../../src/server/platform/db/scratch.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { loadRegions } from '../../src/server/modules/registry/region.service.ts';
import { loadHazardCatalogue } from '../../src/server/modules/hazards/catalogue.service.ts';

/** The engines this run covers. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

/** A clock the test moves by hand. */
export interface TestClock {
  now: Date;
  (): Date;
  advance(ms: number): void;
}

export function testClock(start = '2026-11-22T02:00:00Z'): TestClock {
  const clock = (() => clock.now) as TestClock;
  clock.now = new Date(start);
  clock.advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return clock;
}

export interface TestDatabase {
  database: Database;
  deps: ServiceDeps & { clock: TestClock };
  /** For PostgreSQL: the URL of the isolated database (for child processes). */
  url?: string;
  close(): Promise<void>;
}

/** A fresh, migrated database with the GB/T 2260 regions loaded. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  let url: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (engine === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) {
      throw new Error('TEST_DATABASE_URL is not set');
    }
    ({ url, drop: dropDatabase } = await createScratchDatabase(base, 'mw_test'));
  }
  const database = await openDatabase({ url });
  await migrateDatabase(database);
  await loadRegions(database.db);
  await loadHazardCatalogue(database.db, new Date('2026-11-22T00:00:00Z'));
  const clock = testClock();
  return {
    database,
    deps: { db: database.db, clock, secret: Buffer.alloc(32, 7) },
    ...(url ? { url } : {}),
    close: async () => {
      await database.close();
      await dropDatabase?.();
    },
  };
}
