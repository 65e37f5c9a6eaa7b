/**
 * @module Tables of 企业主体责任 (issue 25 §4): the dated duty records a mine files per person (带班下井,
 * 现场履职, 在岗履职) and the 矿长安全生产记分 entries a regulator gives a principal.
 */
import {
  date,
  index,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { DutyKind } from '../../../shared/duty.ts';
import { mines } from '../registry/mine.table.ts';
import { people } from '../registry/person.table.ts';

/** One person's duty on one day (one record per person, kind and day). */
export const dutyRecords = pgTable(
  'duty_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').$type<DutyKind>().notNull(),
    dutyOn: date('duty_on').notNull(),
    note: text('note').notNull().default(''),
    filedBy: uuid('filed_by').notNull(),
    filedLabel: text('filed_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('duty_records_person_day_key').on(t.personId, t.kind, t.dutyOn),
    index('duty_records_mine_idx').on(t.mineId, t.dutyOn),
  ],
);

/** A 矿长安全生产记分 entry: the points given a principal on a date, with the reason. */
export const dutyScores = pgTable(
  'duty_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    deductedOn: date('deducted_on').notNull(),
    points: smallint('points').notNull(),
    reason: text('reason').notNull(),
    filedBy: uuid('filed_by').notNull(),
    filedLabel: text('filed_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('duty_scores_person_idx').on(t.personId, t.deductedOn),
    index('duty_scores_mine_idx').on(t.mineId, t.deductedOn),
  ],
);
