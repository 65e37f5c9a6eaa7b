/**
 * @module API shapes of the coal upload files (issue 22): the per-file report a POST answers, and what
 * the mapped files show — a mine's feeds, its points with both sets of thresholds, the episodes and
 * findings, its abnormal-alarm records, substations, who is underground and the leaders' descents.
 */
import { z } from 'zod';
import { coalEpisodeKinds, coalFeedStates, coalFindingKinds } from './coal-upload.enums.ts';

const Time = z.string().describe('ISO 8601');

export const CoalProblemResponse = z.object({
  /** 0 = the header segment, 1 = the first record; null = the file as a whole. */
  record: z.number().int().nullable(),
  /** The field in the standard's words (测点值), or what of the file (文件名, 煤矿编码). */
  field: z.string(),
  reason: z.string(),
  value: z.string().optional(),
});

export const CoalFileReport = z.object({
  file: z.string(),
  type: z.string().nullable().describe('文件类型 (CDDY, CDSS …); null when the name is not one'),
  mineCode: z.string().nullable(),
  status: z
    .enum(['stored', 'duplicate', 'refused'])
    .describe(
      'stored: 已处理 (个别记录可能被拒收); duplicate: 同一文件此前已接收, 未重复保存; refused: 整个文件被拒收',
    ),
  records: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  refused: z.number().int().describe('被拒收的记录数 (整个文件被拒收时为其记录数, 未能读出时为 0)'),
  problems: z.array(CoalProblemResponse),
  warnings: z.array(CoalProblemResponse),
});
export type CoalFileReport = z.infer<typeof CoalFileReport>;

export const CoalUploadReport = z.object({ files: z.array(CoalFileReport) });
export type CoalUploadReport = z.infer<typeof CoalUploadReport>;

export const CoalDaysQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(93).default(7).describe('最近多少天'),
});

export const CoalFeedResponse = z.object({
  type: z.string(),
  title: z.string(),
  lastFileAt: Time.nullable(),
  lastReceivedAt: Time.nullable(),
  /** Seconds from the last file's own time to now. */
  delaySeconds: z.number().nullable(),
  filesLastDay: z.number().int(),
  refusedLastDay: z.number().int(),
});

export const CoalFileResponse = z.object({
  id: z.string(),
  type: z.string(),
  fileName: z.string(),
  fileAt: Time,
  receivedAt: Time,
  outcome: z.enum(['stored', 'refused']),
  records: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  refused: z.number().int(),
  problems: z.array(CoalProblemResponse),
});

export const CoalFeedsResponse = z.object({
  mineId: z.string(),
  coalCode: z.string().nullable(),
  feeds: z.array(CoalFeedResponse),
  /** Files refused whole or in part, the newest first. */
  refusedFiles: z.array(CoalFileResponse),
});
export type CoalFeedsResponse = z.infer<typeof CoalFeedsResponse>;

export const CoalRegionFeedsQuery = z.strictObject({
  region: z
    .string()
    .regex(/^\d{6}$/, '区域代码须为6位数字')
    .optional(),
});

/** One feed of a mine on the regulator's page: counts by the files' own time (数据上传时间 in the name). */
export const CoalRegionFeedResponse = CoalFeedResponse.extend({
  filesLastHour: z.number().int(),
  /** Minutes after which this feed counts as late (setting coalUpload.feedStaleMinutes); null = not judged. */
  staleAfterMinutes: z.number().int().nullable(),
  /** Judged and missing or older than staleAfterMinutes. */
  stale: z.boolean(),
});

/** A coal mine of the caller's jurisdiction with its feeds and its files refused in the last day. */
export const CoalMineFeedsResponse = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyCode: z.string(),
  coalCode: z.string().nullable(),
  state: z.enum(coalFeedStates),
  /** The newest file of any type (its own time). */
  lastFileAt: Time.nullable(),
  filesLastHour: z.number().int(),
  refusedLastDay: z.number().int(),
  feeds: z.array(CoalRegionFeedResponse),
  /** The newest refused files of the last day (at most 5; each with at most 10 of its problems). */
  refusedFiles: z.array(CoalFileResponse),
});
export type CoalMineFeedsResponse = z.infer<typeof CoalMineFeedsResponse>;

const MineThresholdsResponse = z.object({
  version: z.number().int(),
  definedAt: Time,
  upperAlarm: z.number().nullable(),
  upperAlarmClear: z.number().nullable(),
  lowerAlarm: z.number().nullable(),
  lowerAlarmClear: z.number().nullable(),
  upperPowerOff: z.number().nullable(),
  upperPowerOn: z.number().nullable(),
  lowerPowerOff: z.number().nullable(),
  lowerPowerOn: z.number().nullable(),
});

