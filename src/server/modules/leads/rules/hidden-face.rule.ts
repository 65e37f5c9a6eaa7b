/**
 * @module 隐蔽工作面 (issue 6 §2, second rule; 《2024年矿山安全生产工作要点》第42条 and 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第7条:
 * 人员数量、风量、用电量、产量、运输量、民用爆炸物品使用量 逐因素分析比对 to expose hidden working faces):
 * - a producing mine whose power, explosives, air volume or transport rise while reported production
 *   does not explain them. Each factor is fitted to production on the mine's own recent history with
 *   Tukey's resistant line (medians of thirds), so holidays, base load and slow seasonal drift fit the
 *   line; a day breaches when its residual's robust z (MAD scale) passes the threshold, and a lead
 *   needs several such days in a short window (one glitchy day or a meter gap never makes one);
 * - people positioned in an area the mine has not registered, or has registered as sealed.
 */
import { LeadRule, type Factor } from '../../../../shared/leads.enums.ts';
import type { LeadRules } from './lead-rules.model.ts';
import { MineStatus } from '../../../../shared/registry.enums.ts';
import { DAY_MS, HOUR_MS } from '../../../../shared/dates.ts';
import {
  combinedScore,
  dailyOf,
  dayAt,
  groupBreaches,
  hourAt,
  mad,
  median,
  runs,
  type Breach,
  type Finding,
  type MineFrame,
  at,
} from './frame.ts';

interface Line {
  a: number;
  b: number;
  sigma: number;
}

function leastSquares(xs: number[], ys: number[], keep: (i: number) => boolean) {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (keep(i)) {
      n++;
      sx += at(xs, i);
      sy += at(ys, i);
    }
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (keep(i)) {
      sxx += (at(xs, i) - mx) ** 2;
      sxy += (at(xs, i) - mx) * (at(ys, i) - my);
    }
  }
  // A production that hardly varies says nothing about the slope: the factor is then its level.
  const b = sxx > n * (0.02 * mx) ** 2 ? sxy / sxx : 0;
  return { a: my - b * mx, b };
}

/**
 * A robust line of y on x: least squares, then again without the points more than 3 robust σ off
 * (glitch days), with the MAD of the kept residuals as the scale (never below `sigmaFloor`).
 */
export function robustLine(xs: number[], ys: number[], sigmaFloor: number): Line {
  const first = leastSquares(xs, ys, () => true);
  const r1 = ys.map((y, i) => y - first.a - first.b * at(xs, i));
  const c1 = median(r1);
  const s1 = Math.max(mad(r1, c1), sigmaFloor);
  const kept = (i: number) => Math.abs(at(r1, i) - c1) <= 3 * s1;
  const line = leastSquares(xs, ys, kept);
  const r2 = ys.flatMap((y, i) => (kept(i) ? [y - line.a - line.b * at(xs, i)] : []));
  const c2 = median(r2);
  return { a: line.a + c2, b: line.b, sigma: Math.max(mad(r2, c2), sigmaFloor) };
}

