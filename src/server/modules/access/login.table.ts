/**
 * @module The back-off of sign-ins per user name: consecutive failures and until when the name is held,
 * and the address it last signed in from (which the hold does not stop). Names and addresses are kept
 * as keyed digests, so a password typed into the name field is never stored.
 */
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const loginBackoff = pgTable('login_backoff', {
  /** Keyed digest of the user name tried, known or not (an unknown name backs off alike). */
  nameDigest: text('name_digest').primaryKey(),
  /** Failures since the last sign-in (or since a quiet day). */
  failures: integer('failures').notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  /** Keyed digest of the client address of the last successful sign-in. */
  trustedIpDigest: text('trusted_ip_digest'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