const LevelValues = z.object({
  蓝色: z.number().optional(),
  黄色: z.number().optional(),
  橙色: z.number().optional(),
  红色: z.number().optional(),
});

export const CoalPointResponse = z.object({
  id: z.string(),
  pointCode: z.string(),
  sensorId: z.string().nullable(),
  sensorType: z.string(),
  sensorTypeName: z.string().nullable(),
  valueType: z.string(),
  quantity: z.string().nullable(),
  unit: z.string(),
  rangeLow: z.number().nullable(),
  rangeHigh: z.number().nullable(),
  location: z.string(),
  substationCode: z.string(),
  relations: z.array(
    z.array(
      z.object({
        type: z.string(),
        typeName: z.string(),
        pointCode: z.string(),
        name: z.string().nullable(),
      }),
    ),
  ),
  /** The mine's own values (its current version). */
  mineThresholds: MineThresholdsResponse.nullable(),
  /** minewatch's own (the regulator's) thresholds of the point. */
  minewatchThresholds: z
    .object({ direction: z.enum(['upper', 'lower']), thresholds: LevelValues })
    .nullable(),
  /** Which alarm value applies: the stricter of the two. */
  applies: z.object({
    stricter: z.enum(['minewatch', 'mine', 'same']).nullable(),
    value: z.number().nullable(),
  }),
  /**
   * The latest state the mine reported of a point that feeds no minewatch point (开关量 such as 主通风机
   * 开停 or 馈电, 累计量): its value, the 开/停 description of a switch, and its 测点状态.
   */
  state: z
    .object({ at: Time, value: z.number(), text: z.string().nullable(), status: z.string() })
    .nullable(),
  definedAt: Time,
});
export type CoalPointResponse = z.infer<typeof CoalPointResponse>;

/**
 * The mine's own definition of a minewatch point that came from its files, and the newest 测点状态 it
 * reported other than 正常; `point` is null for a point that did not come from a coal file.
 */
export const CoalSensorPointResponse = z.object({
  point: CoalPointResponse.nullable(),
  status: z
    .object({
      at: Time,
      value: z.number(),
      /** The flags' names (报警, 断电, 标校 …). */
      flags: z.array(z.string()),
      /** Still in force: no minewatch reading came after it. */
      current: z.boolean(),
    })
    .nullable(),
});
export type CoalSensorPointResponse = z.infer<typeof CoalSensorPointResponse>;

export const CoalEpisodeResponse = z.object({
  id: z.string(),
  pointCode: z.string(),
  location: z.string(),
  sensorId: z.string().nullable(),
  kind: z.enum(coalEpisodeKinds),
  startedAt: Time,
  endedAt: Time,
  detail: z.string(),
});

export const CoalFindingQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(93).default(7),
  kind: z.enum(coalFindingKinds).optional(),
});

export const CoalFindingResponse = z.object({
  id: z.string(),
  kind: z.enum(coalFindingKinds),
  pointCode: z.string().nullable(),
  location: z.string().nullable(),
  alarmId: z.string().nullable(),
  at: Time,
  summary: z.string(),
  foundAt: Time,
});

export const CoalAbnormalResponse = z.object({
  id: z.string(),
  pointCode: z.string(),
  location: z.string().nullable(),
  abnormalType: z.string(),
  abnormalTypeName: z.string().nullable(),
  startTime: Time,
  endTime: Time.nullable(),
  max: z.number().nullable(),
  min: z.number().nullable(),
  avg: z.number().nullable(),
  cause: z.string(),
  measures: z.string(),
  enteredBy: z.string(),
  enteredAt: Time.nullable(),
  alarmId: z.string().nullable(),
});

export const CoalSubstationResponse = z.object({
  code: z.string(),
  location: z.string().nullable(),
  runStatus: z.string().nullable(),
  runStatusName: z.string().nullable(),
  powerStatus: z.string().nullable(),
  powerStatusName: z.string().nullable(),
  stateAt: Time.nullable(),
  points: z.number().int(),
  /** Spans of 通信中断 in the period asked: its points' silence is explained by them. */
  outages: z.array(z.object({ from: Time, to: Time.nullable() })),
});

/**
 * What the mine's substations reported during a 断线 or 断网 alarm's silence (MT/T 1201.1-2023 分站实时数据):
 * the 通信中断 spans that overlap it, and whether they explain it (every substation concerned was out).
 */
