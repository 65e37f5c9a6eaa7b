/**
 * @module Tables of 安全准入与分类处置 (issue 25 §5): a mine's entry on one of the 三个一批 lists with its
 * progress steps, and a 安全设施设计审查 → 安全生产许可 application with its steps as columns (each step once,
 * except the one extension of the construction period).
 */
import {
  boolean,
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
import { sql } from 'drizzle-orm';
import type {
  DisposalCategory,
  DisposalState,
  MiningMethod,
  PermitState,
} from '../../../shared/admission.ts';
import { licences, mines } from '../registry/mine.table.ts';

/** A mine on a 三个一批 list (at most one open entry per mine). */
export const disposals = pgTable(
  'disposal_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    category: text('category').$type<DisposalCategory>().notNull(),
    basis: text('basis').notNull(),
    listedOn: date('listed_on').notNull(),
    deadline: date('deadline').notNull(),
    note: text('note').notNull().default(''),
    state: text('state').$type<DisposalState>().notNull(),
    completedOn: date('completed_on'),
    listedBy: uuid('listed_by').notNull(),
    listedLabel: text('listed_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('disposal_entries_mine_idx').on(t.mineId),
    uniqueIndex('disposal_entries_open_key')
      .on(t.mineId)
      .where(sql`${t.state} = '处置中'`),
  ],
);

/** A progress step of a list entry, in the order recorded. */
export const disposalSteps = pgTable(
  'disposal_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => disposals.id),
    steppedOn: date('stepped_on').notNull(),
    description: text('description').notNull(),
    completes: boolean('completes').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedLabel: text('recorded_label').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('disposal_steps_entry_idx').on(t.entryId, t.steppedOn)],
);

/** A 安全设施设计审查 → 安全生产许可 application of a mine's construction project. */
export const permits = pgTable(
  'permit_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    projectKind: text('project_kind').notNull(),
    projectName: text('project_name').notNull(),
    appliedOn: date('applied_on').notNull(),
    designer: text('designer').notNull(),
    miningMethod: text('mining_method').$type<MiningMethod>().notNull(),
    fillingJustification: text('filling_justification').notNull().default(''),
    mechanicalScaling: boolean('mechanical_scaling').notNull(),
    designCapacityTpa: doublePrecision('design_capacity_tpa').notNull(),
    /** 设计服务年限: the mine's service life for the minimum-scale list comes from its approved design. */
    serviceLifeYears: doublePrecision('service_life_years').notNull(),
    note: text('note').notNull().default(''),
    state: text('state').$type<PermitState>().notNull(),
    reviewedOn: date('reviewed_on'),
    reviewExperts: jsonb('review_experts').$type<string[]>().notNull().default([]),
    reviewNote: text('review_note').notNull().default(''),
    constructionDueOn: date('construction_due_on'),
    /** The construction period as first approved (the extension is measured from it). */
    originalDueOn: date('original_due_on'),
    extensions: smallint('extensions').notNull().default(0),
    extensionReason: text('extension_reason'),
    siteCheckedOn: date('site_checked_on'),
    siteCheckPassed: boolean('site_check_passed'),
    siteCheckNote: text('site_check_note'),
    issuedOn: date('issued_on'),
    licenceId: uuid('licence_id').references(() => licences.id),
    appliedBy: uuid('applied_by').notNull(),
    appliedLabel: text('applied_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('permit_applications_mine_idx').on(t.mineId, t.appliedOn),
    index('permit_applications_state_idx').on(t.state),
  ],
);
