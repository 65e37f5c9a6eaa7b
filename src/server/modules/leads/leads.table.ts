import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { hazards } from '../hazards/hazard.table.ts';
import { mines } from '../registry/mine.table.ts';
import type {
  AreaKind,
  AreaState,
  Factor,
  LeadRule,
  LeadStatus,
  SeriesGranularity,
} from '../../../shared/leads.enums.ts';

/**
 * Mine-level series (issue 6 §1): one value per mine, factor, area ('' = the whole mine), granularity
 * and period. Written by imports (per meter) and by the roll-up of mine-level monitoring points; a
 * later write of the same period replaces the value and records its source.
 */
export const mineSeries = pgTable(
  'mine_series',
  {
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    factor: text('factor').notNull().$type<Factor>(),
    area: text('area').notNull().default(''),
    granularity: text('granularity').notNull().$type<SeriesGranularity>(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    value: doublePrecision('value').notNull(),
    /** 'monitoring', 'import:<meter>' or 'seed'. */
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mineId, t.factor, t.area, t.granularity, t.periodStart] }),
    index('mine_series_period_idx').on(t.periodStart),
  ],
);

/** Meters whose exports are imported: the meter's own ID, the mine, the factor and the area it measures. */
export const mineMeters = pgTable(
  'mine_meters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    /** The meter ID as the source's export names it (电表号, 地磅编号, 民爆台账编号 …). */
    code: text('code').notNull(),
    factor: text('factor').notNull().$type<Factor>(),
    area: text('area').notNull().default(''),
    granularity: text('granularity').notNull().$type<SeriesGranularity>(),
    /** Who runs it: the mine, the grid company, the weighbridge, the 公安 民爆 register. */
    provider: text('provider'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('mine_meters_code_key')
      .on(t.code)
      .where(sql`${t.archivedAt} IS NULL`),
    index('mine_meters_mine_idx').on(t.mineId),
  ],
);

/** Registered underground areas (采掘工作面 and others), for the 隐蔽工作面 rule. */
export const mineAreas = pgTable(
  'mine_areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    name: text('name').notNull(),
    kind: text('kind').notNull().$type<AreaKind>(),
    state: text('state').notNull().$type<AreaState>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('mine_areas_mine_name_key').on(t.mineId, t.name)],
);

/**
 * Leads (线索): one open lead per mine and rule (a partial unique index); new evidence extends it.
 * `evidence` holds the breaches: factor, window, peak, threshold and baseline.
 */
export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    rule: text('rule').notNull().$type<LeadRule>(),
    status: text('status').notNull().$type<LeadStatus>(),
    score: integer('score').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    summary: text('summary').notNull(),
    evidence: jsonb('evidence').notNull(),
    criterionCode: text('criterion_code'),
    majorHazard: boolean('major_hazard').notNull().default(false),
    assigneeId: uuid('assignee_id').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verification: text('verification'),
    hazardId: uuid('hazard_id').references(() => hazards.id),
    inspectionRef: text('inspection_ref'),
    closeNote: text('close_note'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('leads_open_mine_rule_key')
      .on(t.mineId, t.rule)
      .where(sql`${t.closedAt} IS NULL`),
    index('leads_mine_idx').on(t.mineId, t.detectedAt),
    index('leads_detected_idx').on(t.detectedAt, t.id),
  ],
);

/** A lead's timeline: detection, every extension, assignment, the on-site result, the outcome. */
export const leadEvents = pgTable(
  'lead_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    type: text('type').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
    detail: jsonb('detail').$type<Record<string, unknown> | null>(),
  },
  (t) => [index('lead_events_lead_idx').on(t.leadId, t.id)],
);

/** Watermarks of the leads jobs (the monitoring roll-up, the last evaluation). */
export const leadsJobState = pgTable('leads_job_state', {
  key: text('key').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});
