/**
 * @module Opens the configured database, migrates it, and assembles the service dependencies used by
 * the HTTP server, the CLI and jobs alike.
 */
import { sql } from 'drizzle-orm';
import type { Config } from './platform/config.ts';
import type { ServiceDeps } from './platform/context.ts';
import { createEventChannel } from './platform/events.ts';
import { migrateDatabase, openDatabase, type Database } from './platform/db/client.ts';

export interface Runtime {
  database: Database;
  deps: ServiceDeps;
  close(): Promise<void>;
}

export async function openRuntime(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'secret'>,
): Promise<Runtime> {
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite`,
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
