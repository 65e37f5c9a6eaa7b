import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/columns.ts';
import { mines } from '../registry/mine.table.ts';
import { coalFiles } from './coal-file.table.ts';

/** Where forwarded files go: a superior minewatch over HTTP, or a folder (a superior's drop folder). */
export type CoalForwardKind = 'http' | 'folder';

/** A forwarded file's state: waiting (or retrying), accepted by the target, or refused by it for good. */
export type CoalForwardStatus = 'pending' | 'delivered' | 'rejected';

/**
 * The targets files are forwarded to (应联尽联), as the server's configuration last named them
 * (COAL_FORWARD_URL, COAL_FORWARD_DIR; synced when `minewatch serve` starts): every process that accepts
 * a file queues it for the active ones. No credential is kept here (the token stays in the
 * configuration). A run that sends a target's files leases it first, so two processes never send one
 * target's files at once (the order holds).
 */
export const coalForwardTargets = pgTable('coal_forward_targets', {
  /** 'superior' (HTTP) or 'folder'. */
  key: text('key').primaryKey(),
  kind: text('kind').notNull().$type<CoalForwardKind>(),
  /** The superior's upload URL (without credentials) or the folder's path. */
  address: text('address').notNull(),
  /** False once the configuration no longer names it: nothing new is queued, its backlog stays. */
  active: boolean('active').notNull(),
  leasedBy: text('leased_by'),
  leasedUntil: timestamp('leased_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * The outbox of forwarding: one row per accepted file per active target, written in the transaction
 * that accepts the file (nothing accepted is lost, nothing half-queued). The content is the file's bytes
 * as accepted (the parser read them whole; the superior gets the same SHA-256). Sent per mine in the
 * time of the files' names; a failure is retried with a doubling delay, a refusal for good is kept with
 * its reason. The content is dropped once delivered.
 */
export const coalForwardQueue = pgTable(
  'coal_forward_queue',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    targetKey: text('target_key')
      .notNull()
      .references(() => coalForwardTargets.key),
    fileId: uuid('file_id')
      .notNull()
      .references(() => coalFiles.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    type: text('type').notNull(),
    fileName: text('file_name').notNull(),
    /** The time in the file's name: the order files are sent in (per mine). */
    fileAt: timestamp('file_at', { withTimezone: true }).notNull(),
    content: bytea('content'),
    status: text('status').notNull().$type<CoalForwardStatus>(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    /** Why the last attempt failed (retried), or why the target refused the file (rejected). */
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('coal_forward_queue_target_file_key').on(t.targetKey, t.fileId),
    index('coal_forward_queue_pending_idx')
      .on(t.targetKey, t.mineId, t.fileAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    index('coal_forward_queue_mine_idx').on(t.mineId, t.targetKey, t.status),
  ],
);
