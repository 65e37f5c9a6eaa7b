/**
 * @module Tables of the yearly inspection schedules (issue 7 §1): one per regulator unit and year, with
 * its planned visits — every one 四不两直 (《2024年矿山安全生产工作要点》第41条), so their dates never leave the
 * regulators' side. The SQL names keep the word "plan" they were created with.
 */
import {
  date,
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
import { organisations } from '../../access/access.table.ts';
import { mines } from '../../registry/mine.table.ts';

/** What a stored schedule was generated from, and what the generator reported. */
export interface ScheduleParams {
  year: number;
  capacityPerMonth: number[];
  inspectorsPerVisit: number;
  seed: number;
  /** Inspector-days used per month. */
  load: number[];
  shortfall: { mineId: string; wanted: number; planned: number }[];
  /** Mines the schedule covers. */
  mines: number;
}

/** A unit's yearly schedule (one per unit and year; regenerating replaces the visits not yet made). */
export const inspectionSchedules = pgTable(
  'inspection_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    regionCode: text('region_code').notNull(),
    year: integer('year').notNull(),
    params: jsonb('params').$type<ScheduleParams>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('inspection_plans_org_year_key').on(t.organisationId, t.year)],
);

/** One planned visit: a month and a drawn date that only regulators see (every visit is 四不两直). */
export const inspectionScheduleVisits = pgTable(
  'inspection_plan_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scheduleId: uuid('plan_id')
      .notNull()
      .references(() => inspectionSchedules.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    month: smallint('month').notNull(),
    plannedOn: date('planned_on').notNull(),
    inspectionId: uuid('inspection_id'),
  },
  (t) => [
    index('inspection_plan_visits_plan_idx').on(t.scheduleId, t.month),
    index('inspection_plan_visits_mine_idx').on(t.mineId),
  ],
);
