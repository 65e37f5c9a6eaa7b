/**
 * @module API shapes of risk monitoring (issue 5): facilities, sensors with their detection parameters,
 * ingest reports, alarms and their timeline.
 */
import { z } from 'zod';
import {
  alarmCloseReasons,
  alarmKinds,
  alarmStates,
  facilityKinds,
  levelRank,
  warningLevels,
  type WarningLevel,
} from './monitoring.enums.ts';
import { quantityNames } from './monitoring.quantities.ts';
import { DateString, SearchText } from './common.schemas.ts';

const Code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, '编码只能包含字母、数字、点、下划线和连字符');
const Name = z.string().trim().min(1).max(100);
const finite = z.number().finite();
const Level = z.enum(warningLevels);

export const FacilityInput = z.strictObject({
  mineId: z.uuid(),
  code: Code,
  name: Name,
  kind: z.enum(facilityKinds),
});
export type FacilityInput = z.infer<typeof FacilityInput>;

export const FacilityResponse = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  countyCode: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(facilityKinds),
  sensorCount: z.number().int(),
  /** The facility's colour rolled up from its points (GB 39496-2020 §5.5.4); null = normal. */
  level: Level.nullable(),
  /** Its points cut off now (open 断线, or 断网 of the mine): not 正常 even when no colour is set. */
  offlineSensors: z.number().int(),
  openAlarms: z.number().int(),
});
export type FacilityResponse = z.infer<typeof FacilityResponse>;

const LevelValues = z.strictObject({
  蓝色: finite.optional(),
  黄色: finite.optional(),
  橙色: finite.optional(),
  红色: finite.optional(),
});

const SensorTypeName = z.string().trim().min(1).max(40);

/** The fields of a sensor's detection parameters (see SensorSpec). */
const specShape = {
  direction: z.enum(['upper', 'lower']),
  /**
   * The sensor type (传感器类型) from the catalogue (setting `monitoring.sensorTypes`): its measuring
   * range is the sensor's unless the sensor gives its own.
   */
  sensorType: SensorTypeName.optional(),
  rangeMin: finite,
  rangeMax: finite,
  intervalSeconds: z.number().int().min(1).max(86_400),
  /** 断线 after this many intervals without data. */
  silentFactor: z.number().min(1).max(100).default(3),
  thresholds: LevelValues,
  clear: LevelValues.optional(),
  deadband: z.number().min(0).max(1e9).default(0),
  minDurationSeconds: z.number().int().min(0).max(86_400).default(0),
  minCount: z.number().int().min(1).max(1000).default(1),
  rate: z
    .strictObject({
      windowSeconds: z
        .number()
        .int()
        .min(1)
        .max(7 * 86_400),
      maxPerHour: z.number().positive(),
      level: Level.default('橙色'),
    })
    .optional(),
  flat: z
    .strictObject({
      epsilon: z.number().min(0),
      count: z.number().int().min(2).max(100_000),
      durationSeconds: z
        .number()
        .int()
        .min(1)
        .max(30 * 86_400),
    })
    .optional(),
  spike: z
    .strictObject({
      window: z.number().int().min(5).max(200),
      k: z.number().min(1).max(100),
      minDeviation: z.number().min(0),
      /** Consecutive agreeing spikes that confirm a new level (default 3; at most the window). */
      confirm: z.number().int().min(2).max(200).optional(),
    })
    .optional(),
};

type SpecChecked = {
  direction: 'upper' | 'lower';
  rangeMin?: number | undefined;
  rangeMax?: number | undefined;
  thresholds: z.infer<typeof LevelValues>;
  clear?: z.infer<typeof LevelValues> | undefined;
  spike?: { window: number; confirm?: number | undefined } | undefined;
};

