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
import { defineSetting } from '../../platform/settings/settings.definition.ts';

const Level = z.enum(warningLevels);
type FaultLevels = Record<'平线' | '断线' | '断网' | '数据异常', z.infer<typeof Level>>;

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
