/**
 * @module The editable parameters of the coal upload files: which minewatch quantity each 传感器类型
 * code measures, the tolerances and times the mapping judges by, when a feed counts as late, and the
 * 领导带班下井 days required.
 * Each names its source; none is a verified fact of MT/T 1201 (its text was NOT FOUND), so each is a
 * setting a system admin can correct.
 */
import { z } from 'zod';
import { quantityNames, type Quantity } from '../../../shared/monitoring.quantities.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';
import { coalFileTypes, type CoalFileType } from './coal.layouts.ts';

/** What a 传感器类型 code becomes in minewatch: the quantity and, when known, the catalogue's sensor type. */
export interface CoalSensorTypeMapping {
  quantity: Quantity;
  /** A name of the setting monitoring.sensorTypes (gives the range when the file has none). */
  sensorType?: string | undefined;
}

const SensorTypeMapSchema = z.record(
  z.string().regex(/^\d{4}$/, '传感器类型代码须为4位数字'),
  z.strictObject({
    quantity: z.enum(quantityNames),
    sensorType: z.string().trim().min(1).max(40).optional(),
  }),
);

/** Minutes after which a feed of a file type counts as late; a type not listed is not judged. */
const FeedStaleSchema = z.partialRecord(
  z.enum(coalFileTypes as [CoalFileType, ...CoalFileType[]]),
  z
    .number()
    .int()
    .min(1)
    .max(31 * 24 * 60),
);

const seconds = (max: number) => z.number().int().min(1).max(max);