/** The checks between fields: range order, thresholds in the direction's order, clear values. */
function checkSpec(s: SpecChecked, ctx: z.RefinementCtx) {
  if (s.rangeMin !== undefined && s.rangeMax !== undefined && s.rangeMin >= s.rangeMax) {
    ctx.addIssue({ code: 'custom', path: ['rangeMax'], message: '量程上限须大于下限' });
  }
  if (s.spike?.confirm !== undefined && s.spike.confirm > s.spike.window) {
    ctx.addIssue({
      code: 'custom',
      path: ['spike', 'confirm'],
      message: `确认新水平的读数个数不能多于窗口 ${s.spike.window}`,
    });
  }
  // Thresholds must order with the direction: a higher level is reached later.
  let prev: { level: WarningLevel; value: number } | undefined;
  for (const level of warningLevels) {
    const v = s.thresholds[level];
    if (v === undefined) {
      continue;
    }
    if (prev) {
      const bad = s.direction === 'upper' ? v < prev.value : v > prev.value;
      if (bad) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', level],
          message: `${level}阈值须${s.direction === 'upper' ? '不低于' : '不高于'}${prev.level}阈值 ${prev.value}`,
        });
      }
    }
    prev = { level, value: v };
  }
  for (const level of warningLevels) {
    const c = s.clear?.[level];
    const t = s.thresholds[level];
    if (c === undefined) {
      continue;
    }
    if (t === undefined) {
      ctx.addIssue({ code: 'custom', path: ['clear', level], message: `未设${level}阈值` });
    } else if (s.direction === 'upper' ? c > t : c < t) {
      ctx.addIssue({
        code: 'custom',
        path: ['clear', level],
        message: `解除值须在阈值 ${t} 的安全一侧`,
      });
    }
  }
}

/**
 * The detection parameters of one sensor as stored (what the pure detectors read): the measuring range
 * is always there — a sensor type's range is written in when the spec is saved.
 */
export const SensorSpec = z.strictObject(specShape).superRefine(checkSpec);

/**
 * Detection parameters as a client sends them: naming a sensor type, the range may be left out and
 * then comes from the type (the catalogue in force when the spec is saved); without a type it is
 * required.
 */
export const SensorSpecBody = z
  .strictObject({ ...specShape, rangeMin: finite.optional(), rangeMax: finite.optional() })
  .superRefine((s, ctx) => {
    if ((s.rangeMin === undefined) !== (s.rangeMax === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [s.rangeMin === undefined ? 'rangeMin' : 'rangeMax'],
        message: '量程上下限须同时给出',
      });
    } else if (s.rangeMin === undefined && s.sensorType === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rangeMin'], message: '须给出量程或传感器类型' });
    }
    checkSpec(s, ctx);
  });
export type SensorSpecBody = z.infer<typeof SensorSpecBody>;
export type SensorSpecBodyInput = z.input<typeof SensorSpecBody>;
export type SensorSpec = z.infer<typeof SensorSpec>;
export type SensorSpecInput = z.input<typeof SensorSpec>;

const LevelValuesResponse = z.object({
  蓝色: z.number().optional(),
  黄色: z.number().optional(),
  橙色: z.number().optional(),
  红色: z.number().optional(),
});

/** A sensor's stored detection parameters as the API answers them (SensorSpec with its defaults applied). */
export const SensorSpecResponse = z.object({
  direction: z.enum(['upper', 'lower']),
  sensorType: z.string().optional(),
  rangeMin: z.number(),
  rangeMax: z.number(),
  intervalSeconds: z.number().int(),
  silentFactor: z.number(),
  thresholds: LevelValuesResponse,
  clear: LevelValuesResponse.optional(),
  deadband: z.number(),
  minDurationSeconds: z.number().int(),
  minCount: z.number().int(),
  rate: z
    .object({ windowSeconds: z.number().int(), maxPerHour: z.number(), level: Level })
    .optional(),
  flat: z
    .object({ epsilon: z.number(), count: z.number().int(), durationSeconds: z.number().int() })
    .optional(),
  spike: z
    .object({
      window: z.number().int(),
      k: z.number(),
      minDeviation: z.number(),
      confirm: z.number().int().optional(),
    })
    .optional(),
});
export type SensorSpecResponse = z.infer<typeof SensorSpecResponse>;

