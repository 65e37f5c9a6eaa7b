/**
 * @module 超能力 (issue 6 §2, fourth rule): production above design capacity, a hazard candidate against
 * - non-coal 地下(三十) (矿安〔2022〕88号): 年产量超过设计年生产能力幅度在 20% 及以上, 或者月产量大于设计年生产
 *   能力的 20% 及以上 (以上 includes the number, 民法典第1259条; UNVERIFIED, see docs/sources.md);
 * - coal 煤矿(1) 超能力 (应急管理部令第4号 第四条): 全年产量超过核定能力 10% 以上, 或者月产量大于核定能力的 10%.
 * Years and months are calendar periods (CST). A day counts at most `glitchClipFactor` × the month's
 * median day, so one mistyped figure cannot push a month over.
 */
import { LeadRule } from '../../../../shared/leads.enums.ts';
import type { LeadRules } from './lead-rules.model.ts';
import { MineKind } from '../../../../shared/registry.enums.ts';
import { SHANGHAI_OFFSET_MS } from '../../../../shared/dates.ts';
import { dailyOf, dayAt, median, type Breach, type Finding, type MineFrame, at } from './frame.ts';

const coalKinds = new Set<string>([MineKind.CoalUnderground, MineKind.CoalOpenPit]);

/** The criterion each kind's over-capacity breach falls under (null: no catalogued criterion). */
export function capacityCriterion(kind: MineKind): string | null {
  if (coalKinds.has(kind)) {
    return '煤矿(1)';
  }
  return kind === MineKind.UndergroundMetal ? '地下(三十)' : null;
}

function periodKey(ms: number, unit: 'year' | 'month'): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return unit === 'year'
    ? String(d.getUTCFullYear())
    : `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function overCapacity(frame: MineFrame, rules: LeadRules): Finding[] {
  const design = frame.designCapacityTpa;
  const production = dailyOf(frame, '产量');
  if (!production || design === null || design <= 0) {
    return [];
  }
  const r = rules.overCapacity;
  const coal = coalKinds.has(frame.kind);
  const annualLimit = design * (1 + (coal ? r.coalAnnualRatio : r.nonCoalAnnualRatio));
  const monthLimit = design * (coal ? r.coalMonthShare : r.nonCoalMonthShare);
  // Non-coal says 及以上 (≥); coal's month says 大于 (>) and its year 以上 (≥).
  const overYear = (v: number) => v >= annualLimit;
  const overMonth = (v: number) => (coal ? v > monthLimit : v >= monthLimit);

  // Clip each day against its month's median day.
  const months = new Map<string, number[]>();
  for (let d = 0; d < frame.days; d++) {
    if (Number.isFinite(at(production, d))) {
      const key = periodKey(dayAt(frame, d), 'month');
      const days = months.get(key) ?? [];
      days.push(at(production, d));
      months.set(key, days);
    }
  }
  const caps = new Map([...months].map(([k, vs]) => [k, median(vs) * r.glitchClipFactor]));
  const breaches: Breach[] = [];
  for (const unit of ['month', 'year'] as const) {
    let key = '';
    let total = 0;
    let startDay = 0;
    let flagged = false;
    for (let d = 0; d <= frame.days; d++) {
      const k = d < frame.days ? periodKey(dayAt(frame, d), unit) : '';
      if (k !== key) {
        key = k;
        total = 0;
        startDay = d;
        flagged = false;
      }
      if (d === frame.days || !Number.isFinite(at(production, d))) {
        continue;
      }
      const cap = caps.get(periodKey(dayAt(frame, d), 'month')) ?? Infinity;
      total += Math.min(at(production, d), cap);
      // Compared in kilograms, so summing daily tonnages cannot tip a boundary by a rounding error.
      const kg = Math.round(total * 1000) / 1000;
      const over = unit === 'month' ? overMonth(kg) : overYear(kg);
      if (over && !flagged) {
        flagged = true;
        breaches.push({
          factor: unit === 'month' ? '月产量' : '年产量',
          from: dayAt(frame, startDay),
          to: dayAt(frame, d + 1),
          peak: total,
          threshold: unit === 'month' ? monthLimit : annualLimit,
          baseline: unit === 'month' ? design / 12 : design,
        });
      } else if (flagged) {
        const last = breaches[breaches.length - 1];
        if (!last) {
          continue;
        }
        last.to = dayAt(frame, d + 1);
        last.peak = total;
      }
    }
  }
  const criterion = capacityCriterion(frame.kind);
  return breaches.map((b) => ({
    rule: LeadRule.OverCapacity,
    mineId: frame.mineId,
    from: b.from,
    to: b.to,
    score: Math.min(100, Math.round(60 + (40 * (b.peak - b.threshold)) / b.threshold)),
    summary: `${b.factor} ${Math.round(b.peak)} t 达到${b.factor === '月产量' ? '月' : '年'}限值 ${Math.round(b.threshold)} t (设计能力 ${design} t/a)`,
    breaches: [b],
    ...(criterion ? { criterionCode: criterion, majorHazard: true } : {}),
  }));
}
