/**
 * @module 企业主体责任 (issue 25 §4), pure: the days a mine's leaders must spend at work each month —
 * 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1: 地下非煤矿山企业主要负责人每月带班下井不得少于5个工作日,
 * 实际控制人每月在非煤矿山生产现场履行安全职责时间不得少于10个工作日, 对正在生产或基建的非煤矿山安全工程师在岗履职时间每月不少于15个工作日 —
 * and the 矿长安全生产记分 (二(二)1 推广矿长安全生产考核记分制度; 《2024年矿山安全生产工作要点》第22条
 * 出台矿长安全生产记分考核办法, 督促矿山企业及时调整、调离不符合条件的矿长). The numbers, roles and the yearly
 * score threshold are settings (duty.rules, duty.scoreRules), never law in code.
 */
import { z } from 'zod';
import { DateString, Uuid } from './common.schemas.ts';
import { addDays, addMonths, monthEnd } from './dates.ts';
import { mineKinds, mineStatuses } from './registry.enums.ts';

/**
 * What a dated duty record says the person did that day: 带班下井 (underground with a shift), 现场履职 (on
 * the production site, 实际控制人), 在岗履职 (at the post, 安全工程师).
 */
export const dutyKinds = ['带班下井', '现场履职', '在岗履职'] as const;
export type DutyKind = (typeof dutyKinds)[number];

/** Where a month's count of a person comes from. */
export const dutySources = ['人员定位', '填报记录'] as const;
export type DutySource = (typeof dutySources)[number];

const Text = (max: number) => z.string().trim().max(max);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份须为 YYYY-MM');

/** One role's monthly minimum, the kinds of record that count towards it and the mines it applies to. */
export const DutyRuleSchema = z.strictObject({
  role: z.string().min(1).max(20),
  minDays: z.number().int().min(0).max(31),
  counts: z.array(z.enum(dutyKinds)).min(1),
  mineKinds: z.array(z.enum(mineKinds)).min(1),
  statuses: z.array(z.enum(mineStatuses)).min(1),
  source: z.string().min(1).max(300),
});
export type DutyRule = z.infer<typeof DutyRuleSchema>;

/** The settings of duty.rules. */
export const DutyRulesSchema = z.strictObject({
  rules: z.array(DutyRuleSchema).max(20),
  /** The first month judged (months before it are never findings). */
  fromMonth: Month,
  /** How many closed months back the findings and the ladder look. */
  lookbackMonths: z.number().int().min(1).max(36),
  /** Days after a short month's last day at which its finding climbs each rung. */
  ladderDays: z.array(z.number().int().min(0).max(3650)).min(1).max(10),
});
export type DutyRules = z.infer<typeof DutyRulesSchema>;

const NON_COAL = ['金属非金属地下矿山', '金属非金属露天矿山', '尾矿库', '排土场'] as const;
const LHASA = '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1';

export const defaultDutyRules: DutyRules = {
  rules: [
    {
      role: '主要负责人',
      minDays: 5,
      counts: ['带班下井'],
      mineKinds: ['金属非金属地下矿山'],
      statuses: ['建设', '生产'],
      source: `${LHASA}: 地下非煤矿山企业主要负责人每月带班下井不得少于5个工作日; 《金属非金属地下矿山企业领导带班下井及监督检查暂行规定》(原国家安全监管总局令第34号)`,
    },
    {
      role: '实际控制人',
      minDays: 10,
      counts: ['带班下井', '现场履职'],
      mineKinds: [...NON_COAL],
      statuses: ['建设', '生产'],
      source: `${LHASA}: 实际控制人每月在非煤矿山生产现场履行安全职责时间不得少于10个工作日`,
    },
    {
      role: '安全工程师',
      minDays: 15,
      counts: ['带班下井', '现场履职', '在岗履职'],
      mineKinds: [...NON_COAL],
      statuses: ['建设', '生产'],
      source: `${LHASA}: 对正在生产或基建的非煤矿山, 安全工程师在非煤矿山在岗履职时间每月不少于15个工作日`,
    },
  ],
  fromMonth: '2024-01',
  lookbackMonths: 6,
  // No text gives escalation days: minewatch's default, as for the other registers.
  ladderDays: [1, 15, 30],
};

