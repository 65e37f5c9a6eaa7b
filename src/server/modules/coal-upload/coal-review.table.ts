import {
  boolean,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CoalEpisodeKind, CoalFindingKind } from '../../../shared/coal-upload.enums.ts';
import { alarms } from '../monitoring/monitoring.table.ts';
import { mines } from '../registry/mine.table.ts';
import { coalFiles } from './coal-file.table.ts';
import { coalPoints } from './coal-point.table.ts';

/**
 * Stretches of a point's status records (coal-upload.enums.ts CoalEpisodeKind): marked readings and the
 * discrepancies between the mine's alarm state and minewatch's thresholds. Records closer than the
 * setting coalUpload.episodeGapSeconds join one.
 */
export const coalPointEpisodes = pgTable(
  'coal_point_episodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    pointId: uuid('point_id')
      .notNull()
      .references(() => coalPoints.id),
    kind: text('kind').notNull().$type<CoalEpisodeKind>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    /** What the mine said (its 测点状态 flags) and what minewatch judged (its level), at the start. */
    detail: text('detail').notNull(),
  },
  (t) => [
    uniqueIndex('coal_point_episodes_point_kind_start_key').on(t.pointId, t.kind, t.startedAt),
    index('coal_point_episodes_mine_idx').on(t.mineId, t.startedAt),
  ],
);

/**
 * The mine's own abnormal-alarm records (YCBJ), once per (point, 异常类型, 开始时间); a later record of the
 * same alarm (its end, its 处理措施) replaces the earlier one. Linked to the minewatch alarm of the same
 * point whose time overlaps.
 */
export const coalAbnormalAlarms = pgTable(
  'coal_abnormal_alarms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    pointCode: text('point_code').notNull(),
    pointId: uuid('point_id').references(() => coalPoints.id),
    abnormalType: text('abnormal_type').notNull(),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    endTime: timestamp('end_time', { withTimezone: true }),
    max: doublePrecision('max'),
    maxAt: timestamp('max_at', { withTimezone: true }),
    min: doublePrecision('min'),
    minAt: timestamp('min_at', { withTimezone: true }),
    avg: doublePrecision('avg'),
    cause: text('cause').notNull(),
    measures: text('measures').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }),
    enteredBy: text('entered_by').notNull(),
    dataTime: timestamp('data_time', { withTimezone: true }).notNull(),
    alarmId: uuid('alarm_id').references(() => alarms.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => coalFiles.id),
  },
  (t) => [
    uniqueIndex('coal_abnormal_alarms_key').on(t.mineId, t.pointCode, t.abnormalType, t.startTime),
    index('coal_abnormal_alarms_alarm_idx').on(t.alarmId),
    index('coal_abnormal_alarms_point_idx').on(t.pointId, t.startTime),
  ],
);

/** The mine's statistics of a point over a period (TJSJ), and whether they agree with minewatch's. */
export const coalStatistics = pgTable(
  'coal_statistics',
  {
    pointId: uuid('point_id')
      .notNull()
      .references(() => coalPoints.id),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    endTime: timestamp('end_time', { withTimezone: true }).notNull(),
    max: doublePrecision('max').notNull(),
    min: doublePrecision('min').notNull(),
    avg: doublePrecision('avg').notNull(),
    /** Null while minewatch had no statistics of the period to compare with. */
    agrees: boolean('agrees'),
    fileId: uuid('file_id')
      .notNull()
      .references(() => coalFiles.id),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.startTime] })],
);

/** Data-quality findings (coal-upload.enums.ts CoalFindingKind), once per subject. */
export const coalFindings = pgTable(
  'coal_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    kind: text('kind').notNull().$type<CoalFindingKind>(),
    /** What it is about, unique per kind (an abnormal record, an alarm, a point's period). */
    subject: text('subject').notNull(),
    pointId: uuid('point_id').references(() => coalPoints.id),
    alarmId: uuid('alarm_id').references(() => alarms.id),
    /** When it happened (the alarm's, the period's or the record's time). */
    at: timestamp('at', { withTimezone: true }).notNull(),
    summary: text('summary').notNull(),
    detail: jsonb('detail').notNull(),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('coal_findings_kind_subject_key').on(t.kind, t.subject),
    index('coal_findings_mine_idx').on(t.mineId, t.at),
  ],
);
