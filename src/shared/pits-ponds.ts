/**
 * @module Open pits, dumps and tailings ponds (issue 25 §2), pure: the records a pit, dump or pond must
 * keep and when each falls due from the registry's heights, kind and 头顶库 flag; the radar online check
 * on high slopes; and the 闭库 workflow (闭库设计 → 施工 → 验收 → 公告销号) with its step order and
 * deadlines. Sources: 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第14条; 《拉萨市关于加强非煤矿山安全生产工作的
 * 实施意见》二(五)2, 二(五)6, 二(六)1, 二(六)3; 《2024年矿山安全生产工作要点》第11、12、30条; 《原平市…实施方案》第16条.
 * Periods and deadlines no text fixes are UNVERIFIED settings (pitsPonds.rules), never law in code.
 */
import { z } from 'zod';
import { DateString } from './common.schemas.ts';
import { addDays, addMonths } from './dates.ts';

/** The records of the register. */
export const recordKinds = [
  '边坡稳定性分析',
  '边坡监测分析',
  '排洪构筑物质量检测',
  '汛前检查',
  '汛后检查',
  '头顶库联合演练',
  '应急广播',
] as const;
export type RecordKind = (typeof recordKinds)[number];

/** Which slope a slope record is about: the pit's (slopeHeightM) or the dump's (dumpHeightM). */
export const slopeTargets = ['采场边坡', '排土场边坡'] as const;
export type SlopeTarget = (typeof slopeTargets)[number];
export const slopeKinds: readonly RecordKind[] = ['边坡稳定性分析', '边坡监测分析'];

/** The 闭库 steps in their order (拉萨 二(六)3: 完成闭库治理的尾矿库, 应由县级以上地方政府公告销号). */
export const closureSteps = ['闭库设计', '闭库施工', '闭库验收', '公告销号'] as const;
export type ClosureStep = (typeof closureSteps)[number];

/** Why a pond must close (西藏第14条; 原平第16条; 要点第12条; 拉萨 二(六)3 adds 头顶库). */
export const closureReasons = [
  '运行到设计最终标高',
  '不再进行排尾作业',
  '停用超过3年',
  '没有生产经营主体',
  '头顶库',
] as const;
export type ClosureReason = (typeof closureReasons)[number];

const Text = (max: number) => z.string().trim().max(max);

export const RecordInput = z.strictObject({
  mineId: z.uuid(),
  kind: z.enum(recordKinds).describe('记录类型'),
  slope: z.enum(slopeTargets).nullable().default(null).describe('边坡 (边坡记录必填)'),
  recordedOn: DateString.describe('完成日期'),
  document: Text(200).min(1, '不能为空').describe('报告或记录 (名称、文号)'),
  note: Text(1000).default(''),
});
export type RecordInput = z.infer<typeof RecordInput>;

export const ClosureOpenInput = z.strictObject({
  mineId: z.uuid(),
  reason: z.enum(closureReasons).describe('闭库原因'),
  openedOn: DateString.describe('启动日期'),
  note: Text(1000).default(''),
});
export type ClosureOpenInput = z.infer<typeof ClosureOpenInput>;

export const ClosureStepInput = z.strictObject({
  step: z.enum(closureSteps).describe('闭库步骤'),
  on: DateString.describe('完成日期'),
  document: Text(200).min(1, '不能为空').describe('文件 (设计、验收意见、销号公告的名称与文号)'),
  note: Text(1000).default(''),
  version: z.number().int().positive().optional(),
});
export type ClosureStepInput = z.infer<typeof ClosureStepInput>;

const Height = z.strictObject({
  /** The height the rule starts at (m). */
  fromM: z.number().min(0).max(2000),
  /** Whether the height itself counts ("以上"/"及以上") or only heights above it ("大于"). */
  inclusive: z.boolean(),
});

