import {
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
import { monitoringSensors } from '../monitoring/monitoring.table.ts';
import { mines } from '../registry/mine.table.ts';
import type { CoalRelationLink } from './coal.records.ts';
import { coalFiles } from './coal-file.table.ts';

/**
 * A mine's monitoring point as its own system defines it (CDDY), and the minewatch point (sensor) it
 * feeds, when its 传感器类型 maps to a minewatch quantity (setting coalUpload.sensorTypes).
 */
export const coalPoints = pgTable(
  'coal_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    pointCode: text('point_code').notNull(),
    sensorId: uuid('sensor_id').references(() => monitoringSensors.id),
    systemCode: text('system_code').notNull(),
    substationCode: text('substation_code').notNull(),
    sensorType: text('sensor_type').notNull(),
    valueType: text('value_type').notNull(),
    unit: text('unit').notNull(),
    rangeLow: doublePrecision('range_low'),
    rangeHigh: doublePrecision('range_high'),
    onText: text('on_text').notNull(),
    offText: text('off_text').notNull(),
    location: text('location').notNull(),
    x: doublePrecision('x'),
    y: doublePrecision('y'),
    z: doublePrecision('z'),
    relations: jsonb('relations').notNull().$type<CoalRelationLink[][]>(),
    /** The current version of the mine's own thresholds (coal_point_thresholds). */
    thresholdVersion: integer('threshold_version').notNull(),
    /** 数据时间 of the definition in force: an older one changes nothing. */
    definedAt: timestamp('defined_at', { withTimezone: true }).notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => coalFiles.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('coal_points_mine_code_key').on(t.mineId, t.pointCode),
    index('coal_points_sensor_idx').on(t.sensorId),
  ],
);

/** The mine's own 报警/解报/断电/复电 values of a point, one row per version (a change is a new one). */
export const coalPointThresholds = pgTable(
  'coal_point_thresholds',
  {
    pointId: uuid('point_id')
      .notNull()
      .references(() => coalPoints.id),
    version: integer('version').notNull(),
    upperAlarm: doublePrecision('upper_alarm'),
    upperAlarmClear: doublePrecision('upper_alarm_clear'),
    lowerAlarm: doublePrecision('lower_alarm'),
    lowerAlarmClear: doublePrecision('lower_alarm_clear'),
    upperPowerOff: doublePrecision('upper_power_off'),
    upperPowerOn: doublePrecision('upper_power_on'),
    lowerPowerOff: doublePrecision('lower_power_off'),
    lowerPowerOn: doublePrecision('lower_power_on'),
    /** 数据时间 of the definition that set them. */
    definedAt: timestamp('defined_at', { withTimezone: true }).notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => coalFiles.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.version] })],
);

/**
 * CDSS records whose 测点状态 is not 正常, as the mine sent them: the marked readings (标校, 不巡检, 暂停,
 * 传感器故障, 超量程 …, which are not minewatch readings) and the mine's own 报警/断电 states.
 */
export const coalPointStatus = pgTable(
  'coal_point_status',
  {
    pointId: uuid('point_id')
      .notNull()
      .references(() => coalPoints.id),
    ts: timestamp('ts', { withTimezone: true }).notNull(),
    value: doublePrecision('value').notNull(),
    /** The 测点状态 bit set. */
    status: integer('status').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.ts] })],
);

/**
 * The states of a mine's points that feed no minewatch point — 开关量 (主通风机 开停, 馈电 有电/无电, 风门
 * …), 累计量, and types no minewatch quantity is set for — as CDSS reports them (MT/T 1201.1-2023 实时数据;
 * switches carry 0/1): each point's changes of value or 测点状态 only, so a switch reported every 10 s costs
 * a row when it moves.
 */
export const coalPointStates = pgTable(
  'coal_point_states',
  {
    pointId: uuid('point_id')
      .notNull()
      .references(() => coalPoints.id),
    ts: timestamp('ts', { withTimezone: true }).notNull(),
    value: doublePrecision('value').notNull(),
    status: integer('status').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.ts] })],
);
