/**
 * @module The catalogue of editable rule parameters: key, schema, default, source, verified flag.
 * Later modules add their UNVERIFIED thresholds here instead of hard-coding them.
 */
import { z } from 'zod';
import {
  TailingsGradeTableSchema,
  defaultTailingsGradeTable,
} from '../../../shared/tailings-grade.ts';
import { LadderSchema, type LadderStep } from '../escalation/escalation.service.ts';
import { StockTargetsSchema, type StockTargets } from '../../../shared/hazard-analysis.schemas.ts';
import {
  CallPolicySchema,
  defaultCallPolicy,
  type CallPolicy,
} from '../../../shared/monitoring.policy.ts';
import { warningLevels } from '../../../shared/monitoring.enums.ts';
import {
  RegionalRiskSchema,
  ReportScheduleSchema,
  TargetsSchema,
  defaultRegionalRisk,
  defaultReportSchedule,
  defaultTargets,
  type RegionalRisk,
  type Target,
} from '../../../shared/targets.settings.ts';
import type { ReportSchedule } from '../../../shared/report-periods.ts';
import {
  ReportStepsSchema,
  defaultReportSteps,
  type ReportStep,
} from '../../../shared/accidents.ts';
import {
  ContractorRulesSchema,
  defaultContractorRules,
  type ContractorRules,
} from '../../../shared/compliance.rules.ts';
import {
  CaseRulesSchema,
  defaultCaseRules,
  type CaseRules,
} from '../../../shared/public-reports.ts';
import {
  RiskModelSchema,
  EnforcementFlagsSchema,
  defaultEnforcementFlags,
  type EnforcementFlags,
  defaultRiskModel,
  type RiskModel,
} from '../../../shared/inspections.settings.ts';
import {
  LeadRulesSchema,
  defaultLeadRules,
  type LeadRules,
} from '../../../shared/leads.settings.ts';

const Level = z.enum(warningLevels);
type FaultLevels = Record<'平线' | '断线' | '断网' | '数据异常', z.infer<typeof Level>>;

export interface SettingDefinition<T> {
  schema: z.ZodType<T>;
  default: T;
  source: string;
  verified: boolean;
  description: string;
}