export const CoalAlarmOutagesResponse = z.object({
  /** Whether the alarm is a silence (断线, 断网) of points defined by the mine's files. */
  applies: z.boolean(),
  explained: z.boolean(),
  /** The substations concerned: the point's own, or every one with points for a 断网. */
  substations: z.array(z.object({ code: z.string(), location: z.string().nullable() })),
  outages: z.array(
    z.object({
      code: z.string(),
      location: z.string().nullable(),
      from: Time,
      to: Time.nullable(),
    }),
  ),
});
export type CoalAlarmOutagesResponse = z.infer<typeof CoalAlarmOutagesResponse>;

const Person = z.object({
  cardCode: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  areaCode: z.string().nullable(),
  inAt: Time.nullable(),
  isLeader: z.boolean(),
  isSpecial: z.boolean(),
});

export const CoalUndergroundResponse = z.object({
  mineId: z.string(),
  /** The upload time of the newest RYSS; null when none came. */
  asOf: Time.nullable(),
  /** The newest RYSS is older than the setting allows: the figures may no longer hold. */
  stale: z.boolean(),
  total: z.number().int(),
  leaders: z.number().int(),
  special: z.number().int(),
  areas: z.array(
    z.object({
      areaCode: z.string(),
      name: z.string().nullable(),
      quota: z.number().int().nullable(),
      count: z.number().int(),
      overQuota: z.boolean(),
    }),
  ),
  people: z.array(Person),
});
export type CoalUndergroundResponse = z.infer<typeof CoalUndergroundResponse>;

export const CoalUndergroundQuery = z.strictObject({
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const CoalUndergroundMineResponse = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyCode: z.string(),
  asOf: Time.nullable(),
  stale: z.boolean(),
  total: z.number().int(),
  leaders: z.number().int(),
  areasOverQuota: z.number().int(),
});
export type CoalUndergroundMineResponse = z.infer<typeof CoalUndergroundMineResponse>;

export const CoalLeaderQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份须为 YYYY-MM'),
});

export const CoalLeaderDescentsResponse = z.object({
  month: z.string(),
  requiredDays: z.number().int(),
  /** Whether the month had positioning data to judge by (none: nobody is called short). */
  judged: z.boolean(),
  leaders: z.array(
    z.object({
      cardCode: z.string(),
      name: z.string(),
      title: z.string().nullable(),
      days: z.number().int(),
      descents: z.number().int(),
      dates: z.array(z.string()),
      /** Short of the required days: the month is over, or what is left of it cannot make them up. */
      short: z.boolean(),
    }),
  ),
});

export const CoalForwardingQuery = z.strictObject({
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe('只看该行政区划 (及下级) 的煤矿'),
});

/** One forwarded file that failed (retried) or that the target refused for good. */
export const CoalForwardFileResponse = z.object({
  mineId: z.string(),
  mineName: z.string(),
  type: z.string().describe('文件类型 (CDDY, CDSS …)'),
  fileName: z.string(),
  fileAt: Time,
  attempts: z.number().int(),
  lastAttemptAt: Time.nullable(),
  /** When a failed file is tried again (null for a refused one). */
  nextAttemptAt: Time.nullable(),
  reason: z.string().nullable(),
});

/** The forwarding backlog of one target (上级平台 or 上报目录) for the mines of the caller's jurisdiction. */
export const CoalForwardTargetResponse = z.object({
  key: z.enum(['superior', 'folder']),
  kind: z.enum(['http', 'folder']),
  /** The superior's address or the folder, as configured. */
  address: z.string(),
  /** False once the configuration no longer names it: nothing new is queued for it. */
  active: z.boolean(),
  pending: z.number().int().describe('待上报的文件数'),
  pendingMines: z.number().int(),
  /** The file time of the oldest file not yet accepted, and how far behind that is. */
  oldestPendingAt: Time.nullable(),
  lagSeconds: z.number().nullable(),
  retrying: z.number().int().describe('上报失败、等待重试的文件数'),
  rejected: z.number().int().describe('被上级拒收的文件数'),
  delivered: z.number().int(),
  lastAttemptAt: Time.nullable(),
  lastDeliveredAt: Time.nullable(),
  /** The newest failure of a file still waiting, if any. */
  lastError: z.string().nullable(),
  /** Files waiting after a failed attempt, the latest attempt first. */
  failing: z.array(CoalForwardFileResponse),
  /** Files the target refused for good, with its reasons, the latest first. */
  rejectedFiles: z.array(CoalForwardFileResponse),
});
export type CoalForwardTargetResponse = z.infer<typeof CoalForwardTargetResponse>;
