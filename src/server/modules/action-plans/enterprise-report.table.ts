/**
 * @module The progress reports enterprises file to the plan (《原平市矿山企业安全生产治本攻坚三年行动实施方案》
 * 四(六)): one per enterprise and due date, with an optional file.
 */
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { storedFileColumns } from '../../platform/db/columns.ts';
import { enterprises } from '../registry/enterprise.table.ts';

export const enterpriseReports = pgTable(
  'plan_enterprise_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The due date of the schedule (setting plans.enterpriseReports) the report answers. */
    dueOn: date('due_on').notNull(),
    text: text('text').notNull(),
    /** The Beijing day it was filed (on time when on or before dueOn). */
    filedOn: date('filed_on').notNull(),
    filedBy: uuid('filed_by').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('plan_enterprise_reports_key').on(t.enterpriseId, t.dueOn),
    index('plan_enterprise_reports_due_idx').on(t.dueOn),
  ],
);

/** The signed report (PDF or scans), through platform/files. */
export const enterpriseReportFiles = pgTable(
  'plan_enterprise_report_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => enterpriseReports.id),
    fileName: text('file_name').notNull(),
    ...storedFileColumns(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('plan_enterprise_report_files_sha_key').on(t.reportId, t.sha256)],
);