/** The settings of pitsPonds.rules. */
export const PitPondRulesSchema = z.strictObject({
  /** 边坡稳定性分析: from which height, every how many months. */
  stability: Height.extend({ periodMonths: z.number().int().min(1).max(120) }),
  /** 边坡监测分析: from which height, every how many months. */
  monitoring: Height.extend({ periodMonths: z.number().int().min(1).max(120) }),
  /** Radar online monitoring of a pit slope (a 雷达形变 point reporting within staleHours). */
  radar: Height.extend({
    staleHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
  }),
  /** 排洪构筑物质量检测 every how many months (拉萨 二(五)2: 每3年). */
  drainageTestMonths: z.number().int().min(1).max(120),
  /** The flood season (MM-DD): 汛前 records are due by its start, 汛后 ones postFloodDays after its end. */
  floodSeasonStart: z.string().regex(/^\d\d-\d\d$/),
  floodSeasonEnd: z.string().regex(/^\d\d-\d\d$/),
  postFloodDays: z.number().int().min(0).max(180),
  /** 应急广播: re-checked every this many months; null — once established, it stands. */
  broadcastMonths: z.number().int().min(1).max(120).nullable(),
  /** The first record of any kind was due by this date (no earlier record asked). */
  firstDueOn: DateString,
  /** Months after a pond falls due for closure by which its 闭库 must be opened. */
  closureOpenMonths: z.number().int().min(0).max(120),
  /** Months each step may take after the previous one (after opening for 闭库设计). */
  closureStepMonths: z.strictObject({
    闭库设计: z.number().int().min(1).max(120),
    闭库施工: z.number().int().min(1).max(120),
    闭库验收: z.number().int().min(1).max(120),
    公告销号: z.number().int().min(1).max(120),
  }),
  /** Days after the due date at which a finding climbs each rung. */
  ladderDays: z.array(z.number().int().min(0).max(3650)).min(1).max(10),
});
export type PitPondRules = z.infer<typeof PitPondRulesSchema>;

export const defaultPitPondRules: PitPondRules = {
  // 西藏第14条: 边坡高度大于100米的, 应当逐年进行边坡稳定性分析 (拉萨 二(六)1 says 100米及以上: inclusive true).
  stability: { fromM: 100, inclusive: false, periodMonths: 12 },
  // 要点第11条: 高度200米以上的边坡, 每季度进行1次边坡监测分析 ("以上" includes 200).
  monitoring: { fromM: 200, inclusive: true, periodMonths: 3 },
  // 拉萨 二(六)1: 现状高度200米及以上的边坡要进行雷达在线监测; staleHours is minewatch's (UNVERIFIED).
  radar: { fromM: 200, inclusive: true, staleHours: 24 },
  drainageTestMonths: 36,
  // The flood season differs by region; 6月1日–9月30日 is minewatch's default (UNVERIFIED).
  floodSeasonStart: '06-01',
  floodSeasonEnd: '09-30',
  postFloodDays: 31,
  broadcastMonths: null,
  // 要点 (2024) asks these within the year: by 2024年底.
  firstDueOn: '2024-12-31',
  closureOpenMonths: 6,
  closureStepMonths: { 闭库设计: 6, 闭库施工: 12, 闭库验收: 6, 公告销号: 3 },
  ladderDays: [1, 30, 90],
};

/** Whether a height meets a rule's threshold. */
export function reaches(height: number | null, rule: { fromM: number; inclusive: boolean }) {
  return height !== null && (rule.inclusive ? height >= rule.fromM : height > rule.fromM);
}

/** A mine as the rules read it from the registry. */
export interface PitPondMine {
  kind: string;
  status: string;
  slopeHeightM: number | null;
  dumpHeightM: number | null;
  tailingsOverhead: boolean | null;
  tailingsLastDischarge: string | null;
  /** The pond's 闭库 was announced (公告销号): nothing more is asked of it. */
  delisted: boolean;
}

/** One record a mine must keep: its kind, its slope, and how it falls due. */
export interface Obligation {
  kind: RecordKind;
  slope: SlopeTarget | null;
  due: { months: number } | { yearlyBy: 'start' | 'end' } | { once: true };
}

const openPits = ['金属非金属露天矿山', '露天煤矿'];

