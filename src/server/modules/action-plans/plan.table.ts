/**
 * @module Tables of the 攻坚清单 (issue 8): plans, their tasks, the tasks' progress and its evidence
 * files, the monthly regional risk grades and the archived periodic reports. The table and column
 * names predate the module's names (work_task_reports holds progress, plan_reports periodic reports).
 */
import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PeriodicReportTrigger, TaskKind } from '../../../shared/action-plans.enums.ts';
import type { PeriodicReportData } from '../../../shared/action-plans.schemas.ts';
import type { PeriodicReportKind } from '../../../shared/periodic-report.periods.ts';
import { bytea, storedFileColumns } from '../../platform/db/columns.ts';
import { organisations } from '../access/access.table.ts';

export const workPlans = pgTable('work_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  regionCode: text('region_code').notNull(),
  title: text('title').notNull(),
  fromYear: smallint('from_year').notNull(),
  toYear: smallint('to_year').notNull(),
  source: text('source').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const workTasks = pgTable(
  'work_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => workPlans.id),
    number: text('number').notNull(),
    content: text('content').notNull(),
    leadUnitId: uuid('lead_unit_id')
      .notNull()
      .references(() => organisations.id),
    coUnitIds: uuid('co_unit_ids').array().notNull(),
    deadline: date('deadline'),
    target: text('target').notNull(),
    kind: text('kind').$type<TaskKind>().notNull(),
    /** The latest progress's percent. */
    percent: smallint('percent').notNull().default(0),
    /** How many times progress was reported. */
    progressCount: integer('reports').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('work_tasks_plan_number_key').on(t.planId, t.number),
    index('work_tasks_deadline_idx').on(t.deadline),
  ],
);

/** Progress reported on a task by a unit that leads or supports it (issue 8 §1). */
export const taskProgress = pgTable(
  'work_task_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => workTasks.id),
    text: text('text').notNull(),
    percent: smallint('percent').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    reportedBy: uuid('reported_by').notNull(),
    reportedLabel: text('reported_label').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('work_task_reports_task_idx').on(t.taskId, t.reportedAt)],
);

/** Evidence files of a task's progress (issue 8 §1), stored with it and identified by their SHA-256. */
export const taskProgressFiles = pgTable(
  'work_task_report_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    progressId: uuid('report_id')
      .notNull()
      .references(() => taskProgress.id),
    fileName: text('file_name').notNull(),
    ...storedFileColumns(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('work_task_report_files_sha_key').on(t.progressId, t.sha256)],
);

/**
 * A region's risk grade for a month (issue 8 §4, the Fujian practice in the 国家矿山安全监察局 2024 年简报),
 * kept when the month is over so the ranking of a past month does not move with today's scores.
 */
export const regionalRiskGrades = pgTable(
  'regional_risk_grades',
  {
    month: text('month').notNull(),
    regionCode: text('region_code').notNull(),
    coefficient: doublePrecision('coefficient').notNull(),
    level: text('level').notNull(),
    mines: integer('mines').notNull(),
    highMines: integer('high_mines').notNull(),
    meanScore: doublePrecision('mean_score').notNull(),
    gradedAt: timestamp('graded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.regionCode] })],
);

/**
 * An archived periodic report (issue 8 §5): the figures frozen when it was made, from which its xlsx
 * and PDF are rendered. The scheduler makes one per kind, region and period; on demand adds more.
 */
export const periodicReports = pgTable(
  'plan_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<PeriodicReportKind>().notNull(),
    regionCode: text('region_code').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    title: text('title').notNull(),
    data: jsonb('data').$type<PeriodicReportData>().notNull(),
    /** '定时' (by the scheduler) or '手动' (on demand). */
    trigger: text('trigger').$type<PeriodicReportTrigger>().notNull(),
    generatedBy: uuid('generated_by'),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
    pdf: bytea('pdf'),
  },
  (t) => [
    uniqueIndex('plan_reports_scheduled_key')
      .on(t.kind, t.regionCode, t.periodStart)
      .where(sql`${t.trigger} = '定时'`),
    index('plan_reports_region_idx').on(t.regionCode, t.generatedAt),
  ],
);
