/**
 * @module Tables of the stopped-mines loop (《2024年矿山安全生产工作要点》第18条; 《拉萨市关于加强非煤矿山安全生产工作的实施意见》
 * 二(五)5): a stopped mine's 整改方案, its declarations of work (read by the 明停暗开 rule), the 包保责任人 of each
 * stopped mine and their 驻矿盯守 / 巡查 visits.
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
import { storedFileColumns } from '../../platform/db/columns.ts';
import { users } from '../access/access.table.ts';
import { mines } from '../registry/mine.table.ts';
import type { DeclarationState, StoppedWorkPurpose } from '../../../shared/stopped.schemas.ts';

/** A stopped mine's 整改方案 (定时、定量、定人、定措施). */
export const stoppedRectificationPlans = pgTable(
  'stopped_rectification_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    measures: text('measures').notNull(),
    responsiblePerson: text('responsible_person').notNull(),
    completeBy: date('complete_by').notNull(),
    filedBy: uuid('filed_by')
      .notNull()
      .references(() => users.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('stopped_rectification_plans_mine_idx').on(t.mineId, t.filedAt)],
);

/** Work declared in advance at a stopped mine: purpose, places with people, power, days. */
export const stoppedWorkDeclarations = pgTable(
  'stopped_work_declarations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => stoppedRectificationPlans.id),
    purpose: text('purpose').notNull().$type<StoppedWorkPurpose>(),
    description: text('description').notNull(),
    sites: jsonb('sites').notNull().$type<{ place: string; people: number }[]>(),
    maxPowerKwh: doublePrecision('max_power_kwh').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** The per-site limit of the mine's region when filed (leads.rules: 9, or 10 in Lhasa). */
    perSiteLimit: integer('per_site_limit').notNull(),
    state: text('state').notNull().$type<DeclarationState>(),
    rejectReason: text('reject_reason'),
    rejectedBy: uuid('rejected_by').references(() => users.id),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    filedBy: uuid('filed_by')
      .notNull()
      .references(() => users.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('stopped_work_declarations_mine_idx').on(t.mineId, t.endsOn)],
);

/** 包保责任人: a regulator's official answering for a stopped mine (ended when the mine resumes). */
export const stoppedMineWardens = pgTable(
  'stopped_mine_wardens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    since: timestamp('since', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    assignedBy: uuid('assigned_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('stopped_mine_wardens_mine_idx').on(t.mineId)],
);

/** A 驻矿盯守 or 巡查 visit to a stopped mine by its official. */
export const stoppedMinePatrols = pgTable(
  'stopped_mine_patrols',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    kind: text('kind').notNull().$type<'驻矿盯守' | '巡查'>(),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    findings: text('findings').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('stopped_mine_patrols_mine_idx').on(t.mineId, t.visitedAt)],
);

/** Photos of a visit, through platform/files (JPEG, PNG or WebP by content; each once by SHA-256). */
export const stoppedPatrolPhotos = pgTable(
  'stopped_patrol_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patrolId: uuid('patrol_id')
      .notNull()
      .references(() => stoppedMinePatrols.id),
    fileName: text('file_name').notNull(),
    ...storedFileColumns(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('stopped_patrol_photos_sha_key').on(t.patrolId, t.sha256)],
);
