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
import { mines } from '../registry/mine.table.ts';
import type {
  AlarmCloseReason,
  AlarmKind,
  AlarmState,
  FacilityKind,
  WarningLevel,
} from '../../../shared/monitoring.enums.ts';
import type { SensorSpec } from '../../../shared/monitoring.schemas.ts';

/** A monitored facility of a mine: a tailings pond, a slope, a dump, an underground area, a data feed. */
export const monitoringFacilities = pgTable(
  'monitoring_facilities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull().$type<FacilityKind>(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('monitoring_facilities_mine_code_key').on(t.mineId, t.code)],
);

/**
 * A monitoring point (sensor). `no` is the compact key readings are stored under; `spec` holds the
 * detection parameters (thresholds, deadband, duration, rate, flat, spike) — see sensor.spec.ts.
 */
export const monitoringSensors = pgTable(
  'monitoring_sensors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    no: integer('no').generatedAlwaysAsIdentity().notNull().unique(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    facilityId: uuid('facility_id')
      .notNull()
      .references(() => monitoringFacilities.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    quantity: text('quantity').notNull(),
    /** The monitoring item (监测项目) the point belongs to, for the roll-up; defaults to the quantity. */
    item: text('item').notNull(),
    location: text('location'),
    unit: text('unit').notNull(),
    spec: jsonb('spec').notNull().$type<SensorSpec>(),
    version: integer('version').notNull().default(1),
    /** The newest reading time seen (断线 looks at this; late resends never move it back). */
    lastReadingAt: timestamp('last_reading_at', { withTimezone: true }),
    lastValue: doublePrecision('last_value'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('monitoring_sensors_mine_code_key').on(t.mineId, t.code),
    index('monitoring_sensors_facility_idx').on(t.facilityId),
  ],
);

/**
 * Raw readings, idempotent on (sensor, time). Range-partitioned by month in the migration (both
 * engines); partitions are created on demand by monitoring_ensure_partition and dropped by retention.
 */
export const readings = pgTable(
  'readings',
  {
    sensorNo: integer('sensor_no').notNull(),
    ts: timestamp('ts', { withTimezone: true }).notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sensorNo, t.ts] })],
);

/** 5-minute statistics per sensor (AQ 6201 / 感知数据接入规范: 最大值、最小值、平均值), kept longer than raw. */
export const readingStats5m = pgTable(
  'reading_stats_5m',
  {
    sensorNo: integer('sensor_no').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
    sum: doublePrecision('sum').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sensorNo, t.bucket] }),
    index('reading_stats_5m_bucket_idx').on(t.bucket),
  ],
);

/**
 * Alarms: one open per (subject, kind), enforced by a partial unique index. The call loop's durable
 * timer is `nextCallAt` with the step it belongs to; the job advances both in the transaction that
 * writes the call, so a restart neither repeats nor skips a step.
 */
export const alarms = pgTable(
  'alarms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    sensorId: uuid('sensor_id').references(() => monitoringSensors.id),
    facilityId: uuid('facility_id').references(() => monitoringFacilities.id),
    /** 'sensor:<id>' or 'mine:<id>' */
    subject: text('subject').notNull(),
    kind: text('kind').notNull().$type<AlarmKind>(),
    level: text('level').notNull().$type<WarningLevel>(),
    peakLevel: text('peak_level').notNull().$type<WarningLevel>(),
    state: text('state').notNull().$type<AlarmState>(),
    detail: text('detail').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    /** Reading time that raised the alarm (the received time is openedAt). */
    triggeredAt: timestamp('triggered_at', { withTimezone: true }).notNull(),
    lastValue: doublePrecision('last_value'),
    /** Set while the clear condition holds; auto-resolve after it has held long enough. */
    clearSince: timestamp('clear_since', { withTimezone: true }),
    suppressed: boolean('suppressed').notNull().default(false),
    /**
     * 历史告警: raised from readings older than the history age when they were evaluated (a resend,
     * an import, a replay). Recorded with its whole course; it calls nobody.
     */
    historic: boolean('historic').notNull().default(false),
    callStep: integer('call_step').notNull().default(0),
    callRound: integer('call_round').notNull().default(0),
    stepStartedAt: timestamp('step_started_at', { withTimezone: true }),
    nextCallAt: timestamp('next_call_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    responseDueAt: timestamp('response_due_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason').$type<AlarmCloseReason>(),
    closeNote: text('close_note'),
  },
  (t) => [
    uniqueIndex('alarms_open_subject_kind_key')
      .on(t.subject, t.kind)
      .where(sql`${t.closedAt} IS NULL`),
    index('alarms_mine_idx').on(t.mineId, t.openedAt),
    // A sensor's alarms over a span of reading time: event-time folds, the point's chart.
    index('alarms_sensor_time_idx').on(t.sensorId, t.triggeredAt),
    index('alarms_next_call_idx')
      .on(t.nextCallAt)
      .where(sql`${t.nextCallAt} IS NOT NULL`),
  ],
);

/** An alarm's timeline: level changes, every call and delivery, acknowledgements, escalations, closing. */
export const alarmEvents = pgTable(
  'alarm_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alarmId: uuid('alarm_id')
      .notNull()
      .references(() => alarms.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    type: text('type').notNull(),
    level: text('level').$type<WarningLevel>(),
    actor: text('actor'),
    detail: jsonb('detail').notNull(),
  },
  (t) => [index('alarm_events_alarm_idx').on(t.alarmId, t.id)],
);

/** One-time acknowledgement links sent in calls; only the SHA-256 of the token is stored. */
export const alarmAckTokens = pgTable('alarm_ack_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  alarmId: uuid('alarm_id')
    .notNull()
    .references(() => alarms.id),
  /** Who the link was sent to (a user id or a registry person id) and their name. */
  recipient: text('recipient').notNull(),
  recipientName: text('recipient_name').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** Maintenance windows: readings are kept and alarms recorded, but nobody is called. */
export const maintenanceWindows = pgTable(
  'maintenance_windows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mineId: uuid('mine_id')
      .notNull()
      .references(() => mines.id),
    /** A single sensor, a facility, or (both null) the whole mine. */
    sensorId: uuid('sensor_id').references(() => monitoringSensors.id),
    facilityId: uuid('facility_id').references(() => monitoringFacilities.id),
    reason: text('reason').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Who set it (the audit event names them too; system actors have no users row). */
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [index('maintenance_windows_mine_idx').on(t.mineId, t.endsAt)],
);
