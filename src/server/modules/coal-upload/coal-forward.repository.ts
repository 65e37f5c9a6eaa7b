/**
 * @module SQL of forwarding upward: the targets as configured (synced), queuing an accepted file for
 * every active target in the accepting transaction, leasing a target to one process, the next files of
 * each mine due to be sent, each attempt's outcome, and the backlog per target within a jurisdiction.
 */
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import {
  coalForwardQueue,
  coalForwardTargets,
  type CoalForwardKind,
} from './coal-forward.table.ts';

export type CoalForwardTargetRow = typeof coalForwardTargets.$inferSelect;
export type CoalForwardRow = typeof coalForwardQueue.$inferSelect;

export async function allTargets(db: Db): Promise<CoalForwardTargetRow[]> {
  return db.select().from(coalForwardTargets).orderBy(asc(coalForwardTargets.key));
}

/** Writes a target as configured (active or not); returns the row before, if any. */
export async function upsertTarget(
  tx: Db,
  t: { key: string; kind: CoalForwardKind; address: string; active: boolean },
  at: Date,
) {
  const [before] = await tx
    .select()
    .from(coalForwardTargets)
    .where(eq(coalForwardTargets.key, t.key))
    .for('update');
  await tx
    .insert(coalForwardTargets)
    .values({ ...t, updatedAt: at })
    .onConflictDoUpdate({
      target: coalForwardTargets.key,
      set: { kind: t.kind, address: t.address, active: t.active, updatedAt: at },
    });
  return before;
}

/** Queues an accepted file for every active target (in the file's transaction); how many rows. */
export async function enqueueFile(
  tx: Db,
  file: { id: string; mineId: string; type: string; fileName: string; fileAt: Date },
  content: Buffer,
  at: Date,
): Promise<number> {
  const targets = await tx
    .select({ key: coalForwardTargets.key })
    .from(coalForwardTargets)
    .where(eq(coalForwardTargets.active, true));
  if (targets.length === 0) {
    return 0;
  }
  await tx.insert(coalForwardQueue).values(
    targets.map((t) => ({
      targetKey: t.key,
      fileId: file.id,
      mineId: file.mineId,
      type: file.type,
      fileName: file.fileName,
      fileAt: file.fileAt,
      content,
      status: 'pending' as const,
      nextAttemptAt: at,
      createdAt: at,
    })),
  );
  return targets.length;
}

/**
 * Leases a target to `owner` until `until` unless another process holds an unexpired lease (one
 * conditional update: atomic on PostgreSQL). The holder renews it the same way.
 */
export async function leaseTarget(
  db: Db,
  key: string,
  owner: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`UPDATE ${coalForwardTargets} SET leased_by = ${owner}, leased_until = ${until.toISOString()}::timestamptz
        WHERE key = ${key}
          AND (leased_until IS NULL OR leased_until <= ${now.toISOString()}::timestamptz OR leased_by = ${owner})
        RETURNING key`,
  );
  return rows.length > 0;
}

export async function releaseTarget(db: Db, key: string, owner: string): Promise<void> {
  await db
    .update(coalForwardTargets)
    .set({ leasedBy: null, leasedUntil: null })
    .where(and(eq(coalForwardTargets.key, key), eq(coalForwardTargets.leasedBy, owner)));
}

/**
 * The mines whose oldest pending file for the target is due by `now` (a mine whose oldest waits for its
 * retry holds its later files back), oldest first: [mine id, attempts of its oldest].
 */
export async function dueMines(db: Db, key: string, now: Date, limit: number) {
  return queryRows<{ mine_id: string; attempts: number }>(
    db,
    sql`SELECT mine_id, attempts FROM (
          SELECT DISTINCT ON (mine_id) mine_id, attempts, next_attempt_at, file_at, id
          FROM ${coalForwardQueue}
          WHERE target_key = ${key} AND status = 'pending'
          ORDER BY mine_id, file_at, id
        ) heads
        WHERE next_attempt_at <= ${now.toISOString()}::timestamptz
        ORDER BY file_at, id
        LIMIT ${limit}`,
  );
}

