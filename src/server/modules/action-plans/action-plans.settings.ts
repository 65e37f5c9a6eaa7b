/**
 * @module The editable rule parameters of the 攻坚清单 (escalation, targets, regional risk, periodic
 * reports): each with its schema, default, source and whether the value is verified. UNVERIFIED facts
 * live here as settings a system admin can change, never as code.
 */
import { LadderSchema, type LadderStep } from '../../platform/escalation/escalation.service.ts';
import {
  MonitoringRequirementsSchema,
  RegionalRiskSchema,
  PeriodicReportScheduleSchema,
  TargetsSchema,
  defaultMonitoringRequirements,
  defaultRegionalRisk,
  defaultPeriodicReportSchedule,
  defaultTargets,
  type MonitoringRequirement,
  type RegionalRisk,
  type Target,
} from '../../../shared/targets.settings.ts';
import {
  EnterpriseReportSchedulesSchema,
  defaultEnterpriseReportSchedules,
  type EnterpriseReportSchedule,
} from '../../../shared/enterprise-reports.ts';
import { type PeriodicReportSchedule } from '../../../shared/periodic-report.periods.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

/** The setting keys keep the module's first name, `plans.` (they are stored). */
export const actionPlansSettings = {
  escalationLadder: defineSetting<LadderStep[]>('plans.escalationLadder', {
    schema: LadderSchema,
    default: <LadderStep[]>[
      { step: '提醒', offsetDays: -7, notify: ['regulator'] },
      { step: '函告', offsetDays: 1, notify: ['regulator'] },
      { step: '通报', offsetDays: 15, notify: ['regulator'] },
      { step: '约谈', offsetDays: 30, notify: ['regulator'] },
    ],
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第7条 / 《2024年矿山安全生产工作要点》第20条 (函告、通报、约谈、曝光 for slow work); the same durable ladder as overdue hazards; the day offsets are minewatch defaults',
    verified: false,
    description: '攻坚任务逾期升级阶梯: 各步相对完成时限的天数 (通知牵头单位和配合单位)',
  }),
  targets: defineSetting<Target[]>('plans.targets', {
    schema: TargetsSchema,
    default: defaultTargets,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、第11、15、19条; 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)5; 国家矿山安全监察局 2024 年简报 (吉林省, 福建省); 《原平市矿山企业安全生产治本攻坚三年行动实施方案》一、第8、16、17、21条; each target names its clause',
    verified: false,
    description: '攻坚目标: 各地区、年度的指标目标值 (百分比; 数量变化为负数表示减少)',
  }),
  monitoringRequirements: defineSetting<MonitoringRequirement[]>('plans.monitoringRequirements', {
    schema: MonitoringRequirementsSchema,
    default: defaultMonitoringRequirements,
    source:
      'GB 39496-2020 5.5.2 (尾矿库, VERIFIED); 矿安〔2023〕119号 附件 (边坡、排土场: 表面位移); 《金属非金属地下矿山感知数据接入规范（试行）》 as reported and AQ 2031-2011 (地下矿山); 《煤矿安全规程》 (煤矿井工); which quantities make a mine count as covered is minewatch’s reading of them',
    verified: false,
    description:
      '监测预警覆盖率: 各类矿山须有数据的监测量 (每组任一监测量在当日 24 小时内有数据即满足); 尾矿库可按湿排/干排分列',
  }),
  regionalRisk: defineSetting<RegionalRisk>('plans.regionalRisk', {
    schema: RegionalRiskSchema,
    default: defaultRegionalRisk,
    source:
      '国家矿山安全监察局 2024 年简报, 地方经验做法·福建省 (研究福建矿山风险系数模型，定期通报各地风险等级，县级政府每月开展一次矿山安全风险研判); the model is not published: K = 平均风险分 × (1 + 高风险矿山占比) and the boundaries are minewatch defaults',
    verified: false,
    description: '区域风险分级: 计入高风险的矿山风险类别, 及各风险等级的风险系数下限',
  }),
  periodicReportSchedule: defineSetting<PeriodicReportSchedule>('plans.reportSchedule', {
    schema: PeriodicReportScheduleSchema,
    default: defaultPeriodicReportSchedule,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六): 每年12月10日前报送年度工作总结; 2026年11月30日前报送三年行动评估报告; the days the reports are made are minewatch defaults ahead of those deadlines',
    verified: false,
    description: '定期报告: 年度总结的生成日 (MM-DD) 与三年评估报告的起始日和生成日',
  }),
  enterpriseReports: defineSetting<EnterpriseReportSchedule[]>('plans.enterpriseReports', {
    schema: EnterpriseReportSchedulesSchema,
    default: defaultEnterpriseReportSchedules,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六): 各有关企业…2月29日前报送; 每年12月10日前报送年度工作总结; 2026年11月30日前报送三年行动评估报告 (the year of "2月29日" read as 2024, the plan’s year); the ladder’s days are minewatch defaults',
    verified: false,
    description:
      '企业报送: 各地区有矿山的企业须报送治本攻坚推进情况的截止日期, 及未报送时逐级升级的天数',
  }),
};
