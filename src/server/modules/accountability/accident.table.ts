/**
 * @module Tables of accidents (issue 9 §2): the accident with its computed grade, each chain notice
 * (逐级报送, table accident_reports) with its time, and the 约谈 records a 较大 or 涉险 accident opens.
 */
import {
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  date,
} from 'drizzle-orm/pg-core';
import type {
  AccidentGrade,
  AccidentKind,
  InterviewParty,
  InterviewState,
  NoticeChannel,
} from '../../../shared/accidents.ts';
import { mines } from '../registry/mine.table.ts';

export const accidents = pgTable(
  'accidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    kind: text('kind').$type<AccidentKind>().notNull(),
    place: text('place').notNull(),
    deaths: integer('deaths').notNull(),
    seriousInjuries: integer('serious_injuries').notNull(),
    directLossYuan: doublePrecision('direct_loss_yuan').notNull(),
    grade: text('grade').$type<AccidentGrade>().notNull(),
    description: text('description').notNull(),
    reportedBy: uuid('reported_by').notNull(),
    reportedLabel: text('reported_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('accidents_mine_idx').on(t.mineId, t.occurredAt),
    index('accidents_time_idx').on(t.occurredAt),
  ],
);

/** One chain notice (a step of the setting accountability.accidentReporting), once per step. */
export const chainNotices = pgTable(
  'accident_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accidentId: uuid('accident_id')
      .notNull()
      .references(() => accidents.id),
    step: text('step').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    channel: text('channel').$type<NoticeChannel>().notNull(),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by').notNull(),
    recordedLabel: text('recorded_label').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('accident_reports_step_key').on(t.accidentId, t.step)],
);

/** 约谈 of the enterprise or its parent company after a 较大 or 涉险 accident. */
export const accidentInterviews = pgTable(
  'accident_interviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accidentId: uuid('accident_id')
      .notNull()
      .references(() => accidents.id),
    party: text('party').$type<InterviewParty>().notNull(),
    partyName: text('party_name').notNull(),
    state: text('state').$type<InterviewState>().notNull(),
    heldOn: date('held_on'),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('accident_interviews_party_key').on(t.accidentId, t.party)],
);
