/**
 * @module Tables of 应急准备与培训 (issue 25 §3): per mine, its 应急预案, drills, rescue agreements,
 * training sessions with their attendees, 自救器 practices with each person's time, 两单两卡 per post,
 * and the 逢查必考 results recorded on an inspection.
 */
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { DrillKind } from '../../../shared/emergency.ts';
import { inspections } from '../inspections/records/inspection.table.ts';
import { mines } from '../registry/mine.table.ts';

/** Who filed a record and when. */
function filed() {
  return {
    filedBy: uuid('filed_by').notNull(),
    filedLabel: text('filed_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  };
}
const mineRef = () =>
  uuid('mine_id')
    .notNull()
    .references(() => mines.id);

export const emergencyPlans = pgTable(
  'emergency_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: mineRef(),
    title: text('title').notNull(),
    revisedOn: date('revised_on').notNull(),
    note: text('note').notNull().default(''),
    ...filed(),
  },
  (t) => [index('emergency_plans_mine_idx').on(t.mineId, t.revisedOn)],
);

export const emergencyDrills = pgTable(
  'emergency_drills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: mineRef(),
    kind: text('kind').$type<DrillKind>().notNull(),
    drilledOn: date('drilled_on').notNull(),
    participants: integer('participants').notNull(),
    findings: text('findings').notNull().default(''),
    ...filed(),
  },
  (t) => [index('emergency_drills_mine_idx').on(t.mineId, t.kind, t.drilledOn)],
);

export const rescueAgreements = pgTable(
  'rescue_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: mineRef(),
    kind: text('kind').notNull(),
    teamName: text('team_name').notNull(),
    signedOn: date('signed_on').notNull(),
    validUntil: date('valid_until').notNull(),
    ...filed(),
  },
  (t) => [index('rescue_agreements_mine_idx').on(t.mineId, t.validUntil)],
);

/** A training session; its attendees are registry people of the mine. */
export const safetyTrainings = pgTable(
  'safety_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: mineRef(),
    trainedOn: date('trained_on').notNull(),
    topic: text('topic').notNull(),
    hours: doublePrecision('hours').notNull(),
    personIds: uuid('person_ids').array().notNull(),
    ...filed(),
  },
  (t) => [index('safety_trainings_mine_idx').on(t.mineId, t.trainedOn)],
);

/** One person's donning time at a 自救器 practice, and whether it passed. */
export interface SelfRescueResult {
  personId: string;
  name: string;
  seconds: number;
  passed: boolean;
}

export const selfRescuePractices = pgTable(
  'self_rescue_practices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: mineRef(),
    practisedOn: date('practised_on').notNull(),
    results: jsonb('results').$type<SelfRescueResult[]>().notNull(),
    ...filed(),
  },
  (t) => [index('self_rescue_practices_mine_idx').on(t.mineId, t.practisedOn)],
);

/** 两单两卡 of one post: the date each of the four papers was compiled (none yet: null). */
export const postCards = pgTable(
  'post_cards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: mineRef(),
    post: text('post').notNull(),
    riskListOn: date('risk_list_on'),
    dutyListOn: date('duty_list_on'),
    operationCardOn: date('operation_card_on'),
    emergencyCardOn: date('emergency_card_on'),
    ...filed(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('post_cards_mine_post_key').on(t.mineId, t.post)],
);

/** 逢查必考: one examinee's result on an inspection of the mine. */
export const inspectionExams = pgTable(
  'inspection_exams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    mineId: mineRef(),
    examinedOn: date('examined_on').notNull(),
    personId: uuid('person_id'),
    name: text('name').notNull(),
    post: text('post').notNull().default(''),
    score: doublePrecision('score').notNull(),
    passed: boolean('passed').notNull(),
    ...filed(),
  },
  (t) => [index('inspection_exams_inspection_idx').on(t.inspectionId)],
);