/** The settings of duty.scoreRules (矿长安全生产记分). */
export const ScoreRulesSchema = z.strictObject({
  /** A principal whose points in a calendar year reach this is flagged (调整、调离). */
  yearlyThreshold: z.number().int().min(1).max(100),
  /** The roles a score may be filed for. */
  roles: z.array(z.string().min(1).max(20)).min(1),
});
export type ScoreRules = z.infer<typeof ScoreRulesSchema>;
export const defaultScoreRules: ScoreRules = {
  // No plan text gives the threshold ("出台矿长安全生产记分考核办法"): 12 points a year is minewatch's
  // default, UNVERIFIED.
  yearlyThreshold: 12,
  roles: ['主要负责人', '矿长'],
};

export const DutyRecordInput = z.strictObject({
  mineId: Uuid,
  personId: Uuid.describe('履职人员 (矿山登记的人员)'),
  kind: z.enum(dutyKinds),
  dutyOn: DateString.describe('履职日期'),
  note: Text(500).default('').describe('带班区域、班次等'),
});
export type DutyRecordInput = z.infer<typeof DutyRecordInput>;

export const ScoreInput = z.strictObject({
  mineId: Uuid,
  personId: Uuid.describe('被记分的矿长 (主要负责人)'),
  deductedOn: DateString.describe('记分日期'),
  points: z.number().int().min(1).max(12).describe('记分分值'),
  reason: Text(500).min(1, '不能为空').describe('记分事由'),
});
export type ScoreInput = z.infer<typeof ScoreInput>;

/** The month 'YYYY-MM' of a date: 05-31 is May's, 06-01 June's. */
export const monthOf = (date: string) => date.slice(0, 7);

/** The distinct days of `month` among the dates (two records on one day count once). */
export function daysIn(dates: readonly string[], month: string): number {
  return new Set(dates.filter((d) => monthOf(d) === month)).size;
}

/** The rules that apply to a person holding `roles` at a mine of this kind and status. */
export function rulesFor(
  rules: DutyRules,
  roles: readonly string[],
  mine: { kind: string; status: string },
): DutyRule[] {
  return rules.rules.filter(
    (r) =>
      roles.includes(r.role) &&
      (r.mineKinds as readonly string[]).includes(mine.kind) &&
      (r.statuses as readonly string[]).includes(mine.status),
  );
}

/**
 * The closed months judged on `today`: from the month after the person was registered (a month begun
 * before they were on the register cannot be held against them) and duty.rules.fromMonth, at most
 * lookbackMonths back; the current month is never judged before its last day has passed.
 */
export function judgedMonths(rules: DutyRules, registeredOn: string, today: string): string[] {
  const last = monthOf(addMonths(`${monthOf(today)}-01`, -1));
  let first = monthOf(addMonths(`${monthOf(registeredOn)}-01`, 1));
  const window = monthOf(addMonths(`${last}-01`, -(rules.lookbackMonths - 1)));
  for (const floor of [rules.fromMonth, window]) {
    if (floor > first) {
      first = floor;
    }
  }
  const out: string[] = [];
  for (let m = first; m <= last; m = monthOf(addMonths(`${m}-01`, 1))) {
    out.push(m);
  }
  return out;
}

/**
 * A month below a rule's minimum, once the month is over (its last day passed): the finding is due on
 * the month's last day. Null when met or not yet over.
 */
export function dutyShortfall(
  rule: Pick<DutyRule, 'minDays'>,
  days: number,
  month: string,
  today: string,
): { dueOn: string; missing: number } | null {
  const dueOn = monthEnd(month);
  if (today <= dueOn || days >= rule.minDays) {
    return null;
  }
  return { dueOn, missing: rule.minDays - days };
}

/** The rungs of a finding due on `dueOn` that have fallen due by `today`. */
export function dutySteps(rules: DutyRules, dueOn: string, today: string) {
  return rules.ladderDays
    .map((d, i) => ({ step: `第${i + 1}级`, dueOn: addDays(dueOn, d) }))
    .filter((s) => s.dueOn <= today);
}

/** A person's points in a calendar year, and whether they reach the threshold. */
export function yearScore(
  rules: ScoreRules,
  entries: readonly { deductedOn: string; points: number }[],
  year: string,
): { total: number; overThreshold: boolean } {
  const total = entries
    .filter((e) => e.deductedOn.slice(0, 4) === year)
    .reduce((s, e) => s + e.points, 0);
  return { total, overThreshold: total >= rules.yearlyThreshold };
}
