/**
 * @module Tables of the inspection records (issue 7 §2): inspections with team, checklist and
 * body-camera reference, their findings, photos and on-site orders (责令停产整顿 and its 复工复产验收).
 */
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  AnnouncedReason,
  FindingKind,
  InspectionKind,
  InspectionOrderKind,
} from '../../../../shared/inspections.enums.ts';
import type { ChecklistItem } from '../../../../shared/inspections.schemas.ts';
import { storedFileColumns } from '../../../platform/db/columns.ts';
import { organisations, users } from '../../access/access.table.ts';
import { hazardCriteria, hazards } from '../../hazards/hazard.table.ts';
import { mines } from '../../registry/mine.table.ts';
import { crossInspectionArrangements } from '../cross/cross.table.ts';

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
    /** The schedule's visit this inspection made, if any. */
    scheduleVisitId: uuid('plan_visit_id'),
    /** The 异地交叉执法 arrangement it was made under, if any (its team came from the arrangement's pool). */
    crossArrangementId: uuid('cross_arrangement_id').references(
      () => crossInspectionArrangements.id,
    ),
    kind: text('kind').$type<InspectionKind>().notNull(),
    /**
     * Null: made 四不两直, as every inspection is by default (《2024年矿山安全生产工作要点》第41条); else why the
     * mine was told beforehand, with a note (required for 其他).
     */
    announcedReason: text('announced_reason').$type<AnnouncedReason>(),
    announcedNote: text('announced_note'),
    inspectedOn: date('inspected_on').notNull(),
    teamUserIds: uuid('team_user_ids').array().notNull(),
    bodyCameraRef: text('body_camera_ref'),
    checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull(),
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
    index('inspections_cross_idx').on(t.crossArrangementId),
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
    kind: text('kind').$type<FindingKind>().notNull(),
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
    kind: text('kind').$type<InspectionOrderKind>().notNull(),
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
