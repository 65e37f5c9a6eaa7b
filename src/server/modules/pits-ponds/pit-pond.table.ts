/**
 * @module Tables of open pits, dumps and tailings ponds (issue 25 §2): the records a pit, dump or pond
 * files (slope analyses, 排洪构筑物 tests, 汛前/汛后 checks, 头顶库 drills and broadcast), and a pond's 闭库
 * with its steps (a JSON list written whole with the row; the 销号 date in its own column for the
 * targets' indicator).
 */
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  ClosureReason,
  ClosureStep,
  RecordKind,
  SlopeTarget,
} from '../../../shared/pits-ponds.ts';
import { mines } from '../registry/mine.table.ts';

export const pitPondRecords = pgTable(
  'pit_pond_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    kind: text('kind').$type<RecordKind>().notNull(),
    /** The slope of a slope record (采场边坡 or 排土场边坡); null for a pond's records. */
    slope: text('slope').$type<SlopeTarget>(),
    recordedOn: date('recorded_on').notNull(),
    document: text('document').notNull(),
    note: text('note').notNull().default(''),
    filedBy: uuid('filed_by').notNull(),
    filedLabel: text('filed_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pit_pond_records_mine_idx').on(t.mineId, t.kind, t.recordedOn)],
);

/** One step done: its date, document, note and who filed it. */
export interface ClosureStepRow {
  step: ClosureStep;
  on: string;
  document: string;
  note: string;
  by: string;
  at: string;
}

/** A pond's 闭库, one per pond: opened for a reason, then its steps in order up to 公告销号. */
export const pondClosures = pgTable(
  'pond_closures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    reason: text('reason').$type<ClosureReason>().notNull(),
    openedOn: date('opened_on').notNull(),
    note: text('note').notNull().default(''),
    steps: jsonb('steps').$type<ClosureStepRow[]>().notNull(),
    /** The date of 公告销号 (the last step), when announced. */
    delistedOn: date('delisted_on'),
    openedBy: uuid('opened_by').notNull(),
    openedLabel: text('opened_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('pond_closures_mine_key').on(t.mineId)],
);
