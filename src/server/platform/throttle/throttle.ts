/**
 * @module Sliding-window limits kept in the database, atomic across processes and connections: a caller
 * locks a bucket for the rest of its transaction (a transaction-level advisory lock), counts the bucket's
 * hits within the window and records its own before committing. Two requests of one bucket therefore
 * never count at once, and of many concurrent requests exactly the limit get through (count-then-insert
 * without the lock let 30 of 30 concurrent 举报 in against a limit of 5 on PostgreSQL).
 */
import { PgTransaction } from 'drizzle-orm/pg-core';
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError, AppErrorCode } from '../errors.ts';
import { throttleHits } from './throttle.table.ts';

/**
 * Holds the bucket until the caller's transaction ends. Callers locking several buckets lock them in one
 * fixed order (so two of them never wait on each other).
 */
export async function lockBucket(tx: Db, bucket: string): Promise<void> {
  if (!(tx instanceof PgTransaction)) {
    // Outside a transaction the lock would end with its own statement and guard nothing.
    throw new AppError(AppErrorCode.Internal, 'lockBucket must run inside a transaction');
  }
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`throttle:${bucket}`}, 0))`);
}

/** The bucket's hits after `since`. */
export async function hitsSince(db: Db, bucket: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(throttleHits)
    .where(and(eq(throttleHits.bucket, bucket), gt(throttleHits.at, since)));
  return row?.n ?? 0;
}

/** Records a hit; answers its id (to take it back, e.g. when a sign-in turns out right). */
export async function recordHit(db: Db, bucket: string, at: Date): Promise<string> {
  const [row] = await db
    .insert(throttleHits)
    .values({ bucket, at })
    .returning({ id: throttleHits.id });
  if (!row) {
    throw new AppError(AppErrorCode.Internal, 'throttle hit not stored');
  }
  return row.id;
}

/** Takes a hit back. */
export async function removeHit(db: Db, id: string): Promise<void> {
  await db.delete(throttleHits).where(eq(throttleHits.id, id));
}

/** Hits older than every window: they count for nothing any more. */
export async function purgeHitsBefore(db: Db, before: Date): Promise<number> {
  const gone = await db
    .delete(throttleHits)
    .where(lt(throttleHits.at, before))
    .returning({ id: throttleHits.id });
  return gone.length;
}

/** The longest window any limit uses; hits older than this are purged. */
export const THROTTLE_WINDOW_MAX_MS = 24 * 60 * 60 * 1000;
