/**
 * @module SQL of the outbox: queuing an event for the SMS / messaging gateway or an e-mail in the
 * caller's transaction, the due rows of a channel, and each delivery attempt's outcome.
 */
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { webhookOutbox, type OutboxChannel } from './notification.table.ts';

export type OutboxRow = typeof webhookOutbox.$inferSelect;

/** Queues one row, due at once. */
export async function insertOutbox(db: Db, channel: OutboxChannel, payload: object, at: Date) {
  await db.insert(webhookOutbox).values({ channel, payload, createdAt: at, nextAttemptAt: at });
}

/**
 * Claims the rows of a channel due by `now` (neither delivered nor given up), oldest first, for one
 * sender until `leaseUntil`: they are not due again before then, so of several nodes delivering at the
 * same moment each row goes out through one (SKIP LOCKED: nodes take different rows instead of waiting).
 * Delivered or failed, the attempt's outcome replaces the lease; a sender that died leaves the row due
 * again when its lease ends.
 */
export async function claimDueOutbox(
  db: Db,
  channel: OutboxChannel,
  now: Date,
  limit: number,
  leaseUntil: Date,
) {
  const due = db
    .select({ id: webhookOutbox.id })
    .from(webhookOutbox)
    .where(
      and(
        eq(webhookOutbox.channel, channel),
        isNull(webhookOutbox.deliveredAt),
        isNull(webhookOutbox.failedAt),
        lte(webhookOutbox.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(webhookOutbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(webhookOutbox)
    .set({ nextAttemptAt: leaseUntil })
    .where(inArray(webhookOutbox.id, due))
    .returning();
  return rows.sort((x, y) => x.id - y.id);
}

export async function markOutboxDelivered(db: Db, id: number, attempts: number, at: Date) {
  await db
    .update(webhookOutbox)
    .set({ attempts, deliveredAt: at, lastError: null })
    .where(eq(webhookOutbox.id, id));
}

/** Records a failed attempt: due again `retryMinutes` after `at`, or given up (failedAt = at). */
export async function markOutboxFailed(
  db: Db,
  id: number,
  f: { attempts: number; error: string; giveUp: boolean; retryMinutes: number },
  at: Date,
) {
  await db
    .update(webhookOutbox)
    .set({
      attempts: f.attempts,
      lastError: f.error,
      failedAt: f.giveUp ? at : null,
      nextAttemptAt: sql`${at.toISOString()}::timestamptz + make_interval(mins => ${f.retryMinutes})`,
    })
    .where(eq(webhookOutbox.id, id));
}
