import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per scheduled job: who holds it now and until when, and its last run. A process runs a job
 * only after claiming this row, so two server processes never run the same job at once, and a job that
 * ran recently anywhere is not run again before its period is over.
 */
export const jobClaims = pgTable('job_claims', {
  name: text('name').primaryKey(),
  /** The process holding the claim (`<host>:<pid>:<random>`). */
  owner: text('owner').notNull(),
  /** The claim lapses at this time, so a process that died mid-run does not hold the job forever. */
  heldUntil: timestamp('held_until', { withTimezone: true }).notNull(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }).notNull(),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  /** What the last finished run did (its counts), or its error. */
  lastResult: jsonb('last_result'),
});
