import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { DisasterGrade } from '../../../shared/surveys.ts';
import { enterprises } from './enterprise.table.ts';
import { regions } from './region.table.ts';
import type {
  HydrogeologyType,
  LicenceKind,
  MineKind,
  MineScale,
  MineStatus,
  StandardizationLevel,
  TailingsStacking,
} from '../../../shared/registry.enums.ts';

/** Mines and facilities (a tailings pond or waste dump is a "mine" of its own kind). */
export const mines = pgTable(
  'mines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    kind: text('kind').notNull().$type<MineKind>(),
    scale: text('scale').notNull().$type<MineScale>(),
    status: text('status').notNull().$type<MineStatus>(),
    statusSince: date('status_since').notNull(),
    standardizationLevel: text('standardization_level').notNull().$type<StandardizationLevel>(),
    standardizationDate: date('standardization_date'),
    /** Set only by a passed 隐蔽致灾因素普查 (modules/surveys); the old free text kept beside it. */
    disasterGrade: text('disaster_grade').$type<DisasterGrade>(),
    disasterGradeLegacy: text('disaster_grade_legacy'),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    depthM: doublePrecision('depth_m'),
    productionLevels: smallint('production_levels'),
    designCapacityTpa: doublePrecision('design_capacity_tpa'),
    approvedUndergroundStaff: integer('approved_underground_staff'),
    hydrogeologyType: text('hydrogeology_type').$type<HydrogeologyType>(),
    slopeHeightM: doublePrecision('slope_height_m'),
    dumpHeightM: doublePrecision('dump_height_m'),
    tailingsVolume10kM3: doublePrecision('tailings_volume_10k_m3'),
    tailingsDamHeightM: doublePrecision('tailings_dam_height_m'),
    tailingsStacking: text('tailings_stacking').$type<TailingsStacking>(),
    tailingsOverhead: boolean('tailings_overhead'),
    tailingsLastDischarge: date('tailings_last_discharge'),
    /** 等别 computed from volume and dam height with the table in force when last written. */
    tailingsGrade: smallint('tailings_grade'),
    /**
     * 煤矿编码: the 12-digit code a coal mine's upload files carry (煤安监办〔2019〕42号; MT/T 1201.1-2023 附录A
     * 编码规范, NOT FOUND — only its length is known); files are matched to the mine by it.
     */
    coalCode: text('coal_code'),
    /**
     * When the mine reached 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)2–3: 重点作业机械化, 在线视频监控
     * and 安全管理信息化 (null: not yet); no other register holds them.
     */
    mechanizedOn: date('mechanized_on'),
    videoMonitoredOn: date('video_monitored_on'),
    informatizedOn: date('informatized_on'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mines_county_idx').on(sql`${t.countyCode} text_pattern_ops`),
    index('mines_enterprise_idx').on(t.enterpriseId),
    index('mines_name_id_idx').on(t.name, t.id),
    uniqueIndex('mines_enterprise_name_key').on(t.enterpriseId, t.name),
    uniqueIndex('mines_coal_code_key')
      .on(t.coalCode)
      .where(sql`${t.coalCode} IS NOT NULL`),
  ],
);

/** Dated history of status changes, with the reason and who made the change. */
export const mineStatusChanges = pgTable(
  'mine_status_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    fromStatus: text('from_status').$type<MineStatus>(),
    toStatus: text('to_status').notNull().$type<MineStatus>(),
    effectiveDate: date('effective_date').notNull(),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mine_status_changes_mine_idx').on(t.mineId, t.id)],
);

/** 采矿许可证 and 安全生产许可证 held by a mine. */
export const licences = pgTable(
  'licences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    kind: text('kind').notNull().$type<LicenceKind>(),
    number: text('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('licences_kind_number_key').on(t.kind, t.number),
    index('licences_mine_idx').on(t.mineId),
    index('licences_expires_idx').on(t.expiresOn),
  ],
);