export const coalUploadSettings = {
  sensorTypes: defineSetting<Record<string, CoalSensorTypeMapping>>('coalUpload.sensorTypes', {
    schema: SensorTypeMapSchema,
    default: {
      '0001': { quantity: 'CH4', sensorType: '低浓度甲烷传感器' },
      '0004': { quantity: 'CO', sensorType: '一氧化碳传感器' },
      '0043': { quantity: 'CH4', sensorType: '激光甲烷传感器' },
    },
    source:
      'MT/T 1201.1-2023 附录B 传感器类型 as public code has it (0001 环境瓦斯, 0004 一氧化碳, 0043 激光甲烷; REFERENCE §B6): the rest of the table is NOT FOUND. Which sensor type of monitoring.sensorTypes each is (low-concentration for 环境瓦斯) is minewatch’s reading, UNVERIFIED. A point of a type not listed keeps the mine’s definition but gets no minewatch point until an admin adds its code here',
    verified: false,
    description:
      '煤矿测点定义 (CDDY) 的传感器类型代码对应的本平台监测量 (及传感器类型); 未列出的类型只登记测点定义, 不建立监测点',
  }),
  pointIntervalSeconds: defineSetting<number>('coalUpload.pointIntervalSeconds', {
    schema: seconds(3600),
    default: 30,
    source:
      'The upload period of CDSS is NOT FOUND in MT/T 1201.1 (REFERENCE §B6); AQ 6201 revision: 巡检周期 ≤ 10 s at the mine. minewatch default for the reporting interval of points registered from CDDY (断线 after 3 intervals)',
    verified: false,
    description: '由测点定义 (CDDY) 建立的监测点的上报间隔 (秒), 断线按此判定',
  }),
  episodeGapSeconds: defineSetting<number>('coalUpload.episodeGapSeconds', {
    schema: seconds(86_400),
    default: 120,
    source:
      'minewatch default: status records of one point closer than this join one episode (标校, 数据异常, 报警不一致)',
    verified: false,
    description: '同一测点的状态记录间隔不超过此秒数时合并为一段 (标校、数据异常、报警状态不一致)',
  }),
  quietHoldSeconds: defineSetting<number>('coalUpload.quietHoldSeconds', {
    schema: seconds(86_400),
    default: 600,
    source:
      'minewatch default: while a mine reports a point 标校, 不巡检 or 暂停 its readings are held back, so minewatch would see the point silent (断线) and call; calls of the point are held this long past the last such record — the silence limit (3 × the upload interval), the auto-resolve hold (monitoring.autoResolveSeconds, 300 s) and a tick',
    verified: false,
    description:
      '煤矿上报测点标校、不巡检、暂停时, 该测点暂停叫应至最后一条此类记录之后多少秒 (其间告警只记录)',
  }),
  feedCheckSeconds: defineSetting<number>('coalUpload.feedCheckSeconds', {
    schema: seconds(3600),
    default: 60,
    source:
      'AQ 1029-2019《煤矿安全监控系统及检测仪器使用管理规范》: on a 馈电异常 message the dispatcher orders 断电撤人; 馈电异常 = the controlled circuit still powered after a 断电 command (definition UNVERIFIED against AQ 6201-2019 §3). How soon the 馈电 must show 无电 is NOT FOUND — minewatch default (AQ 6201: information lost on a failure ≤ 40 s, 巡检周期 ≤ 10 s)',
    verified: false,
    description:
      '煤矿上报测点断电后, 其断电控制的馈电测点 (关联关系 D) 须在多少秒内显示无电; 逾期仍有电计为馈电异常',
  }),
  ycbjWithinMinutes: defineSetting<number>('coalUpload.ycbjWithinMinutes', {
    schema: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    default: 60,
    source:
      '《2024年矿山安全生产工作要点》第41条 and 安委〔2024〕1号 (监控造假) name concealed alarms as a clue; how soon a mine must file its 异常报警 (YCBJ) after a 超限 is NOT FOUND — minewatch default',
    verified: false,
    description:
      '本平台判定超限后, 煤矿须在多少分钟内上传对应的异常报警 (YCBJ); 逾期未报计为监控造假线索的证据',
  }),
  statsTolerance: defineSetting<{ absolute: number; relative: number }>(
    'coalUpload.statsTolerance',
    {
      schema: z.strictObject({
        absolute: z.number().min(0).max(1e6),
        relative: z.number().min(0).max(1),
      }),
      default: { absolute: 0.01, relative: 0.02 },
      source:
        'AQ 6201 revision: transmission processing error ≤ 0.5 % (REFERENCE §C2); the tolerance between a mine’s statistics (TJSJ) and minewatch’s own 5-minute statistics is NOT FOUND — minewatch default (the larger of the absolute and the relative difference)',
      verified: false,
      description:
        '煤矿统计数据 (TJSJ) 与本平台5分钟统计的允许偏差: 绝对值与相对值 (取较大者); 超出为数据质量问题',
    },
  ),
  positioningStaleMinutes: defineSetting<number>('coalUpload.positioningStaleMinutes', {
    schema: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    default: 10,
    source:
      '《金属非金属地下矿山感知数据接入规范(试行)》: personnel positions every 30 s (REFERENCE §B6); for coal the RYSS period is NOT FOUND — minewatch default for how old the latest RYSS may be before the 井下人数 is shown as out of date',
    verified: false,
    description: '人员实时数据 (RYSS) 超过多少分钟未更新, 井下人数显示为过期',
  }),
  feedStaleMinutes: defineSetting<z.infer<typeof FeedStaleSchema>>('coalUpload.feedStaleMinutes', {
    schema: FeedStaleSchema,
    default: { CDSS: 5, FZSS: 5, TJSJ: 15, RYSS: 10, JZSS: 10 },
    source:
      'The upload period of each MT/T 1201.1/.3-2023 file (煤安监办〔2019〕42号) is NOT FOUND (REFERENCE §B6; UNVERIFIED). By analogy with 《金属非金属地下矿山感知数据接入规范(试行)》 (real-time every 20 s, statistics every 5 min, personnel positions every 30 s; REFERENCE §B6), minewatch flags a real-time feed older than a few of its periods: CDSS/FZSS 5 min, RYSS/JZSS 10 min (as coalUpload.positioningStaleMinutes), TJSJ 15 min (three 5-minute periods). Definitions (CDDY, FZDY, RYXX, RYQY, RYJZ) and YCBJ (only when there is an abnormal alarm) are not judged unless an admin adds them',
    verified: false,
    description:
      '数据接入页判定上传延迟: 各类文件超过多少分钟未上传即标为延迟 (未列出的文件类型不判定延迟)',
  }),
  leaderDescentDays: defineSetting<number>('coalUpload.leaderDescentDays', {
    schema: z.number().int().min(0).max(31),
    default: 5,
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1: 地下非煤矿山企业主要负责人每月带班下井不得少于5个工作日; for coal mines 《煤矿领导带班下井及安全监督检查规定》 (原国家安全监管总局令第33号) sets its own count, NOT FOUND here — UNVERIFIED for coal',
    verified: false,
    description: '矿领导每月带班下井的最少天数 (按人员位置数据统计)',
  }),
};
