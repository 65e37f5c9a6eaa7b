/**
 * @module 隐蔽致灾因素普查 (issue 25 §1), pure: the factor types and their levels, the survey and its
 * review as input, the disaster grade a survey sets — the highest level of its factors, "就高不就低"
 * (《2024年矿山安全生产工作要点》第10条; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第13条;
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第14条) — the 可采/缓采/禁采 zones (要点第8条), the
 * 3–5-year scope ahead of the workings (要点第7条; 西藏第13条; 原平第14条), and when a mine's survey is due.
 * The deadlines and the renewal period are UNVERIFIED settings (surveys.rules), never law in code.
 */
import { z } from 'zod';
import { DateString, Name, Uuid } from './common.schemas.ts';
import { addDays, addMonths } from './dates.ts';

/** The types of hidden disaster-causing factors (要点第7条 names 含水体、地质构造、老空区、瓦斯富集区、冲击地压和岩爆危险区). */
export const factorKinds = [
  '采空区',
  '老窑',
  '水害',
  '火区',
  '断层',
  '边坡',
  '瓦斯富集区',
  '冲击地压',
  '岩爆',
  '其他',
] as const;
export type FactorKind = (typeof factorKinds)[number];

/** The levels of a factor, and so of the mine's disaster grade, lowest first (the 水文地质类型 scale). */
export const disasterGrades = ['简单', '中等', '复杂', '极复杂'] as const;
export type DisasterGrade = (typeof disasterGrades)[number];

/** The zones a survey draws (要点第8条: 分类划出可采区、缓采区、禁采区). */
export const zoneClasses = ['可采区', '缓采区', '禁采区'] as const;
export type ZoneClass = (typeof zoneClasses)[number];

export const SurveyState = {
  Filed: '待审查',
  Passed: '审查通过',
  Returned: '退回重查',
} as const;
export type SurveyState = (typeof SurveyState)[keyof typeof SurveyState];
export const surveyStates = Object.values(SurveyState) as [SurveyState, ...SurveyState[]];

const Text = (max: number) => z.string().trim().max(max);

export const FactorInput = z.strictObject({
  kind: z.enum(factorKinds).describe('致灾因素类型'),
  level: z.enum(disasterGrades).describe('危害程度'),
  location: Text(200).min(1, '不能为空').describe('位置 (采区、工作面、坐标范围)'),
  note: Text(500).default(''),
});
export type FactorInput = z.infer<typeof FactorInput>;

export const ZoneInput = z.strictObject({
  zoneClass: z.enum(zoneClasses).describe('可采区、缓采区或禁采区'),
  name: Text(100).min(1, '不能为空'),
  note: Text(500).default(''),
});
export type ZoneInput = z.infer<typeof ZoneInput>;

/** Bounds of a survey's figures. */
export const SurveyLimits = {
  /** 查清3至5年采掘范围内 (要点第7条; 西藏第13条; 原平第14条 "3-5年"). */
  scopeYearsMin: 3,
  scopeYearsMax: 5,
  factorsMax: 200,
  zonesMax: 100,
  areaKm2Max: 10_000,
  reportFilesMax: 10,
} as const;

export const SurveyInput = z.strictObject({
  mineId: Uuid,
  surveyedOn: DateString.describe('普查完成日期'),
  surveyor: Name.describe('普查单位'),
  areaKm2: z.number().finite().positive().max(SurveyLimits.areaKm2Max).describe('普查面积 (km²)'),
  scopeYears: z
    .number()
    .int()
    .min(SurveyLimits.scopeYearsMin)
    .max(SurveyLimits.scopeYearsMax)
    .describe('超前采掘范围 (年)'),
  scopeDescription: Text(1000).min(1, '不能为空').describe('普查范围 (矿区及周边)'),
  factors: z.array(FactorInput).max(SurveyLimits.factorsMax),
  zones: z.array(ZoneInput).max(SurveyLimits.zonesMax),
  note: Text(1000).default(''),
});
export type SurveyInput = z.infer<typeof SurveyInput>;

export const ReviewInput = z.strictObject({
  reviewedOn: DateString.describe('审查日期'),
  outcome: z.enum([SurveyState.Passed, SurveyState.Returned]),
  note: Text(1000).default(''),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

/**
 * The disaster grade a survey sets: the highest level of its factors ("就高不就低", 要点第10条;
 * 西藏第13条; 原平第14条); 简单 when it found none.
 */
export function gradeOf(factors: readonly { level: DisasterGrade }[]): DisasterGrade {
  let top = 0;
  for (const f of factors) {
    top = Math.max(top, disasterGrades.indexOf(f.level));
  }
  return disasterGrades[top] ?? '简单';
}

/** A region's first deadline for the survey (a region code prefix; '' = everywhere). */
export const SurveyDeadline = z.strictObject({
  regionPrefix: z.string().regex(/^\d{0,6}$/),
  dueOn: DateString,
  source: z.string().max(300),
});

/** The settings of surveys.rules. */
export const SurveyRulesSchema = z.strictObject({
  /** The first survey is due by these dates; the longest matching prefix wins. */
  deadlines: z.array(SurveyDeadline).min(1).max(100),
  /** A passed survey must be renewed within this many months of its survey date (UNVERIFIED). */
  periodMonths: z.number().int().min(1).max(120),
  /** Days after the due date at which the finding climbs each rung (regulator only on later ones). */
  ladderDays: z.array(z.number().int().min(0).max(3650)).min(1).max(10),
});
export type SurveyRules = z.infer<typeof SurveyRulesSchema>;

export const defaultSurveyRules: SurveyRules = {
  deadlines: [
    {
      regionPrefix: '',
      dueOn: '2024-12-31',
      source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第13条: 2024年底前',
    },
    {
      regionPrefix: '140981',
      dueOn: '2024-06-30',
      source: '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第14条: 2024年6月底前',
    },
  ],
  // No text gives a renewal period ("常态化", "动态普查台账"): one year is minewatch's default.
  periodMonths: 12,
  ladderDays: [1, 30, 90],
};

/** The first-survey deadline of a county: the deadline with the longest matching prefix. */
export function firstDeadline(rules: SurveyRules, countyCode: string): string {
  const match = rules.deadlines
    .filter((d) => countyCode.startsWith(d.regionPrefix))
    .sort((a, b) => b.regionPrefix.length - a.regionPrefix.length)[0];
  return match?.dueOn ?? '9999-12-31';
}

/** When a survey dated `surveyedOn` must be renewed: its period after it (the renewal is due that day). */
export function renewalDue(rules: SurveyRules, surveyedOn: string): string {
  return addMonths(surveyedOn, rules.periodMonths);
}

/** Why a mine's survey is missing or out of date on `today`, with the due date; null when in order. */
export function surveyFinding(
  rules: SurveyRules,
  mine: { countyCode: string; lastPassedSurveyOn: string | null },
  today: string,
): { reason: '未普查' | '普查过期'; dueOn: string } | null {
  if (mine.lastPassedSurveyOn === null) {
    const dueOn = firstDeadline(rules, mine.countyCode);
    return today > dueOn ? { reason: '未普查', dueOn } : null;
  }
  const dueOn = renewalDue(rules, mine.lastPassedSurveyOn);
  return today > dueOn ? { reason: '普查过期', dueOn } : null;
}

/** The rungs of a finding due on `dueOn` that have fallen due by `today`. */
export function findingSteps(rules: SurveyRules, dueOn: string, today: string) {
  return rules.ladderDays
    .map((d, i) => ({ step: `第${i + 1}级`, dueOn: addDays(dueOn, d) }))
    .filter((s) => s.dueOn <= today);
}
