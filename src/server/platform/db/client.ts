/**
 * @module Opens the one schema on embedded PGlite or on a PostgreSQL server, and applies migrations.
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';
import { acquireDataLock, commandOf, type DataLock } from './data-lock.ts';
import { inProject } from '../paths.ts';

/** A database or a transaction: every repository function takes one of these explicitly. */
export type Db = PgDatabase<PgQueryResultHKT>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** The embedded engine itself (PGlite only), e.g. to dump its data folder. */
  pglite?: PGlite;
  /** Closes the connection pool or the embedded engine; a process holding PGlite open never exits. */
  close(): Promise<void>;
}

export const migrationsFolder = inProject('src/server/db/migrations');

/** Where the database lives: a PostgreSQL URL, or a PGlite data folder (undefined = in memory). */
export interface DatabaseTarget {
  url?: string | undefined;
  dataDir?: string | undefined;
  /** An embedded engine opened by the caller (tests load it from a template's data folder). */
  pglite?: PGlite | undefined;
  /**
   * The lock on dataDir, held by the caller beyond this database (the server holds it while the demo is
   * seeded in a child process); without it, opening a data folder takes its lock until close.
   */
  lock?: DataLock | undefined;
}

/** Wraps a close function so that closing twice is harmless. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

/** Opens the database without migrating it. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.url) {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      // Names the command in pg_stat_activity: a restore refuses while `minewatch serve` is connected.
      application_name: `minewatch ${commandOf()}`.slice(0, 63),
    });
    // Surface broken idle connections in the log instead of crashing the process.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool) as unknown as Db;
    return { db, engine: 'postgres', close: once(() => pool.end()) };
  }
  if (target.pglite) {
    const client = target.pglite;
    await client.waitReady;
    const db = drizzlePglite(client) as unknown as Db;
    return { db, engine: 'pglite', pglite: client, close: once(() => client.close()) };
  }
  // One process at a time in a data folder (data-lock.ts): a second PGlite on it corrupts it.
  const ownLock = target.dataDir && !target.lock ? acquireDataLock(target.dataDir) : undefined;
  try {
    const client = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    await client.waitReady;
    const db = drizzlePglite(client) as unknown as Db;
    const close = once(async () => {
      try {
        await client.close();
      } finally {
        ownLock?.release();
      }
    });
    return { db, engine: 'pglite', pglite: client, close };
  } catch (e) {
    ownLock?.release();
    throw e;
  }
}

/** Applies every committed migration, in order, the same way on both engines. */
export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder, migrationsSchema: 'drizzle' };
  if (database.engine === 'postgres') {
    await migratePg(database.db as unknown as Parameters<typeof migratePg>[0], config);
  } else {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], config);
  }
}

interface Journal {
  entries: { tag: string }[];
}

/** The migrations committed in the code base and those applied to this database. */
export async function migrationState(db: Db): Promise<{ expected: number; applied: number }> {
  const journal = JSON.parse(
    readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8'),
  ) as Journal;
  let applied = 0;
  try {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
    );
    applied = rows[0]?.n ?? 0;
  } catch {
    applied = 0;
  }
  return { expected: journal.entries.length, applied };
}

/**
 * A time in milliseconds brought within what `to_timestamp` takes (±8.64e12 ms, about ±273,000 years):
 * open bounds (±Infinity) of a span become the far past or future.
 */
export function sqlTimeMs(ms: number): number {
  return Math.max(-8.64e12, Math.min(8.64e12, ms));
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** The SQLSTATE of a database error (through Drizzle's wrapping), e.g. '23505' for a unique violation. */
export function sqlState(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return code;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Refreshes the planner's statistics of every table (after a bulk load). */
export async function analyzeDatabase(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE`);
}

/**
 * The PostgreSQL connection a transaction runs on, for what Drizzle does not speak (COPY); undefined
 * on PGlite or outside a transaction (a pool has no one connection).
 */
export function transactionConnection(tx: Db): pg.ClientBase | undefined {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  // A pool's connections are pg.Client instances; the pool itself is not.
  return client instanceof pg.Client ? client : undefined;
}

/**
 * Starts `COPY … FROM STDIN` on a connection with the bytes given: `sent` settles once they are on the
 * wire (the caller may then do other work while the server stores them), `done` once the server has
 * stored them or refused them (its error, with the SQLSTATE). Other queries on the connection queue
 * behind it.
 */
export function copyIn(
  client: pg.ClientBase,
  statement: string,
  data: Uint8Array,
): { sent: Promise<void>; done: Promise<void> } {
  const stream = client.query(copyFrom(statement));
  const done = finished(stream);
  const written = new Promise<void>((resolve) => stream.write(data, () => resolve()));
  stream.end();
  return { sent: Promise.race([written, done]), done };
}