/** What a mine must keep on record, from its kind, heights and 头顶库 flag (none when closed). */
export function obligationsOf(rules: PitPondRules, m: PitPondMine): Obligation[] {
  if (m.status === '关闭' || m.delisted) {
    return [];
  }
  const out: Obligation[] = [];
  const slopes: [SlopeTarget, number | null][] = [];
  if (openPits.includes(m.kind)) {
    slopes.push(['采场边坡', m.slopeHeightM], ['排土场边坡', m.dumpHeightM]);
  } else if (m.kind === '排土场') {
    slopes.push(['排土场边坡', m.dumpHeightM ?? m.slopeHeightM]);
  }
  for (const [slope, h] of slopes) {
    if (reaches(h, rules.stability)) {
      out.push({ kind: '边坡稳定性分析', slope, due: { months: rules.stability.periodMonths } });
    }
    if (reaches(h, rules.monitoring)) {
      out.push({ kind: '边坡监测分析', slope, due: { months: rules.monitoring.periodMonths } });
    }
  }
  if (m.kind === '尾矿库') {
    // 拉萨 二(五)2: 尾矿库排洪构筑物每3年应进行一次质量检测; 要点第12条: 汛前汛后对坝体、排洪系统等开展全面安全检查.
    out.push(
      { kind: '排洪构筑物质量检测', slope: null, due: { months: rules.drainageTestMonths } },
      { kind: '汛前检查', slope: null, due: { yearlyBy: 'start' } },
      { kind: '汛后检查', slope: null, due: { yearlyBy: 'end' } },
    );
    if (m.tailingsOverhead) {
      // 拉萨 二(五)6 and 要点第30条: 每年汛期前…“头顶库”企业与下游居民开展联合演练; 应急广播等通信系统.
      out.push({ kind: '头顶库联合演练', slope: null, due: { yearlyBy: 'start' } });
      out.push({
        kind: '应急广播',
        slope: null,
        due: rules.broadcastMonths ? { months: rules.broadcastMonths } : { once: true },
      });
    }
  }
  return out;
}

/** The day a yearly record of `year` is due: the flood season's start, or its end plus the grace days. */
export function yearlyDue(rules: PitPondRules, by: 'start' | 'end', year: number): string {
  return by === 'start'
    ? `${year}-${rules.floodSeasonStart}`
    : addDays(`${year}-${rules.floodSeasonEnd}`, rules.postFloodDays);
}

/** A record of the mine, as the rules read it. */
export interface RecordDate {
  kind: RecordKind;
  slope: SlopeTarget | null;
  recordedOn: string;
}

/** A missing or late record (or an offline radar), with the day it fell due. */
export interface Finding {
  item: string;
  reason: '未按期报送' | '雷达监测未在线' | '应闭库未启动' | '闭库步骤逾期';
  dueOn: string;
}

/** The label of an obligation on screens and notices. */
export const itemLabel = (o: { kind: string; slope: SlopeTarget | null }) =>
  o.slope ? `${o.kind} (${o.slope})` : o.kind;

/** When an obligation falls due next, from the records kept; null when it is met for good. */
export function dueOf(
  rules: PitPondRules,
  o: Obligation,
  records: readonly RecordDate[],
  today: string,
): string | null {
  const dates = records
    .filter((r) => r.kind === o.kind && r.slope === o.slope)
    .map((r) => r.recordedOn)
    .sort();
  const last = dates.at(-1);
  if ('once' in o.due) {
    return last ? null : rules.firstDueOn;
  }
  if ('months' in o.due) {
    return last ? addMonths(last, o.due.months) : rules.firstDueOn;
  }
  // Yearly: the latest year whose due day has passed (from the year of firstDueOn); a record dated in
  // that year meets it, and then next year's is the one due.
  const by = o.due.yearlyBy;
  const first = Number(rules.firstDueOn.slice(0, 4));
  let year = Number(today.slice(0, 4));
  if (yearlyDue(rules, by, year) >= today) {
    year -= 1;
  }
  if (year < first) {
    return yearlyDue(rules, by, first);
  }
  const met = dates.some((d) => d.startsWith(`${year}-`));
  return yearlyDue(rules, by, met ? year + 1 : year);
}

/** The records a mine lacks on `today`: each obligation whose due day has passed. */
export function recordFindings(
  rules: PitPondRules,
  m: PitPondMine,
  records: readonly RecordDate[],
  today: string,
): Finding[] {
  return obligationsOf(rules, m).flatMap((o) => {
    const dueOn = dueOf(rules, o, records, today);
    return dueOn !== null && today > dueOn
      ? [{ item: itemLabel(o), reason: '未按期报送' as const, dueOn }]
      : [];
  });
}

/**
 * Whether a pit slope must have radar online (拉萨 二(六)1: 200米及以上 雷达在线监测; 重大隐患判定标准 二(七)1:
 * 200米及以上的采场边坡未进行在线监测) and it has none reporting within staleHours of `now`: a finding due
 * the day its radar last reported (firstDueOn when it never did).
 */
