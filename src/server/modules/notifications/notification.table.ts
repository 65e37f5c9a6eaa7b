/**
 * @module Tables of notifications: in-app notifications to named users, and the outbox of events for
 * the SMS / messaging gateway and of e-mails.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';

/** Where an outbox row goes: the SMS / voice gateway's webhook, or e-mail over SMTP. */
export type OutboxChannel = 'webhook' | 'email';

/** In-app notifications to named users (reminders, escalations, orders). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/**
 * The webhook outbox: one row per notification event, written in the same transaction as the
 * notifications, delivered (signed) to the SMS / messaging gateway by the delivery job, retried with
 * backoff until it answers 2xx. Receivers deduplicate by the delivery id (at-least-once).
 */
export const webhookOutbox = pgTable(
  'webhook_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** 'webhook' (the SMS / voice gateway) or 'email' (sent over SMTP_URL). */
    channel: text('channel').$type<OutboxChannel>().notNull().default('webhook'),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    index('webhook_outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} IS NULL AND ${t.failedAt} IS NULL`),
  ],
);