/** A mine's pending files for the target in the order they are sent (file time, then queue order). */
export async function pendingOfMine(
  db: Db,
  key: string,
  mineId: string,
  limit: number,
): Promise<CoalForwardRow[]> {
  return db
    .select()
    .from(coalForwardQueue)
    .where(
      and(
        eq(coalForwardQueue.targetKey, key),
        eq(coalForwardQueue.mineId, mineId),
        eq(coalForwardQueue.status, 'pending'),
      ),
    )
    .orderBy(asc(coalForwardQueue.fileAt), asc(coalForwardQueue.id))
    .limit(limit);
}

export async function markDelivered(db: Db, ids: number[], at: Date): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  await db
    .update(coalForwardQueue)
    .set({
      status: 'delivered',
      deliveredAt: at,
      lastAttemptAt: at,
      lastError: null,
      content: null,
      attempts: sql`${coalForwardQueue.attempts} + 1`,
    })
    .where(inArray(coalForwardQueue.id, ids));
}

/** A refusal for good: kept with its reason (and its content, for whoever looks into it). */
export async function markRejected(db: Db, id: number, reason: string, at: Date): Promise<void> {
  await db
    .update(coalForwardQueue)
    .set({
      status: 'rejected',
      lastAttemptAt: at,
      lastError: reason,
      attempts: sql`${coalForwardQueue.attempts} + 1`,
    })
    .where(eq(coalForwardQueue.id, id));
}

/** A failed attempt: due again after the delay the row's attempts give (computed by the caller). */
export async function markRetry(
  db: Db,
  id: number,
  f: { error: string; attempts: number; next: Date },
  at: Date,
): Promise<void> {
  await db
    .update(coalForwardQueue)
    .set({ attempts: f.attempts, lastError: f.error, lastAttemptAt: at, nextAttemptAt: f.next })
    .where(eq(coalForwardQueue.id, id));
}

/** Per target, the backlog of the mines a condition on `mines` admits. */
export async function backlogOf(db: Db, scope: SQL | undefined) {
  const where = scope ? sql`AND ${scope}` : sql``;
  return queryRows<{
    target_key: string;
    pending: number;
    oldest_pending_at: Date | string | null;
    pending_mines: number;
    retrying: number;
    rejected: number;
    delivered: number;
    last_attempt_at: Date | string | null;
    last_delivered_at: Date | string | null;
  }>(
    db,
    sql`SELECT q.target_key,
          count(*) FILTER (WHERE q.status = 'pending')::int AS pending,
          min(q.file_at) FILTER (WHERE q.status = 'pending') AS oldest_pending_at,
          count(DISTINCT q.mine_id) FILTER (WHERE q.status = 'pending')::int AS pending_mines,
          count(*) FILTER (WHERE q.status = 'pending' AND q.attempts > 0)::int AS retrying,
          count(*) FILTER (WHERE q.status = 'rejected')::int AS rejected,
          count(*) FILTER (WHERE q.status = 'delivered')::int AS delivered,
          max(q.last_attempt_at) AS last_attempt_at,
          max(q.delivered_at) AS last_delivered_at
        FROM ${coalForwardQueue} q JOIN ${mines} ON ${mines.id} = q.mine_id
        WHERE true ${where}
        GROUP BY q.target_key`,
  );
}

/** The latest failed attempts (still pending) and refusals of a target within the scope, newest first. */
export async function problemsOf(
  db: Db,
  key: string,
  status: 'pending' | 'rejected',
  scope: SQL | undefined,
  limit: number,
) {
  return db
    .select({
      id: coalForwardQueue.id,
      mineId: coalForwardQueue.mineId,
      mineName: mines.name,
      type: coalForwardQueue.type,
      fileName: coalForwardQueue.fileName,
      fileAt: coalForwardQueue.fileAt,
      attempts: coalForwardQueue.attempts,
      lastAttemptAt: coalForwardQueue.lastAttemptAt,
      nextAttemptAt: coalForwardQueue.nextAttemptAt,
      lastError: coalForwardQueue.lastError,
    })
    .from(coalForwardQueue)
    .innerJoin(mines, eq(mines.id, coalForwardQueue.mineId))
    .where(
      and(
        eq(coalForwardQueue.targetKey, key),
        eq(coalForwardQueue.status, status),
        status === 'pending' ? gt(coalForwardQueue.attempts, 0) : undefined,
        scope,
      ),
    )
    .orderBy(sql`${coalForwardQueue.lastAttemptAt} DESC NULLS LAST`, asc(coalForwardQueue.id))
    .limit(limit);
}
