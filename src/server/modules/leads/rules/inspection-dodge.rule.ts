/**
 * @module 停产迎检 (issue 24 "Stopped mines"; 《2024年矿山安全生产工作要点》第41条: "所有执法活动不得提前告知矿山企业,
 * 企业不得停产迎检"): a producing mine whose power and headcount drop in the days before a recorded
 * inspection, stay down on its day and come back right after it knew of the inspection and stopped for it.
 *
 * For each inspection (its China day d) and each factor the mine sends (用电量 as the day's total, 井下人数 as the
 * day's peak held two hours running, so one glitchy hour neither makes nor hides a drop): the baseline is the median day of the `baselineDays` before the window [d − windowDays, d);
 * the factor dropped when every day from some day in the window through d is at most (1 − dropRatio) ×
 * the baseline, the drop beginning at least `minDaysBefore` days before d; it recovered when a day within
 * `recoveryDays` after d is at least recoveryRatio × the baseline. Every factor judged must both drop and
 * recover (a drop without recovery is a stop, not 迎检; one factor alone is maintenance or a holiday roster).
 * The mine must be 生产 from the baseline through the inspection day (a registered stop explains a drop).
 * The days are the series' own: the rule waits for the recovery days to arrive.
 */
import { DAY_MS } from '../../../../shared/dates.ts';
import { LeadRule, type Factor } from '../../../../shared/leads.enums.ts';
import { MineStatus } from '../../../../shared/registry.enums.ts';
import type { LeadRules } from './lead-rules.model.ts';
import {
  at,
  combinedScore,
  dailyOf,
  dayAt,
  median,
  pick,
  type Breach,
  type Finding,
  type FrameInspection,
  type MineFrame,
} from './frame.ts';

const judged = ['用电量', '井下人数'] as const satisfies readonly Factor[];

/** A factor's day values; hourly headcount as each day's highest level held for two hours in a row. */
function dayValues(frame: MineFrame, factor: (typeof judged)[number]): Float64Array | undefined {
  const hours = frame.hourly[factor];
  if (factor !== '井下人数' || !hours || frame.daily[factor]) {
    return dailyOf(frame, factor);
  }
  const out = new Float64Array(frame.days).fill(NaN);
  for (let d = 0; d < frame.days; d++) {
    for (let h = d * 24; h + 1 < d * 24 + 24; h++) {
      const level = Math.min(at(hours, h), at(hours, h + 1));
      if (Number.isFinite(level) && !(level <= at(out, d))) {
        out[d] = level;
      }
    }
  }
  return out;
}

type Params = LeadRules['inspectionDodge'];

/** One factor around one inspection: its drop (as a breach) and the day it recovered, or why not. */
function judgeFactor(
  frame: MineFrame,
  factor: (typeof judged)[number],
  days: Float64Array,
  d: number,
  p: Params,
): { breach: Breach; recoveredDay: number; share: number } | 'skip' | 'no' {
  const windowStart = d - p.windowDays;
  const base = pick(days, windowStart - p.baselineDays, windowStart);
  const baseline = median(base);
  const floor = factor === '用电量' ? p.minBaselinePowerKwh : p.minBaselinePeople;
  if (base.length < p.baselineMinDays || !(baseline > 0) || baseline < floor) {
    return 'skip'; // not sent here, or too idle to prove anything
  }
  const threshold = baseline * (1 - p.dropRatio);
  let from = d + 1;
  while (from - 1 >= windowStart && at(days, from - 1) <= threshold) {
    from--;
  }
  if (d - from < p.minDaysBefore) {
    return 'no';
  }
  let recoveredDay = -1;
  for (let k = d + 1; k <= d + p.recoveryDays && k < frame.days; k++) {
    if (at(days, k) >= p.recoveryRatio * baseline) {
      recoveredDay = k;
      break;
    }
  }
  if (recoveredDay < 0) {
    return 'no';
  }
  const peak = Math.max(...pick(days, from, d + 1));
  return {
    breach: {
      factor,
      from: dayAt(frame, from),
      to: dayAt(frame, d + 1),
      peak,
      threshold,
      baseline,
    },
    recoveredDay,
    share: peak / baseline,
  };
}

function judgeInspection(
  frame: MineFrame,
  inspection: FrameInspection,
  series: [(typeof judged)[number], Float64Array][],
  p: Params,
): Finding | undefined {
  const d = Math.round((inspection.on - frame.start) / DAY_MS);
  const baselineStart = d - p.windowDays - p.baselineDays;
  if (baselineStart < 0 || d >= frame.days) {
    return undefined;
  }
  for (let k = baselineStart; k <= d; k++) {
    if (frame.dayStatus[k] !== MineStatus.Producing) {
      return undefined;
    }
  }
  const found: { breach: Breach; recoveredDay: number; share: number }[] = [];
  for (const [factor, days] of series) {
    const r = judgeFactor(frame, factor, days, d, p);
    if (r === 'no') {
      return undefined;
    }
    if (r !== 'skip') {
      found.push(r);
    }
  }
  const first = found[0];
  if (!first) {
    return undefined;
  }
  const breaches = found.map((f) => f.breach);
  const recovered = Math.max(...found.map((f) => f.recoveredDay));
  const drops = found
    .map((f) => `${f.breach.factor}降至基线的${Math.round(f.share * 100)}%`)
    .join('、');
  return {
    rule: LeadRule.InspectionDodge,
    mineId: frame.mineId,
    from: Math.min(...breaches.map((b) => b.from)),
    to: dayAt(frame, recovered + 1),
    // Each factor that fell and came back is evidence; deeper drops weigh more.
    score: combinedScore(found.map((f) => (f.share <= 0.2 ? 0.7 : 0.6))),
    summary: `${inspection.label}前后疑似停产迎检: ${drops}, 检查后第${recovered - d}天恢复`,
    breaches,
    inspection: { id: inspection.id, label: inspection.label },
  };
}

export function inspectionDodge(frame: MineFrame, rules: LeadRules): Finding[] {
  const inspections = frame.inspections ?? [];
  if (inspections.length === 0) {
    return [];
  }
  const series = judged.flatMap((f) => {
    const days = dayValues(frame, f);
    return days ? [[f, days] as [(typeof judged)[number], Float64Array]] : [];
  });
  // One finding a day: two inspections recorded on the same day are one visit for the mine.
  const byDay = new Map(inspections.map((i) => [i.on, i]));
  return [...byDay.values()]
    .sort((a, b) => a.on - b.on)
    .flatMap((i) => judgeInspection(frame, i, series, rules.inspectionDodge) ?? []);
}
