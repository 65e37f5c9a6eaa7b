/** @module Tables of the plans module (issue 8 §1): plans, their tasks and the tasks' progress reports. */
import {
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
    kind: text('kind').notNull(),
    percent: smallint('percent').notNull().default(0),
    reports: integer('reports').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('work_tasks_plan_number_key').on(t.planId, t.number),
    index('work_tasks_deadline_idx').on(t.deadline),
  ],
);

export const workTaskReports = pgTable(
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
