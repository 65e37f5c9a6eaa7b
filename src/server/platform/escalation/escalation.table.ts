import { bigserial, date, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Escalation steps taken, one row per (subject, step). The unique key is what makes the ladder run each
 * step at most once, across restarts and concurrent runners.
 */
export const escalations = pgTable(
  'escalations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    step: text('step').notNull(),
    dueOn: date('due_on').notNull(),
    executedAt: timestamp('executed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('escalations_subject_step_key').on(t.subjectType, t.subjectId, t.step)],
);