function factorBreaches(
  frame: MineFrame,
  factor: Factor,
  production: Float64Array,
  rules: LeadRules['hiddenFace'],
): Breach[] {
  const values = dailyOf(frame, factor);
  if (!values) {
    return [];
  }
  const producing = (d: number) =>
    frame.dayStatus[d] === MineStatus.Producing &&
    Number.isFinite(at(values, d)) &&
    Number.isFinite(at(production, d));
  const hits: { day: number; z: number; expected: number }[] = [];
  for (let block = 0; block < frame.days; block += 7) {
    const xs: number[] = [];
    const ys: number[] = [];
    const history: number[] = [];
    for (let d = Math.max(0, block - rules.historyDays); d < block; d++) {
      if (producing(d)) {
        history.push(d);
      }
    }
    // A production figure above 3 × the median day is a typo or a glitch, not a point to fit.
    const typo = 3 * median(history.map((d) => at(production, d)));
    for (const d of history) {
      if (at(production, d) <= typo) {
        xs.push(at(production, d));
        ys.push(at(values, d));
      }
    }
    if (xs.length < rules.historyMinDays) {
      continue;
    }
    const floor = rules.sigmaFloorRatio * Math.abs(median(ys));
    if (floor === 0) {
      continue;
    }
    const line = robustLine(xs, ys, floor);
    // Judge only inside the production range the history covers: outside it (a holiday week after
    // normal weeks) the line would be extrapolated, and a noisy slope extrapolates badly.
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const slack = 0.1 * (hi - lo);
    for (let d = block; d < Math.min(block + 7, frame.days); d++) {
      if (!producing(d) || at(production, d) < lo - slack || at(production, d) > hi + slack) {
        continue;
      }
      const expected = line.a + line.b * at(production, d);
      const z = (at(values, d) - expected) / line.sigma;
      if (z > rules.zThreshold) {
        hits.push({ day: d, z, expected });
      }
    }
  }
  // Sustained: keep hit days that have enough company within a sliding window.
  const confirmed = hits.filter((h) => {
    const near = hits.filter((o) => Math.abs(o.day - h.day) < rules.windowDays);
    return near.length >= rules.sustainDays;
  });
  const out: Breach[] = [];
  let group: typeof confirmed = [];
  const flush = () => {
    if (group.length) {
      const first = group[0]?.day ?? 0;
      const last = group[group.length - 1]?.day ?? first;
      out.push({
        factor,
        from: dayAt(frame, first),
        to: dayAt(frame, last + 1),
        peak: Math.max(...group.map((h) => at(values, h.day))),
        threshold: rules.zThreshold,
        baseline: median(group.map((h) => h.expected)),
        expected: group.map((h) => ({ t: dayAt(frame, h.day), v: h.expected })),
      });
    }
    group = [];
  };
  for (const h of confirmed) {
    if (group.length && h.day - (group[group.length - 1]?.day ?? h.day) >= rules.windowDays) {
      flush();
    }
    group.push(h);
  }
  flush();
  return out;
}

function areaBreaches(frame: MineFrame, rules: LeadRules['hiddenFace']): Breach[] {
  if (frame.registeredAreas.size === 0) {
    return [];
  }
  const out: Breach[] = [];
  for (const [area, series] of frame.areas) {
    const registered = frame.registeredAreas.get(area);
    if (registered && !registered.sealed) {
      continue;
    }
    const hit = (i: number) => at(series, i) >= rules.areaMinPeople;
    for (const r of runs(series.length, hit, rules.areaSustainHours)) {
      let peak = 0;
      for (let h = r.from; h < r.to; h++) {
        peak = Math.max(peak, at(series, h));
      }
      out.push({
        factor: '井下人数',
        area,
        from: hourAt(frame, r.from),
        to: hourAt(frame, r.to),
        peak,
        threshold: rules.areaMinPeople,
        baseline: 0,
      });
    }
  }
  return out;
}

export function hiddenFace(frame: MineFrame, rules: LeadRules): Finding[] {
  const production = dailyOf(frame, '产量');
  const breaches = [
    ...(production
      ? rules.hiddenFace.factors.flatMap((f) =>
          factorBreaches(frame, f, production, rules.hiddenFace),
        )
      : []),
    ...areaBreaches(frame, rules.hiddenFace),
  ];
  return groupBreaches(breaches, Math.max(rules.mergeGapHours * HOUR_MS, DAY_MS)).map((group) => {
    const areas = group.flatMap((b) => (b.area === undefined ? [] : [b.area]));
    const kinds = [...new Set(group.filter((b) => b.area === undefined).map((b) => b.factor))];
    const parts = [
      ...(kinds.length ? [`${kinds.join('、')}上升而产量未相应变化`] : []),
      ...(areas.length ? [`人员定位于未登记或已封闭区域: ${[...new Set(areas)].join('、')}`] : []),
    ];
    return {
      rule: LeadRule.HiddenFace,
      mineId: frame.mineId,
      from: Math.min(...group.map((b) => b.from)),
      to: Math.max(...group.map((b) => b.to)),
      score: combinedScore(group.map((b) => (b.area === undefined ? 0.5 : 0.7))),
      summary: parts.join('; '),
      breaches: group,
    };
  });
}
