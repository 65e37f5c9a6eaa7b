/**
 * @module Tables of 异地交叉执法 (《2024年矿山安全生产工作要点》第41条): an arrangement made by a common superior unit —
 * the units whose inspectors go, the region they inspect and the period — and its pool of inspectors
 * (执法人才库). Inspections made under it name it (inspections.cross_arrangement_id).
 */
import { date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../../access/access.table.ts';

/** A time-limited cross-inspection arrangement. */
export const crossInspectionArrangements = pgTable(
  'cross_inspection_arrangements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The common superior unit that made it. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** That unit's region when it was made (null: a national unit); who else may see it hangs on it. */
    organisationRegion: text('organisation_region'),
    /** The region inspected: its mines are the arrangement's mines. */
    targetRegion: text('target_region').notNull(),
    /** The regulator units whose inspectors go (none of them covers the target region). */
    unitIds: uuid('unit_ids').array().notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** Ended before its end date: the day and why (its members see nothing from that day on). */
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('cross_inspection_arrangements_period_idx').on(t.endsOn, t.startsOn)],
);

/** The pool of inspectors (执法人才库) of an arrangement: who may inspect its mines in its period. */
export const crossInspectionMembers = pgTable(
  'cross_inspection_members',
  {
    arrangementId: uuid('arrangement_id')
      .notNull()
      .references(() => crossInspectionArrangements.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.arrangementId, t.userId] }),
    index('cross_inspection_members_user_idx').on(t.userId),
  ],
);
