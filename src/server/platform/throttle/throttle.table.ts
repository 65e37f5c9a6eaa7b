/**
 * @module The hits of the sliding-window limits (platform/throttle): one row per counted request in a
 * bucket; buckets name what is limited and hold only keyed digests (never a client address or a name).
 */
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const throttleHits = pgTable(
  'throttle_hits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `<what>:<keyed digest>`, e.g. `track:…` for the tracking look-ups of one client address. */
    bucket: text('bucket').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('throttle_hits_bucket_idx').on(t.bucket, t.at)],
);
