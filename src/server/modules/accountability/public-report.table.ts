/**
 * @module Tables of 举报 (issue 9 §1): the case with its tracking code, the secret's keyed digest and
 * the reporter's identity sealed (AES-GCM), its photos and its timeline (the public form's look-up
 * limits are platform/throttle's hits; client addresses are kept only as keyed digests).
 */
import {
  date,
  doublePrecision,
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
  CaseOutcome,
  CaseState,
  CaseStep,
  PublicReportCategory,
  VerificationResult,
} from '../../../shared/public-reports.ts';
import { storedFileColumns } from '../../platform/db/columns.ts';
import { organisations } from '../access/access.table.ts';

export const publicReports = pgTable(
  'public_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trackingCode: text('tracking_code').notNull(),
    secretDigest: text('secret_digest').notNull(),
    category: text('category').$type<PublicReportCategory>().notNull(),
    countyCode: text('county_code').notNull(),
    /** The regulator unit whose jurisdiction covers the place (county, else city, else province). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisations.id),
    location: text('location').notNull(),
    mineName: text('mine_name'),
    mineId: uuid('mine_id'),
    content: text('content').notNull(),
    anonymous: integer('anonymous').notNull(),
    nameSealed: text('name_sealed'),
    phoneSealed: text('phone_sealed'),
    state: text('state').$type<CaseState>().notNull(),
    /** The date the current step must be done by (Beijing calendar). */
    dueOn: date('due_on'),
    verification: text('verification').$type<VerificationResult>(),
    outcome: text('outcome').$type<CaseOutcome>(),
    linkId: uuid('link_id'),
    feedback: text('feedback'),
    rewardYuan: doublePrecision('reward_yuan'),
    rewardPaidOn: date('reward_paid_on'),
    /** 追责 (issue 24): what was done about the people responsible. */
    accountabilityMeasures: text('accountability_measures'),
    accountabilityParties:
      jsonb('accountability_parties').$type<{ name: string; role: string; handling: string }[]>(),
    ipDigest: text('ip_digest').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('public_reports_code_key').on(t.trackingCode),
    index('public_reports_unit_idx').on(t.unitId, t.state),
    index('public_reports_ip_idx').on(t.ipDigest, t.receivedAt),
  ],
);

/** A step of the case as the reporter and the unit see it; `internal` notes are not shown to the public. */
export const publicReportEvents = pgTable(
  'public_report_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => publicReports.id),
    step: text('step').$type<CaseStep>().notNull(),
    publicNote: text('public_note').notNull().default(''),
    internalNote: text('internal_note').notNull().default(''),
    actorLabel: text('actor_label').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('public_report_events_report_idx').on(t.reportId, t.at)],
);

export const publicReportPhotos = pgTable(
  'public_report_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => publicReports.id),
    ...storedFileColumns(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('public_report_photos_sha_key').on(t.reportId, t.sha256)],
);