export const settingsCatalogue = {
  'inspections.riskModel': {
    schema: RiskModelSchema,
    default: defaultRiskModel,
    source:
      'seed 004 item 40 (动态调整矿山等级分类, 差异化执法, 系统复杂、管理团队频繁更换的矿山 more often) and seed 002 七.5 (减少二级及以上标准化企业的安全执法频次); the weights, class boundaries and yearly frequencies are minewatch defaults for each regulator to set',
    verified: false,
    description:
      '矿山执法风险分级模型: 各因素分值、等级界限、各级年度常规检查次数、标准化二级及以上的减少比例',
  } satisfies SettingDefinition<RiskModel>,
  'inspections.enforcementFlags': {
    schema: EnforcementFlagsSchema,
    default: defaultEnforcementFlags,
    source:
      'seed 000 item 20 (对“零处罚”“只检查不处罚”等工作不力、处罚条款落实不到位的地区进行约谈通报); the thresholds are minewatch defaults',
    verified: false,
    description: '零处罚 / 只检查不处罚 标记的门槛: 期间内检查次数、发现问题数，且没有任何处罚',
  } satisfies SettingDefinition<EnforcementFlags>,
  'leads.rules': {
    schema: LeadRulesSchema,
    default: defaultLeadRules,
    source:
      '停产矿山同一作业地点 9 人以内: seed 004 item 18 (national); 10 人以内: seed 002 五.5 (Lhasa, regions 5401…) — REFERENCE.md G9 could not confirm either in a standard. 超能力: 矿安〔2022〕88号 地下(三十) (20%, UNVERIFIED in REFERENCE.md A1) and 煤矿重大事故隐患判定标准 煤矿(1) (10%; the month reading “> 10% of the annual capacity” is ours). 超定员 20%: REFERENCE.md F1 (coal). The detection parameters (ratios, quantiles, z, sustained hours and days) are tuned on the labelled synthetic set of npm run eval:leads, not taken from a text.',
    verified: false,
    description:
      '逐因素分析比对线索规则参数: 明停暗开 (用电基线、人数上限、民爆), 隐蔽工作面 (稳健回归 z 值), 超定员 (班次、20%), 超能力 (年/月比例), 监控造假 (持续小时)',
  } satisfies SettingDefinition<LeadRules>,
  'registry.tailingsGradeTable': {
    schema: TailingsGradeTableSchema,
    default: defaultTailingsGradeTable,
    source: 'REFERENCE.md B4 and A-FULL §6: GB 39496-2020 §4.5, GB 51108-2015 §3.2',
    verified: false,
    description: '尾矿库等别划分表 (全库容与坝高); 两者相差一等取高者, 相差超过一等取高者降一等',
  } satisfies SettingDefinition<z.infer<typeof TailingsGradeTableSchema>>,
  'registry.licenceExpiryWarningDays': {
    schema: z.number().int().min(1).max(365),
    default: 90,
    source: 'minewatch default (issue 3: licences expiring within 90 days)',
    verified: true,
    description: '证照到期预警天数',
  } satisfies SettingDefinition<number>,
  'hazards.escalationLadder': {
    schema: LadderSchema,
    default: <LadderStep[]>[
      { step: '提醒', offsetDays: -3, notify: ['enterprise'] },
      { step: '函告', offsetDays: 1, notify: ['enterprise', 'regulator'] },
      { step: '通报', offsetDays: 15, notify: ['enterprise', 'regulator'] },
      { step: '约谈', offsetDays: 30, notify: ['enterprise', 'regulator'] },
      { step: '曝光', offsetDays: 60, notify: ['enterprise', 'regulator'] },
    ],
    source:
      'PRODUCT.md capability 2 (提醒 → 函告 → 通报 → 约谈 → 曝光); the day offsets are the example of issue 4, not a standard',
    verified: false,
    description: '重大事故隐患逾期升级阶梯: 各步相对治理时限的天数及通知对象',
  } satisfies SettingDefinition<LadderStep[]>,
  'plans.escalationLadder': {
    schema: LadderSchema,
    default: <LadderStep[]>[
      { step: '提醒', offsetDays: -7, notify: ['regulator'] },
      { step: '函告', offsetDays: 1, notify: ['regulator'] },
      { step: '通报', offsetDays: 15, notify: ['regulator'] },
      { step: '约谈', offsetDays: 30, notify: ['regulator'] },
    ],
    source:
      'seed 000 item 7 / seed 004 item 20 (函告、通报、约谈、曝光 for slow work); the same durable ladder as overdue hazards; the day offsets are minewatch defaults',
    verified: false,
    description: '攻坚任务逾期升级阶梯: 各步相对完成时限的天数 (通知牵头单位和配合单位)',
  } satisfies SettingDefinition<LadderStep[]>,
  'plans.targets': {
    schema: TargetsSchema,
    default: defaultTargets,
    source:
      'seed 000 一 and 第15条 (西藏), seed 002 七.5 (拉萨), seed 003 (吉林, 福建), seed 001 二、第8、16、17、21条 (原平); each target names its clause',
    verified: false,
    description: '攻坚目标: 各地区、年度的指标目标值 (百分比; 数量变化为负数表示减少)',
  } satisfies SettingDefinition<Target[]>,
  'plans.regionalRisk': {
    schema: RegionalRiskSchema,
    default: defaultRegionalRisk,
    source:
      'seed 003 (福建: 研究福建矿山风险系数模型，定期通报各地风险等级，县级政府每月开展一次矿山安全风险研判); the model is not published: K = 平均风险分 × (1 + 高风险矿山占比) and the boundaries are minewatch defaults',
    verified: false,
    description: '区域风险分级: 计入高风险的矿山风险类别, 及各风险等级的风险系数下限',
  } satisfies SettingDefinition<RegionalRisk>,
  'accountability.accidentReporting': {
    schema: ReportStepsSchema,
    default: defaultReportSteps,
    source:
      '《矿山生产安全事故报告和调查处理办法》(2023): 矿山 1 小时内报县级 (VERIFIED, REFERENCE.md F2); seed 004 第32条: 省级 10 分钟电话报、30 分钟书面报国家矿山安监局; 县、市两级的时限为地方应急预案做法 (UNVERIFIED)',
    verified: false,
    description: '事故信息报送链: 各级报送的起算点和时限 (分钟); 超时为迟报',
  } satisfies SettingDefinition<ReportStep[]>,
  'accountability.publicReports': {
    schema: CaseRulesSchema,
    default: defaultCaseRules,
    source:
      'seed 000 第24条, seed 001 第27条 (举报受理、核实、办理、反馈、追责闭环, 及时兑现奖励); no text gives the days or the flood limits: minewatch defaults',
    verified: false,
    description: '举报: 受理、核实、办理、反馈各环节的天数, 公开表单的频次与照片限制',
  } satisfies SettingDefinition<CaseRules>,
  'accountability.contractorRules': {
    schema: ContractorRulesSchema,
    default: defaultContractorRules,
    source:
      'seed 000 第18条 and seed 002 五.4 (地下基建矿山掘进承包单位 ≤ 3; 大中型地下生产矿山采掘 ≤ 2; 小型 ≤ 1); seed 001 第20条 (原平: 自2025年起严禁将采掘（剥）工程外包)',
    verified: false,
    description: '承包单位数量上限, 及各地区禁止外包的工程 (自何日起)',
  } satisfies SettingDefinition<ContractorRules>,
  'plans.reportSchedule': {
    schema: ReportScheduleSchema,
    default: defaultReportSchedule,
    source:
      'seed 001 (六): 每年12月10日前报送年度工作总结; 2026年11月30日前报送三年行动评估报告; the days the reports are made are minewatch defaults ahead of those deadlines',
    verified: false,
    description: '定期报告: 年度总结的生成日 (MM-DD) 与三年评估报告的起始日和生成日',
  } satisfies SettingDefinition<ReportSchedule>,
  'hazards.repeatRules': {
    schema: z.strictObject({
      repeatWithinMonths: z.number().int().min(1).max(60),
      closureWindowMonths: z.number().int().min(1).max(24),
      closureMinHazards: z.number().int().min(2).max(20),
    }),
    default: { repeatWithinMonths: 12, closureWindowMonths: 3, closureMinHazards: 2 },
    source:
      '安委〔2024〕1号 / seed 001 item 7: 证照不全…3个月内2次或者2次以上发现有重大事故隐患仍然进行生产的 → 提请关闭 (VERIFIED); 12 months for 屡改屡犯 is issue 4’s rule; “within 3 months” is read as inclusive (UNVERIFIED reading)',
    verified: false,
    description:
      '屡改屡犯 (销号后N个月内同一条款再次发现) 与 提请关闭 (M个月内K次及以上重大隐患且证照不全仍生产) 的参数',
  } satisfies SettingDefinition<{
    repeatWithinMonths: number;
    closureWindowMonths: number;
    closureMinHazards: number;
  }>,
  'hazards.selfInspectionDueDay': {
    schema: z.number().int().min(1).max(28),
    default: 5,
    source:
      'issue 4: “missing reports are flagged after a configurable day of the next month”; the day itself is not in the seeds',
    verified: false,
    description: '月度隐患自查报告截止日 (次月第N日); 逾期未报按升级阶梯处理',
  } satisfies SettingDefinition<number>,
  'hazards.parentInspectionDueDay': {
    schema: z.number().int().min(1).max(28),
    default: 15,
    source:
      'seed 004 item 19: 上级公司…每季度对所属矿山开展1次重大事故隐患排查整治; the due day after the quarter is not in the seeds',
    verified: false,
    description: '上级公司季度隐患排查的记录截止日 (季度结束后次月第N日); 逾期未录按升级阶梯处理',
  } satisfies SettingDefinition<number>,
  'hazards.stockTargets': {
    schema: StockTargetsSchema,
    default: {
      stockFoundBefore: '2024-01-01',
      stockDueOn: '2024-12-31',
      incrementYear: 2025,
      incrementDueOn: '2025-12-31',
      dynamicZeroDueOn: '2026-12-31',
    },
    source:
      'seed 001 item 8 (安委〔2024〕1号): 2024 年底前基本消除 2023 年及以前排查发现的重大事故隐患存量，2025 年底前有效遏制重大事故隐患增量，2026 年底前形成重大事故隐患动态清零的常态化机制',
    verified: true,
    description:
      '重大事故隐患存量、增量与动态清零目标的日期 (各地攻坚方案可另定); 增量以当年新发现数少于上一年为遏制',
  } satisfies SettingDefinition<StockTargets>,
  'monitoring.callPolicies': {
    schema: CallPolicySchema,
    default: defaultCallPolicy,
    source:
      'REFERENCE.md D: 叫应、回应、响应 (应急管理部 2023; 山西 2025-07), 红色/橙色 ⇒ 停产撤人 (VERIFIED); stage names 临警、预警、响警、处警、应警 from seed 004 item 31 with no public definition, per-level minutes and who is called first NOT FOUND (D4, D5) — minewatch defaults',
    verified: false,
    description:
      '预警叫应策略: 各级别的叫应步骤 (对象、渠道、确认时限、重复提醒)、回应时限与是否须响应 (停产撤人)',
  } satisfies SettingDefinition<CallPolicy>,
  'monitoring.faultLevels': {
    schema: z.strictObject({ 平线: Level, 断线: Level, 断网: Level, 数据异常: Level }),
    default: <FaultLevels>{ 平线: '黄色', 断线: '黄色', 断网: '橙色', 数据异常: '蓝色' },
    source:
      'REFERENCE.md B1/C2: 矿安〔2025〕100号 grades 断网/断线/数据异常 per system but its tables were NOT FOUND — minewatch defaults',
    verified: false,
    description: '非超限类告警 (平线、断线、断网、数据异常) 按哪一级别叫应',
  } satisfies SettingDefinition<
    Record<'平线' | '断线' | '断网' | '数据异常', z.infer<typeof Level>>
  >,
  'monitoring.autoResolveSeconds': {
    schema: z.number().int().min(0).max(86_400),
    default: 300,
    source:
      'issue 5 §5: auto-resolve after the clear condition has held for a set time; 5 min is minewatch’s default',
    verified: false,
    description: '恢复正常持续多少秒后自动解除告警',
  } satisfies SettingDefinition<number>,
  'monitoring.maxFutureSeconds': {
    schema: z.number().int().min(0).max(86_400),
    default: 300,
    source:
      'minewatch default: readings stamped further ahead than this are rejected (clock error)',
    verified: true,
    description: '读数时间最多可超前服务器时间的秒数',
  } satisfies SettingDefinition<number>,
  'monitoring.retention': {
    schema: z.strictObject({
      rawMonths: z.number().int().min(3).max(120),
      statsMonths: z.number().int().min(24).max(240),
    }),
    default: { rawMonths: 3, statsMonths: 24 },
    source:
      'REFERENCE.md C2, AQ 6201 revision: 实时值保存 ≥3 个月, 统计值 ≥2 年 (the proposal; check AQ 6201-2019)',
    verified: false,
    description: '监测数据保存期限 (原始数据月数 ≥3, 5分钟统计值月数 ≥24)',
  } satisfies SettingDefinition<{ rawMonths: number; statsMonths: number }>,
  'monitoring.facilityRollup': {
    schema: z.strictObject({
      blueToYellow: z.number().int().min(1).max(50),
      yellowToOrange: z.number().int().min(1).max(50),
      orangeToRed: z.number().int().min(1).max(50),
    }),
    default: { blueToYellow: 4, yellowToOrange: 3, orangeToRed: 2 },
    source:
      'GB 39496-2020 §5.5.4 (REFERENCE.md B4): the point → item rule is VERIFIED; item → facility by the same counts is an analogy (the text is cut off)',
    verified: false,
    description:
      '监测项目向设施 (尾矿库/边坡) 综合预警的升级规则: 几个蓝色算一个黄色, 几个黄色算橙色, 几个橙色算红色',
  } satisfies SettingDefinition<{
    blueToYellow: number;
    yellowToOrange: number;
    orangeToRed: number;
  }>,
} as const;

export type SettingKey = keyof typeof settingsCatalogue;
export type SettingValue<K extends SettingKey> = (typeof settingsCatalogue)[K]['default'];
