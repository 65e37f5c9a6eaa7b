/**
 * @module Opens the configured database, migrates it, and assembles the service dependencies used by
 * the HTTP server, the CLI and jobs alike.
 */
import { sql } from 'drizzle-orm';
import type { Config } from './platform/config.ts';
import type { ServiceDeps } from './platform/context.ts';
import { createEventChannel } from './platform/events.ts';
import { migrateDatabase, openDatabase, type Database } from './platform/db/client.ts';
import type { DataLock } from './platform/db/data-lock.ts';

export interface Runtime {
  database: Database;
  deps: ServiceDeps;
  close(): Promise<void>;
}

/** The embedded database's data folder under DATA_DIR. */
export function pgliteDataDir(config: Pick<Config, 'dataDir'>): string {
  return `${config.dataDir}/pglite`;
}

/**
 * Opens and migrates the configured database. The embedded one takes the lock on its data folder until
 * close, unless the caller holds it (`lock`, the server's for its whole life).
 */
export async function openRuntime(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'secret'>,
  options: { lock?: DataLock | undefined } = {},
): Promise<Runtime> {
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : pgliteDataDir(config),
    lock: options.lock,
  });
  try {
    await migrateDatabase(database);
    // PGlite has no autovacuum daemon: refresh planner statistics at start (milliseconds on small data;
    // without them list filters fall back to nested loops).
    if (database.engine === 'pglite') {
      await database.db.execute(sql`ANALYZE`);
    }
  } catch (e) {
    await database.close();
    throw e;
  }
  return {
    database,
    deps: {
      db: database.db,
      clock: () => new Date(),
      secret: config.secret,
      events: createEventChannel(),
    },
    close: () => database.close(),
  };
}