export const SensorInput = z.strictObject({
  facilityId: z.uuid(),
  code: Code,
  name: Name,
  quantity: z.enum(quantityNames),
  item: Name.optional(),
  location: z.string().trim().min(1).max(100).optional(),
  /** A preset from the standards to start from (e.g. 甲烷:采煤工作面, CO, 浸润线:<红色埋深>). */
  preset: z.string().trim().min(1).max(60).optional(),
  /** The sensor type (e.g. 低浓度甲烷传感器): with a preset or the defaults, the range comes from it. */
  sensorType: SensorTypeName.optional(),
  spec: SensorSpecBody.optional(),
});
export type SensorInput = z.infer<typeof SensorInput>;

export const SensorSpecUpdate = z.strictObject({
  version: z.number().int().min(1),
  spec: SensorSpecBody,
  reason: z.string().trim().min(2).max(500),
});

export const SensorResponse = z.object({
  id: z.uuid(),
  no: z.number().int(),
  mineId: z.uuid(),
  facilityId: z.uuid(),
  code: z.string(),
  name: z.string(),
  quantity: z.string(),
  item: z.string(),
  location: z.string().nullable(),
  unit: z.string(),
  spec: SensorSpecResponse,
  version: z.number().int(),
  lastReadingAt: z.string().nullable(),
  lastValue: z.number().nullable(),
  level: Level.nullable(),
  /** An open 断线 of its own or 断网 of its mine: its state is unknown, never shown as 正常. */
  offline: z.boolean(),
});

export type SensorResponse = z.infer<typeof SensorResponse>;

export const SensorListQuery = z.strictObject({
  mineId: z.uuid().optional(),
  facilityId: z.uuid().optional(),
});

export const FacilityListQuery = z.strictObject({
  mineId: z.uuid().optional(),
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

/** The answer of a sensor import (CSV/xlsx): how many points were registered, which columns were ignored. */
export const SensorImportResponse = z.object({
  imported: z.number().int(),
  ignoredColumns: z.array(z.string()),
});

/** One reading as a gateway sends it. */
export interface ReadingRecord {
  /** The mine's code, needed only when a gateway serves several mines with clashing sensor codes. */
  mine?: unknown;
  sensor: unknown;
  ts: unknown;
  value: unknown;
}

export const IngestReport = z.object({
  received: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(
    z.object({
      index: z.number().int().describe('批内序号 (从 0 起; CSV 为数据行序号)'),
      field: z.string(),
      message: z.string(),
    }),
  ),
  alarmsOpened: z.number().int(),
});
export type IngestReport = z.infer<typeof IngestReport>;

export const ReadingsQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  /** raw readings, or the 5-minute statistics. */
  resolution: z.enum(['raw', '5m']).default('raw'),
});

/** A raw reading. */
export const RawReadingResponse = z.object({ ts: z.string(), value: z.number() });
/** The statistics of one 5-minute bucket. */
export const ReadingStatsResponse = z.object({
  ts: z.string(),
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  count: z.number().int(),
});

/** A sensor's chart: raw readings or 5-minute statistics, its thresholds (the bands) and the alarms in the window. */
export const SensorReadingsResponse = z.object({
  sensorId: z.uuid(),
  unit: z.string(),
  spec: SensorSpecResponse,
  resolution: z.enum(['raw', '5m']),
  truncated: z.boolean().describe('更多数据未返回 (超过单次上限)'),
  points: z.array(z.union([RawReadingResponse, ReadingStatsResponse])),
  alarms: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(alarmKinds),
      level: Level,
      at: z.string(),
      closedAt: z.string().nullable(),
    }),
  ),
});
export type SensorReadingsResponse = z.infer<typeof SensorReadingsResponse>;

