/**
 * @module Tables of 隐蔽致灾因素普查 (issue 25 §1): a mine's survey with its factors and zones (JSON
 * lists, written and read whole with their survey), its review and the grade it set, and the report
 * files (through platform/files).
 */
import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  DisasterGrade,
  FactorInput,
  SurveyState,
  ZoneInput,
} from '../../../shared/surveys.ts';
import { storedFileColumns } from '../../platform/db/columns.ts';
import { mines } from '../registry/mine.table.ts';

export const surveys = pgTable(
  'hidden_hazard_surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    surveyedOn: date('surveyed_on').notNull(),
    surveyor: text('surveyor').notNull(),
    areaKm2: doublePrecision('area_km2').notNull(),
    scopeYears: smallint('scope_years').notNull(),
    scopeDescription: text('scope_description').notNull(),
    factors: jsonb('factors').$type<FactorInput[]>().notNull(),
    zones: jsonb('zones').$type<ZoneInput[]>().notNull(),
    /** The grade the factors set ("就高不就低"); published once the survey passes review. */
    grade: text('grade').$type<DisasterGrade>().notNull(),
    note: text('note').notNull().default(''),
    state: text('state').$type<SurveyState>().notNull(),
    reviewedOn: date('reviewed_on'),
    reviewNote: text('review_note').notNull().default(''),
    reviewedBy: uuid('reviewed_by'),
    reviewedLabel: text('reviewed_label'),
    filedBy: uuid('filed_by').notNull(),
    filedLabel: text('filed_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('hidden_hazard_surveys_mine_idx').on(t.mineId, t.surveyedOn),
    index('hidden_hazard_surveys_state_idx').on(t.state, t.surveyedOn),
  ],
);

/** The survey report (PDF or scans), through platform/files. */
export const surveyFiles = pgTable(
  'hidden_hazard_survey_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    fileName: text('file_name').notNull(),
    ...storedFileColumns(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('hidden_hazard_survey_files_sha_key').on(t.surveyId, t.sha256)],
);
