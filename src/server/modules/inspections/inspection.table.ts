/**
 * @module Tables of the enforcement records (issue 7): stored yearly plans with their visits (the
 * 四不两直 dates never leave the regulators' side), inspections with team, checklist, findings,
 * photos and orders, penalties (一案双罚), and the enforcement documents whose revisions and
 * signatures are hash-chained and, by database trigger, never updated or deleted.
 */
import {
  boolean,
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
import { storedFileColumns } from '../../platform/db/columns.ts';
import { organisations, users } from '../access/access.table.ts';
import { hazardCriteria, hazards } from '../hazards/hazard.table.ts';
import { mines } from '../registry/mine.table.ts';

/** A unit's yearly plan (one per unit and year; regenerating replaces the visits not yet made). */
export const inspectionPlans = pgTable(
  'inspection_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    regionCode: text('region_code').notNull(),
    year: integer('year').notNull(),
    params: jsonb('params').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('inspection_plans_org_year_key').on(t.organisationId, t.year)],
);

/** One planned visit: a month, and for 四不两直 a drawn date that only regulators see. */
export const inspectionPlanVisits = pgTable(
  'inspection_plan_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => inspectionPlans.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    month: smallint('month').notNull(),
    kind: text('kind').notNull(),
    plannedOn: date('planned_on').notNull(),
    inspectionId: uuid('inspection_id'),
  },
  (t) => [
    index('inspection_plan_visits_plan_idx').on(t.planId, t.month),
    index('inspection_plan_visits_mine_idx').on(t.mineId),
  ],
);

export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    planVisitId: uuid('plan_visit_id'),
    kind: text('kind').notNull(),
    inspectedOn: date('inspected_on').notNull(),
    teamUserIds: uuid('team_user_ids').array().notNull(),
    bodyCameraRef: text('body_camera_ref'),
    checklist: jsonb('checklist').notNull(),
    summary: text('summary').notNull().default(''),
    recheckOn: date('recheck_on'),
    recheckedOn: date('rechecked_on'),
    recheckResult: text('recheck_result'),
    typical: boolean('typical').notNull().default(false),
    typicalNote: text('typical_note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('inspections_mine_idx').on(t.mineId, t.inspectedOn),
    index('inspections_date_idx').on(t.inspectedOn),
  ],
);

/** A finding: a major hazard (with its ledger entry) or a general violation with a deadline. */
export const inspectionFindings = pgTable(
  'inspection_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    kind: text('kind').notNull(),
    criterionId: uuid('criterion_id').references(() => hazardCriteria.id),
    hazardId: uuid('hazard_id').references(() => hazards.id),
    description: text('description').notNull(),
    location: text('location').notNull(),
    deadline: date('deadline'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('inspection_findings_inspection_idx').on(t.inspectionId)],
);

export const inspectionPhotos = pgTable(
  'inspection_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    fileName: text('file_name').notNull(),
    ...storedFileColumns(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('inspection_photos_sha_key').on(t.inspectionId, t.sha256)],
);

/** 责令停产整顿 given on site, and its 复工复产验收. */
export const inspectionOrders = pgTable(
  'inspection_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    kind: text('kind').notNull(),
    orderedOn: date('ordered_on').notNull(),
    reason: text('reason').notNull(),
    acceptedOn: date('accepted_on'),
    acceptancePassed: boolean('acceptance_passed'),
    acceptanceNote: text('acceptance_note'),
    acceptedBy: uuid('accepted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('inspection_orders_inspection_idx').on(t.inspectionId)],
);

/** 行政处罚: one row per party (一案双罚: the enterprise and its principal person). */
export const penalties = pgTable(
  'penalties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    target: text('target').notNull(),
    partyName: text('party_name').notNull(),
    legalBasis: text('legal_basis').notNull(),
    facts: text('facts').notNull(),
    amountYuan: doublePrecision('amount_yuan').notNull(),
    decidedOn: date('decided_on').notNull(),
    status: text('status').notNull(),
    paidOn: date('paid_on'),
    paidAmountYuan: doublePrecision('paid_amount_yuan'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('penalties_inspection_idx').on(t.inspectionId),
    index('penalties_date_idx').on(t.decidedOn),
  ],
);

/** An enforcement document, numbered per unit, template and year; its text lives in revisions. */
export const enforcementDocuments = pgTable(
  'enforcement_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    penaltyId: uuid('penalty_id').references(() => penalties.id),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    template: text('template').notNull(),
    year: integer('year').notNull(),
    serial: integer('serial').notNull(),
    number: text('number').notNull(),
    headSeq: integer('head_seq').notNull(),
    state: text('state').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('enforcement_documents_number_key').on(
      t.organisationId,
      t.template,
      t.year,
      t.serial,
    ),
    index('enforcement_documents_inspection_idx').on(t.inspectionId),
  ],
);

/** Every edit is a revision, chained by hash to the one before; never updated or deleted. */
export const enforcementDocumentRevisions = pgTable(
  'enforcement_document_revisions',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => enforcementDocuments.id),
    seq: integer('seq').notNull(),
    fields: jsonb('fields').notNull(),
    authorId: uuid('author_id').notNull(),
    authorLabel: text('author_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.seq] })],
);

/** 谁检查、谁签名、谁负责: an inspector's signature on one revision, bound to its hash. */
export const enforcementDocumentSignatures = pgTable(
  'enforcement_document_signatures',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => enforcementDocuments.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    seq: integer('seq').notNull(),
    signerLabel: text('signer_label').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId] })],
);
