/**
 * @module Table of 重大事故隐患 investigations (issue 24; shared/hazard-investigation.ts): one per hazard,
 * its team, and its conclusion (cause, responsibility, 问责建议, the 倒查 of the parent company and of the
 * inspections that did not find it).
 */
import { date, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { hazards } from './hazard.table.ts';

export const hazardInvestigations = pgTable(
  'hazard_investigations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hazardId: uuid('hazard_id')
      .notNull()
      .references(() => hazards.id),
    openedOn: date('opened_on').notNull(),
    team: text('team').array().notNull(),
    openedBy: uuid('opened_by').notNull(),
    openedLabel: text('opened_label').notNull(),
    concludedOn: date('concluded_on'),
    cause: text('cause'),
    responsibility: text('responsibility'),
    proposal: text('proposal'),
    parentCompanyReview: text('parent_company_review'),
    enforcementReview: text('enforcement_review'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('hazard_investigations_hazard_key').on(t.hazardId)],
);