/** A region code (GB/T 2260): the alarms of the mines in its subtree. */
const RegionCode = z.string().regex(/^\d{6}$/);

export const AlarmListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: z.uuid().optional(),
  sensorId: z.uuid().optional(),
  open: z.enum(['true', 'false']).optional(),
  kind: z.enum(alarmKinds).optional(),
  level: Level.optional(),
  state: z.enum(alarmStates).optional(),
  q: SearchText.optional().describe('搜索: 矿山名称或测点编号'),
  from: DateString.optional().describe('产生日期起'),
  to: DateString.optional().describe('产生日期止'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AlarmListQuery = z.infer<typeof AlarmListQuery>;

export const AlarmResponse = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  sensorId: z.uuid().nullable(),
  /** The facility of its point (null for a mine-wide alarm such as 断网). */
  facilityId: z.uuid().nullable(),
  sensorCode: z.string().nullable(),
  kind: z.enum(alarmKinds),
  level: Level,
  peakLevel: Level,
  state: z.enum(alarmStates),
  detail: z.string(),
  openedAt: z.string(),
  triggeredAt: z.string(),
  lastValue: z.number().nullable(),
  suppressed: z.boolean(),
  /** 历史告警: raised from old readings (resent, imported, replayed); recorded, calling nobody. */
  historic: z.boolean(),
  callStep: z.number().int(),
  stage: z.string().nullable(),
  nextCallAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  respondedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.enum(alarmCloseReasons).nullable(),
  closeNote: z.string().nullable(),
});
export type AlarmResponse = z.infer<typeof AlarmResponse>;

export const AlarmSummaryQuery = z.strictObject({ region: RegionCode.optional() });

export const AlarmSummaryResponse = z.object({
  open: z.number().int(),
  unanswered: z.number().int(),
  byLevel: z.record(Level, z.number().int()),
  byKind: z.partialRecord(z.enum(alarmKinds), z.number().int()),
  /** The open alarm waiting longest for its 叫应 (null when every open alarm was acknowledged). */
  oldestUnansweredAt: z.string().nullable(),
});
export type AlarmSummaryResponse = z.infer<typeof AlarmSummaryResponse>;

export const AlarmEventResponse = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  level: Level.nullable(),
  actor: z.string().nullable(),
  /** What the event records; its fields depend on the event type (recipients, channels, stage …). */
  detail: z.record(z.string(), z.unknown()),
});

export const AlarmDetailResponse = AlarmResponse.extend({
  timeline: z.array(AlarmEventResponse),
});
export type AlarmDetailResponse = z.infer<typeof AlarmDetailResponse>;

export const AlarmNoteInput = z.strictObject({ note: z.string().trim().min(2).max(2000) });
export const AlarmResponseInput = z.strictObject({
  action: z.enum(['停产撤人', '启动应急预案', '其他处置']),
  peopleWithdrawn: z.number().int().min(0).max(100_000),
  completedAt: z.iso.datetime({ offset: true }),
  note: z.string().trim().min(2).max(2000),
});

/** The answer of the one-time acknowledgement link. */
export const AlarmAckResponse = z.object({
  alarmId: z.uuid(),
  acknowledged: z.boolean(),
  message: z.string(),
});

export const MaintenanceListQuery = z.strictObject({ mineId: z.uuid().optional() });

export const MaintenanceResponse = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  sensorId: z.uuid().nullable(),
  facilityId: z.uuid().nullable(),
  reason: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  cancelledAt: z.string().nullable(),
});

export type MaintenanceResponse = z.infer<typeof MaintenanceResponse>;

export const MaintenanceInput = z.strictObject({
  mineId: z.uuid(),
  sensorId: z.uuid().optional(),
  facilityId: z.uuid().optional(),
  reason: z.string().trim().min(2).max(500),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});

/** Whether a level is at least another (for filters in the web app). */
export const atLeast = (a: WarningLevel, b: WarningLevel) => levelRank(a) >= levelRank(b);