export function radarFinding(
  rules: PitPondRules,
  m: PitPondMine,
  lastRadarAt: Date | null,
  now: Date,
  dayOf: (at: Date) => string,
): Finding | null {
  if (m.status === '关闭' || !openPits.includes(m.kind) || !reaches(m.slopeHeightM, rules.radar)) {
    return null;
  }
  if (lastRadarAt && now.getTime() - lastRadarAt.getTime() <= rules.radar.staleHours * 3600_000) {
    return null;
  }
  return {
    item: '边坡雷达在线监测 (采场边坡)',
    reason: '雷达监测未在线',
    dueOn: lastRadarAt ? dayOf(lastRadarAt) : rules.firstDueOn,
  };
}

/** 西藏第14条, 原平第16条, 要点第12条: 停用时间超过3年 (the same number as the targets' indicator). */
export const TAILINGS_IDLE_YEARS_RULE = 3;

/** The first day a pond idle since `lastDischarge` has been idle for more than 3 years. */
export function idleBeyondOn(lastDischarge: string): string {
  return addDays(addMonths(lastDischarge, 12 * TAILINGS_IDLE_YEARS_RULE), 1);
}

/** A pond's 闭库 as the rules read it: opened on, and the date of each step done. */
export interface ClosureState {
  openedOn: string;
  done: Partial<Record<ClosureStep, string>>;
}

/** The next step of a 闭库, or null when it was announced. */
export function nextStep(c: ClosureState): ClosureStep | null {
  return closureSteps.find((s) => !c.done[s]) ?? null;
}

/** The date the next step is due: the previous step's (or the opening's) date plus its months. */
export function stepDue(rules: PitPondRules, c: ClosureState): string | null {
  const next = nextStep(c);
  if (!next) {
    return null;
  }
  const i = closureSteps.indexOf(next);
  const prev = i === 0 ? c.openedOn : (c.done[closureSteps[i - 1] as ClosureStep] ?? c.openedOn);
  return addMonths(prev, rules.closureStepMonths[next]);
}

/**
 * Why a step cannot be taken now: not the next one (the order is fixed), or dated before the step it
 * follows; null when it may be.
 */
export function stepProblem(
  c: ClosureState,
  step: ClosureStep,
  on: string,
): { code: 'order' | 'date'; message: string } | null {
  const next = nextStep(c);
  if (next === null) {
    return { code: 'order', message: '该尾矿库已公告销号, 闭库流程已结束' };
  }
  if (step !== next) {
    return c.done[step]
      ? { code: 'order', message: `${step}已完成, 下一步应为${next}` }
      : { code: 'order', message: `须先完成${next}, 再办理${step}` };
  }
  const i = closureSteps.indexOf(step);
  const prev = i === 0 ? c.openedOn : c.done[closureSteps[i - 1] as ClosureStep];
  if (prev && on < prev) {
    const what = i === 0 ? '闭库启动' : closureSteps[i - 1];
    return { code: 'date', message: `${step}日期不能早于${what}日期 ${prev}` };
  }
  return null;
}

/**
 * The 闭库 findings of a pond on `today`: a pond idle for more than 3 years (registry
 * tailingsLastDischarge) without a 闭库 after closureOpenMonths, or an open 闭库 whose next step is late.
 */
export function closureFinding(
  rules: PitPondRules,
  m: PitPondMine,
  closure: ClosureState | null,
  today: string,
): Finding | null {
  if (m.kind !== '尾矿库' || m.status === '关闭') {
    return null;
  }
  if (closure) {
    const due = stepDue(rules, closure);
    const next = nextStep(closure);
    return due && next && today > due
      ? { item: `闭库: ${next}`, reason: '闭库步骤逾期', dueOn: due }
      : null;
  }
  if (!m.tailingsLastDischarge) {
    return null;
  }
  const dueOn = addMonths(idleBeyondOn(m.tailingsLastDischarge), rules.closureOpenMonths);
  return today > dueOn ? { item: '闭库', reason: '应闭库未启动', dueOn } : null;
}

/** The rungs of a finding due on `dueOn` that have fallen due by `today`. */
export function findingSteps(rules: PitPondRules, dueOn: string, today: string) {
  return rules.ladderDays
    .map((d, i) => ({ step: `第${i + 1}级`, dueOn: addDays(dueOn, d) }))
    .filter((s) => s.dueOn <= today);
}
