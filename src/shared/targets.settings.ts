/**
 * @module The plans' numeric targets per jurisdiction and year (issue 8 §2; the 西藏, 原平 and 拉萨 plans
 * and the NMSA's 2024 bulletin, see docs/sources.md). They are configuration: each names its
 * indicator, region, year, goal and the plan clause it comes from, and regulators add their own.
 */
import { z } from 'zod';

export const indicatorKeys = [
  'standardization2Plus',
  'standardization3Plus',
  'largeMediumShare',
  'smallMinesChange',
  'undergroundStaffChange',
  'monitoringCoverage',
  'hazardStockCleared',
  'tailingsClosure',
  'qualificationCompliance',
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

export const TargetSchema = z.strictObject({
  region: z.string().regex(/^\d{6}$/),
  indicator: z.enum(indicatorKeys),
  year: z.number().int().min(2020).max(2100),
  /** ≥ goal for shares (percent), ≤ goal for changes (percent, negative = a reduction). */
  goal: z.number().min(-100).max(100),
  source: z.string().min(1).max(300),
});
export type Target = z.infer<typeof TargetSchema>;
export const TargetsSchema = z.array(TargetSchema).max(1000);

export const defaultTargets: Target[] = [
  {
    region: '540000',
    indicator: 'standardization2Plus',
    year: 2026,
    goal: 80,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标 (生产非煤矿山标准化二级及以上 ≥ 80%)',
  },
  {
    region: '540000',
    indicator: 'largeMediumShare',
    year: 2026,
    goal: 20,
    source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标 (大中型矿山占比 ≥ 20%)',
  },
  {
    region: '540000',
    indicator: 'smallMinesChange',
    year: 2026,
    goal: -10,
    source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第11条 (小型矿山数量减少 10%)',
  },
  {
    region: '540000',
    indicator: 'standardization3Plus',
    year: 2026,
    goal: 100,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第19条 (生产非煤矿山全部达到三级及以上)',
  },
  {
    region: '540000',
    indicator: 'monitoringCoverage',
    year: 2025,
    goal: 100,
    source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第15条 (监测预警系统 2025 年底全覆盖)',
  },
  {
    region: '540100',
    indicator: 'standardization3Plus',
    year: 2025,
    goal: 100,
    source: '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)5 (2025 年底三级 100%)',
  },
  {
    region: '540100',
    indicator: 'standardization2Plus',
    year: 2025,
    goal: 40,
    source: '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)5 (二级 ≥ 40%)',
  },
  {
    region: '220000',
    indicator: 'standardization3Plus',
    year: 2024,
    goal: 100,
    source: '国家矿山安全监察局 2024 年简报, 地方经验做法·吉林省 (2024 年三级 100%)',
  },
  {
    region: '220000',
    indicator: 'largeMediumShare',
    year: 2026,
    goal: 30,
    source: '国家矿山安全监察局 2024 年简报, 地方经验做法·吉林省 (2026 年大中型 ≥ 30%)',
  },
  {
    region: '350000',
    indicator: 'standardization2Plus',
    year: 2024,
    goal: 25,
    source: '国家矿山安全监察局 2024 年简报, 地方经验做法·福建省 (二级 ≥ 25%, 2024)',
  },
  {
    region: '350000',
    indicator: 'standardization2Plus',
    year: 2025,
    goal: 30,
    source: '国家矿山安全监察局 2024 年简报, 地方经验做法·福建省 (二级 ≥ 30%, 2025)',
  },
  {
    region: '140981',
    indicator: 'undergroundStaffChange',
    year: 2026,
    goal: -10,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》一、工作目标 (实现井下人员减少10%以上)',
  },
  {
    region: '140981',
    indicator: 'largeMediumShare',
    year: 2026,
    goal: 20,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》一、工作目标 (大中型非煤矿山占比达到20%以上)',
  },
  {
    region: '140981',
    indicator: 'standardization3Plus',
    year: 2026,
    goal: 100,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第21条 (2026 年底前所有正常生产的非煤矿山三级及以上)',
  },
  {
    region: '140981',
    indicator: 'tailingsClosure',
    year: 2024,
    goal: 100,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第16条 (2024 年底前停用超过 3 年的尾矿库闭库)',
  },
  {
    region: '140981',
    indicator: 'monitoringCoverage',
    year: 2025,
    goal: 100,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第17条 (2025 年底前矿山安全风险监测预警全覆盖)',
  },
  {
    region: '000000',
    indicator: 'hazardStockCleared',
    year: 2024,
    goal: 100,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条 (2024 年底前动态清零存量重大事故隐患)',
  },
  {
    region: '540000',
    indicator: 'undergroundStaffChange',
    year: 2026,
    goal: -10,
    source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标 (井下人员减少 10%)',
  },
  {
    region: '220000',
    indicator: 'undergroundStaffChange',
    year: 2026,
    goal: -10,
    source: '国家矿山安全监察局 2024 年简报, 地方经验做法·吉林省 (2026 年井下人员减少 10%)',
  },
  {
    region: '000000',
    indicator: 'tailingsClosure',
    year: 2026,
    goal: 100,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第14条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第16条; 《2024年矿山安全生产工作要点》第12条 (停用 3 年以上的尾矿库闭库)',
  },
  {
    region: '000000',
    indicator: 'qualificationCompliance',
    year: 2026,
    goal: 100,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1、2条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第1、2条 (五职矿长、特种作业人员持证)',
  },
  {
    region: '000000',
    indicator: 'monitoringCoverage',
    year: 2025,
    goal: 100,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第15条; 《2024年矿山安全生产工作要点》第27条 (2025 年底监测预警全覆盖)',
  },
];

/**
 * The regional risk grading (issue 8 §4; 国家矿山安全监察局 2024 年简报, 地方经验做法·福建省:
 * 研究福建矿山风险系数模型，定期通报各地风险等级).
 * Fujian's model is not published: the coefficient and the level boundaries are configuration.
 * K = 平均风险分 × (1 + 高风险矿山占比), where high-risk mines are those of `highClasses`.
 */
export const RegionalRiskSchema = z.strictObject({
  highClasses: z.array(z.string().min(1).max(20)).max(10),
  /** Highest first: a region is at the first level whose minimum its coefficient reaches. */
  levels: z
    .array(z.strictObject({ name: z.string().min(1).max(20), min: z.number() }))
    .min(1)
    .max(10),
});
export type RegionalRisk = z.infer<typeof RegionalRiskSchema>;
export const defaultRegionalRisk: RegionalRisk = {
  highClasses: ['A'],
  levels: [
    { name: '重大风险', min: 50 },
    { name: '较大风险', min: 35 },
    { name: '一般风险', min: 20 },
    { name: '低风险', min: -1000 },
  ],
};

export const PeriodicReportScheduleSchema = z.strictObject({
  annualOn: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
  threeYear: z.strictObject({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
});
/**
 * Made ahead of the deadlines of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六) (12-10 each year; 2026-11-30),
 * leaving time to review.
 */
export const defaultPeriodicReportSchedule = {
  annualOn: '12-01',
  threeYear: { from: '2024-01-01', on: '2026-11-20' },
};
