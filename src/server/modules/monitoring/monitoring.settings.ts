/**
 * @module The editable rule parameters of monitoring and alarms: each with its schema, default, source and whether
 * the value is verified. UNVERIFIED facts live here as settings a system admin can change, never as code.
 */
import { z } from 'zod';
import {
  CallPolicySchema,
  defaultCallPolicy,
  type CallPolicy,
} from '../../../shared/monitoring.policy.ts';
import { warningLevels } from '../../../shared/monitoring.enums.ts';
import { quantityNames, type Quantity } from '../../../shared/monitoring.quantities.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

const Level = z.enum(warningLevels);
type FaultLevels = Record<'平线' | '断线' | '断网' | '数据异常', z.infer<typeof Level>>;

/** One sensor type (传感器类型): the quantity it measures and its measuring range (量程). */
export interface SensorTypeDef {
  quantity: Quantity;
  rangeMin: number;
  rangeMax: number;
  /** How it measures, for people (e.g. 催化燃烧式). */
  principle?: string | undefined;
}

/** The catalogue of sensor types, by name. */
export type SensorTypes = Record<string, SensorTypeDef>;

const SensorTypesSchema = z.record(
  z.string().trim().min(1).max(40),
  z
    .strictObject({
      quantity: z.enum(quantityNames),
      rangeMin: z.number().finite(),
      rangeMax: z.number().finite(),
      principle: z.string().trim().min(1).max(60).optional(),
    })
    .refine((t) => t.rangeMin < t.rangeMax, { message: '量程上限须大于下限', path: ['rangeMax'] }),
);

