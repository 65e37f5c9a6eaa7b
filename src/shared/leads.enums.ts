/**
 * @module Vocabularies of the multi-factor comparison (逐因素分析比对, issue 6). The factors are the list of
 * 《2024年矿山安全生产工作要点》第42条 and 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第7条 (人员数量、风量、用电量、产量、运输量、
 * 瓦斯量、涌水量、民用爆炸物品使用量; 安委〔2024〕1号); values are the Chinese terms stored in the data.
 */

/**
 * How hourly values fold into a day (and how monitoring readings fold into an hour): amounts add up
 * (sum), headcounts take the peak (max), flows and concentrations average (mean).
 */
export type FactorFold = 'sum' | 'max' | 'mean';

export interface FactorDef {
  unit: string;
  fold: FactorFold;
  /** Largest value a single period may hold (a larger one is refused on import as 物理不可能). */
  max: number;
  /**
   * Drawn in batches (once or a few times a day), not continuously: most hours are 0, so a day's total
   * is the sum of its reported hours as they are — no outlier cap against the day's median hour (which is
   * 0) and no scaling up for unreported hours (a register's unreported hour is an hour without a draw).
   */
  batch?: true;
}

export const factors = {
  用电量: { unit: 'kWh', fold: 'sum', max: 1e8 },
  井下人数: { unit: '人', fold: 'max', max: 100_000 },
  产量: { unit: 't', fold: 'sum', max: 1e8 },
  运输量: { unit: 't', fold: 'sum', max: 1e8 },
  /** 民用爆炸物品 drawn from / used per the 公安 register: once a day (or per blast), not per hour. */
  民爆领用量: { unit: 'kg', fold: 'sum', max: 1e6, batch: true },
  民爆使用量: { unit: 'kg', fold: 'sum', max: 1e6, batch: true },
  风量: { unit: 'm³/min', fold: 'mean', max: 1e6 },
  瓦斯涌出量: { unit: 'm³/min', fold: 'mean', max: 1e5 },
  涌水量: { unit: 'm³/h', fold: 'mean', max: 1e6 },
  /** Derived from monitoring: readings the mine's safety-monitoring points delivered in the period. */
  监测读数: { unit: '条', fold: 'sum', max: 1e9 },
  /** Derived from monitoring: points whose value moved at all in the period (0 = every point flat). */
  监测变化测点数: { unit: '个', fold: 'max', max: 1e6 },
  /**
   * Derived from the coal upload files: minewatch 超限 for which the mine filed no abnormal-alarm record
   * (YCBJ) within the set time (modules/coal-upload; the 监控造假 rule's evidence).
   */
  未报超限: { unit: '次', fold: 'sum', max: 1e6 },
} as const satisfies Record<string, FactorDef>;

export type Factor = keyof typeof factors;

/** Whether a factor is drawn in batches (its day is the plain sum of its hours; see FactorDef.batch). */
export const isBatchFactor = (factor: Factor): boolean =>
  (factors[factor] as FactorDef).batch === true;
export const factorNames = Object.keys(factors) as [Factor, ...Factor[]];
/** Factors derived from minewatch's own data, never imported from a meter. */
export const derivedFactors: readonly Factor[] = ['监测读数', '监测变化测点数', '未报超限'];
/** Factors a meter may report (the derived counts come only from the monitoring ingest and the files). */
export const meterFactors = factorNames.filter((f) => !derivedFactors.includes(f)) as [
  Factor,
  ...Factor[],
];

export const seriesGranularities = ['hour', 'day'] as const;
export type SeriesGranularity = (typeof seriesGranularities)[number];

/** The rules (issue 6 §2). */
export const LeadRule = {
  /** 明停暗开: a stopped mine drawing power, sending people down or drawing explosives. */
  StoppedButWorking: '明停暗开',
  /** 隐蔽工作面: activity rising while reported production stays flat, or people in unregistered areas. */
  HiddenFace: '隐蔽工作面',
  /** 超定员: headcount per shift above the approved limit. */
  OverStaffing: '超定员',
  /** 超能力: production above design capacity (a hazard candidate). */
  OverCapacity: '超能力',
  /** 监控造假: monitoring flat or silent while power and headcount show activity. */
  FalsifiedMonitoring: '监控造假',
  /**
   * 停产迎检: power and headcount drop before a recorded inspection and recover after it (《2024年矿山安全生产工作要点》
   * 第41条: 企业不得停产迎检; issue 24).
   */
  InspectionDodge: '停产迎检',
  /** 举报: a public report its handling unit verified and turned into a lead (issue 9 §1), not detected. */
  PublicReport: '举报',
} as const;
export type LeadRule = (typeof LeadRule)[keyof typeof LeadRule];
export const leadRules = Object.values(LeadRule) as [LeadRule, ...LeadRule[]];
/** The rules the multi-factor detection computes: every rule but 举报, which people raise. */
export type DetectedRule = Exclude<LeadRule, typeof LeadRule.PublicReport>;
export const detectedRules = leadRules.filter(
  (r): r is DetectedRule => r !== LeadRule.PublicReport,
);

/** The series a breach is drawn on: 月产量 and 年产量 (超能力) are sums of 产量. */
export function seriesFactorOf(breachFactor: string): string {
  return breachFactor === '月产量' || breachFactor === '年产量' ? '产量' : breachFactor;
}

/** 新线索 → 已指派 → 已核查 → 已转隐患 / 已转执法, or 已排除 with a reason (issue 6 §3). */
export const LeadStatus = {
  New: '新线索',
  Assigned: '已指派',
  Verified: '已核查',
  ToHazard: '已转隐患',
  ToInspection: '已转执法',
  Dismissed: '已排除',
} as const;
export type LeadStatus = (typeof LeadStatus)[keyof typeof LeadStatus];
export const leadStatuses = Object.values(LeadStatus) as [LeadStatus, ...LeadStatus[]];
export const closedLeadStatuses: readonly LeadStatus[] = [
  LeadStatus.ToHazard,
  LeadStatus.ToInspection,
  LeadStatus.Dismissed,
];

/** Registered underground areas (for 隐蔽工作面: people where no working face is registered). */
export const areaKinds = ['采掘工作面', '辅助区域'] as const;
export type AreaKind = (typeof areaKinds)[number];
export const areaStates = ['在用', '停用封闭'] as const;
export type AreaState = (typeof areaStates)[number];
