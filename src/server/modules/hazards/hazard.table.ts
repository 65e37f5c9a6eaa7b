import {
  bigserial,
  boolean,
  date,
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
import { sql } from 'drizzle-orm';
import { storedFileColumns } from '../../platform/db/columns.ts';
import { mines } from '../registry/mine.table.ts';
import type {
  EvidencePurpose,
  HazardSource,
  HazardState,
  SelfInspectionKind,
} from '../../../shared/hazard.enums.ts';

/** A version of a determination standard (矿安〔2022〕88号, 应急管理部令第4号, …). */
export const hazardStandards = pgTable(
  'hazard_standards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    version: text('version').notNull(),
    effectiveOn: date('effective_on').notNull(),
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('hazard_standards_code_version_key').on(t.code, t.version)],
);

/** One item or sub-item of a standard version; a hazard keeps the criterion it was judged under. */
export const hazardCriteria = pgTable(
  'hazard_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    standardId: uuid('standard_id')
      .notNull()
      .references(() => hazardStandards.id),
    code: text('code').notNull(),
    parentCode: text('parent_code'),
    part: text('part').notNull(),
    number: text('number').notNull(),
    text: text('text').notNull(),
    applicableKinds: text('applicable_kinds').array().notNull(),
    verified: boolean('verified').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [
    uniqueIndex('hazard_criteria_standard_code_key').on(t.standardId, t.code),
    index('hazard_criteria_kinds_idx').using('gin', t.applicableKinds),
  ],
);

/** A major accident hazard (重大事故隐患) at a mine and its closed-loop rectification. */
export const hazards = pgTable(
  'hazards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => hazardCriteria.id),
    description: text('description').notNull(),
    location: text('location').notNull(),
    source: text('source').notNull().$type<HazardSource>(),
    foundBy: text('found_by').notNull(),
    foundOn: date('found_on').notNull(),
    state: text('state').notNull().$type<HazardState>(),
    supervised: boolean('supervised').notNull().default(false),
    responsiblePerson: text('responsible_person'),
    measures: text('measures'),
    fundsYuan: doublePrecision('funds_yuan'),
    deadline: date('deadline'),
    contingencyPlan: text('contingency_plan'),
    rectificationNote: text('rectification_note'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The earlier hazard of the same criterion at the same mine, closed within 12 months (屡改屡犯). */
    repeatOf: uuid('repeat_of'),
    reportedBy: uuid('reported_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hazards_mine_idx').on(t.mineId),
    index('hazards_state_idx').on(t.state),
    index('hazards_criterion_idx').on(t.criterionId),
    // The list's order (newest first). The open working set, which the analysis reads live, has a
    // covering partial index (hazards_open_cover_idx) in migration hazard_closed_stats_triggers.
    index('hazards_found_idx').on(t.foundOn, t.id),
    index('hazards_repeat_mine_idx')
      .on(t.mineId)
      .where(sql`${t.repeatOf} IS NOT NULL`),
  ],
);

/**
 * Counts of 已销号 hazards per county along each analysis dimension, kept by triggers on `hazards`
 * and `mines` (migration add_hazard_closed_stats). Closed hazards never reopen, so the province-wide
 * analysis adds these few thousand rows to a live read of the open working set instead of scanning
 * the whole history. `key` of dim foundYearClosedMonth is 'YYYY|YYYY-MM'.
 */
export const hazardClosedStats = pgTable(
  'hazard_closed_stats',
  {
    countyCode: text('county_code').notNull(),
    dim: text('dim').notNull(),
    key: text('key').notNull(),
    part: text('part').notNull().default(''),
    closed: integer('closed').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.dim, t.key, t.part] })],
);

/** The hazard's timeline: every report, plan, submission, decision and order. */
export const hazardEvents = pgTable(
  'hazard_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    hazardId: uuid('hazard_id')
      .notNull()
      .references(() => hazards.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state').$type<HazardState>(),
    toState: text('to_state').$type<HazardState>(),
    note: text('note'),
    data: jsonb('data'),
  },
  (t) => [index('hazard_events_hazard_idx').on(t.hazardId, t.id)],
);

/**
 * Periodic hazard inspections of a mine, one per mine, kind and period (《2024年矿山安全生产工作要点》第19条):
 * - 月度自查: the monthly self-inspection report (YYYY-MM), signed by the mine's 主要负责人 — the hazards
 *   found that month, or a 零报告;
 * - 上级公司季度排查: the parent company's quarterly inspection (YYYY-Qn), led by its 主要负责人, with the
 *   date, whether the leader went underground (下井), and the hazards it found or a 零报告.
 */
export const selfInspectionReports = pgTable(
  'self_inspection_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    kind: text('kind').notNull().$type<SelfInspectionKind>().default('月度自查'),
    period: text('period').notNull(),
    zeroReport: boolean('zero_report').notNull(),
    hazardCount: integer('hazard_count').notNull(),
    signedBy: text('signed_by').notNull(),
    inspectedOn: date('inspected_on'),
    wentUnderground: boolean('went_underground'),
    note: text('note'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    submittedBy: uuid('submitted_by'),
  },
  (t) => [
    uniqueIndex('self_inspection_reports_mine_kind_period_key').on(t.mineId, t.kind, t.period),
  ],
);

/**
 * Evidence files of a hazard (photos, PDFs, video): what was found and how it was rectified. Stored in
 * the database with the hazard (one backup, one transaction), identified by their SHA-256.
 */
export const hazardAttachments = pgTable(
  'hazard_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hazardId: uuid('hazard_id')
      .notNull()
      .references(() => hazards.id),
    purpose: text('purpose').notNull().$type<EvidencePurpose>(),
    fileName: text('file_name').notNull(),
    ...storedFileColumns(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByLabel: text('uploaded_by_label').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('hazard_attachments_hazard_sha_key').on(t.hazardId, t.sha256)],
);