export const monitoringSettings = {
  callPolicies: defineSetting<CallPolicy>('monitoring.callPolicies', {
    schema: CallPolicySchema,
    default: defaultCallPolicy,
    source:
      '叫应、回应、响应 (山西《关于推进全省矿山做好气象灾害风险监测预警和应急防范工作的通知》, 2025-07; 陕西 煤矿重大安全风险“叫应”机制, 2023), 红色/橙色 ⇒ 停产撤人 (VERIFIED); stage names 临警、预警、响警、处警、应警 from 《2024年矿山安全生产工作要点》第31条 with no public definition; per-level minutes and who is called first NOT FOUND (矿安〔2025〕100号) — minewatch defaults',
    verified: false,
    description:
      '预警叫应策略: 各级别的叫应步骤 (对象、渠道、确认时限、重复提醒)、回应时限与是否须响应 (停产撤人)',
  }),
  faultLevels: defineSetting<FaultLevels>('monitoring.faultLevels', {
    schema: z.strictObject({ 平线: Level, 断线: Level, 断网: Level, 数据异常: Level }),
    default: { 平线: '黄色', 断线: '黄色', 断网: '橙色', 数据异常: '蓝色' },
    source:
      '矿安〔2025〕100号 grades 断网/断线/数据异常 per system but its tables were NOT FOUND — minewatch defaults',
    verified: false,
    description: '非超限类告警 (平线、断线、断网、数据异常) 按哪一级别叫应',
  }),
  sensorTypes: defineSetting<SensorTypes>('monitoring.sensorTypes', {
    schema: SensorTypesSchema,
    default: {
      低浓度甲烷传感器: { quantity: 'CH4', rangeMin: 0, rangeMax: 4, principle: '催化燃烧式' },
      高浓度甲烷传感器: { quantity: 'CH4', rangeMin: 0, rangeMax: 100, principle: '热导式' },
      全量程甲烷传感器: { quantity: 'CH4', rangeMin: 0, rangeMax: 100 },
      激光甲烷传感器: { quantity: 'CH4', rangeMin: 0, rangeMax: 100, principle: '激光' },
      一氧化碳传感器: { quantity: 'CO', rangeMin: 0, rangeMax: 1000, principle: '电化学' },
      氧气传感器: { quantity: 'O2', rangeMin: 0, rangeMax: 25, principle: '电化学' },
      风速传感器: { quantity: '风速', rangeMin: 0, rangeMax: 15 },
      温度传感器: { quantity: '温度', rangeMin: 0, rangeMax: 40 },
    },
    source:
      'AQ 1029-2019 (as summarised by its revision proposal): 突出矿井 use full-range or high/low-concentration CH4 sensors; MT/T 1201.1-2023 names 传感器类型 (0001 环境瓦斯, 0004 一氧化碳, 0043 激光甲烷 …; its table NOT FOUND). The measuring ranges (low-concentration catalytic CH4 0–4 %, high-concentration 0–100 %, CO 0–1000 ppm, O2 0–25 %, 风速 0–15 m/s, 温度 0–40 °C) are common product ranges, NOT VERIFIED against a standard — minewatch defaults',
    verified: false,
    description:
      '传感器类型目录: 各类型测量的监测量与量程。测点注明类型时, 量程取自类型 (测点可另设); 超出量程的读数只算数据异常, 不报超限。改动对此后新登记或修改参数的测点生效',
  }),
  autoResolveSeconds: defineSetting<number>('monitoring.autoResolveSeconds', {
    schema: z.number().int().min(0).max(86_400),
    default: 300,
    source:
      'issue 5 §5: auto-resolve after the clear condition has held for a set time; 5 min is minewatch’s default',
    verified: false,
    description: '恢复正常持续多少秒后自动解除告警',
  }),
  eventTime: defineSetting<{ latenessHours: number; historyMinutes: number }>(
    'monitoring.eventTime',
    {
      schema: z.strictObject({
        latenessHours: z.number().int().min(1).max(168),
        historyMinutes: z.number().int().min(1).max(10_080),
      }),
      default: { latenessHours: 24, historyMinutes: 15 },
      source:
        '断电续传 (矿安综〔2024〕9号, as reported): a gateway resends its backlog after an outage; 感知数据“应联尽联” (《2024年矿山安全生产工作要点》第27条). How late a reading may be and still be judged in its place, and how old a reading’s alarm is 历史告警 (recorded, not called), are NOT FOUND — minewatch defaults',
      verified: false,
      description:
        '事件时间: 迟到读数在多少小时内按其时间位置重新判定; 读数早于多少分钟所产生的告警为历史告警 (只记录, 不叫应)',
    },
  ),
  maxFutureSeconds: defineSetting<number>('monitoring.maxFutureSeconds', {
    schema: z.number().int().min(0).max(86_400),
    default: 300,
    source:
      'minewatch default: readings stamped further ahead than this are rejected (clock error)',
    verified: true,
    description: '读数时间最多可超前服务器时间的秒数',
  }),
  retention: defineSetting<{ rawMonths: number; statsMonths: number }>('monitoring.retention', {
    schema: z.strictObject({
      rawMonths: z.number().int().min(3).max(120),
      statsMonths: z.number().int().min(24).max(240),
    }),
    default: { rawMonths: 3, statsMonths: 24 },
    source:
      'AQ 6201 revision proposal: 实时值保存 ≥3 个月, 统计值 ≥2 年 (the proposal; check AQ 6201-2019)',
    verified: false,
    description: '监测数据保存期限 (原始数据月数 ≥3, 5分钟统计值月数 ≥24)',
  }),
  facilityRollup: defineSetting<{
    blueToYellow: number;
    yellowToOrange: number;
    orangeToRed: number;
  }>('monitoring.facilityRollup', {
    schema: z.strictObject({
      blueToYellow: z.number().int().min(1).max(50),
      yellowToOrange: z.number().int().min(1).max(50),
      orangeToRed: z.number().int().min(1).max(50),
    }),
    default: { blueToYellow: 4, yellowToOrange: 3, orangeToRed: 2 },
    source:
      'GB 39496-2020 §5.5.4: the point → item rule is VERIFIED; item → facility by the same counts is an analogy (the text is cut off)',
    verified: false,
    description:
      '监测项目向设施 (尾矿库/边坡) 综合预警的升级规则: 几个蓝色算一个黄色, 几个黄色算橙色, 几个橙色算红色',
  }),
};
