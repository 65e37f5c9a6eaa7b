/**
 * @module Tables of accidents (issue 9 §2): the accident with its computed grade, each chain notice
 * (逐级报送, table accident_reports) with its time, and the 约谈 records a 较大 or 涉险 accident opens.
 */
import {
  boolean,
  doublePrecision,
  jsonb,
  index,
  integer,
  pgTable,
  serial,
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
import type {
  AccidentStage,
  AccidentWorkflowStep,
  InvestigationLevel,
} from '../../../shared/accident-workflow.ts';
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
    /** After filing (issue 24): 调查中 → 已认定 (调查认定) → 已结案. */
    stage: text('stage').$type<AccidentStage>().notNull().default('调查中'),
    /** The level and unit investigating after a 提级调查 (null: the grade's own level, 条例第十九条). */
    investigationLevel: text('investigation_level').$type<InvestigationLevel>(),
    investigationUnit: text('investigation_unit'),
    /** 挂牌督办: by which unit, by when. */
    supervisedBy: text('supervised_by'),
    superviseDeadline: date('supervise_deadline'),
    /** 调查认定. */
    findingOn: date('finding_on'),
    findingNature: text('finding_nature'),
    findingCause: text('finding_cause'),
    findingText: text('finding_text'),
    /** 整改验收: after a death the mine resumes only once this is set. */
    rectificationAcceptedOn: date('rectification_accepted_on'),
    closedOn: date('closed_on'),
    /** A 瞒报 accident found through a 举报 (the case that found it). */
    concealed: boolean('concealed').notNull().default(false),
    concealedReportId: uuid('concealed_report_id'),
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

/** A person or unit held responsible by the 调查认定, with the proposed handling. */
export const accidentParties = pgTable(
  'accident_parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accidentId: uuid('accident_id')
      .notNull()
      .references(() => accidents.id),
    kind: text('kind').$type<'个人' | '单位'>().notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    handling: text('handling').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('accident_parties_accident_idx').on(t.accidentId, t.sortOrder)],
);

/** The accident's timeline after its filing (append-only): each step with what it recorded. */
export const accidentSteps = pgTable(
  'accident_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accidentId: uuid('accident_id')
      .notNull()
      .references(() => accidents.id),
    /** The order the steps were taken in (several can share an instant). */
    seq: serial('seq').notNull(),
    step: text('step').$type<AccidentWorkflowStep>().notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    actorLabel: text('actor_label').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('accident_steps_accident_idx').on(t.accidentId, t.at)],
);
