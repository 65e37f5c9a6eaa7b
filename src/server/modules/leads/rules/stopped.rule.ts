/**
 * @module 明停暗开 (issue 6 §2, first rule; 国家矿山安全监察局 2024 年简报 (地方经验做法·福建省) 三是: "严厉打击……明停暗开等违法违规行为"):
 * a mine whose registry status is 停产整顿, 停工停产 or 关闭
 * - draws power above its own stopped-period baseline for a sustained time
 *   (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条 and 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第23条: 用电量监测; 安委〔2024〕1号),
 * - has more people underground at one work site than a stopped mine may (同一作业地点 9 人以内,
 *   《2024年矿山安全生产工作要点》第18条; 10 人以内 in Lhasa, 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5), or
 * - draws or uses explosives (公安机关 seals or returns a stopped mine's explosives,
 *   《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(一)2, 市公安局).
 *
 * Work declared in advance (modules/stopped; 第18条 整改方案 "定时、定量、定人、定措施", 二(五)5 "向非煤矿山安全监管监察部门报告后方可进行整改作业")
 * explains what lies inside its days and limits: power up to its declared hourly maximum, and — where
 * positioning gives only the whole mine's count — people up to the sum of its sites. At a declared site
 * its declared people are the limit. Beyond the days or the limits the same power and people are evidence,
 * and a lead names the declarations that explained the rest.
 */
import { LeadRule } from '../../../../shared/leads.enums.ts';
import type { LeadRules } from './lead-rules.model.ts';
import { HOUR_MS, DAY_MS } from '../../../../shared/dates.ts';
import {
  combinedScore,
  dailyOf,
  dayAt,
  groupBreaches,
  hourAt,
  quantile,
  runs,
  type Breach,
  type DeclaredWork,
  type Finding,
  type MineFrame,
  at,
} from './frame.ts';

/** The declarations covering hour `h` of the frame. */
function declaredAt(frame: MineFrame, h: number): DeclaredWork[] {
  const t = frame.start + h * HOUR_MS;
  return (frame.declaredWork ?? []).filter((d) => d.from <= t && t < d.to);
}

/** The declarations that explained something, by id. */
type Explained = Map<string, DeclaredWork>;

/**
 * Runs of `hit` sustained `minLength` hours over [from, to), where an hour a declaration explains
 * (`explains` gives them) is no hit; the declarations that turned a sustained hit away land in `explained`.
 */
function declaredRuns(
  from: number,
  to: number,
  hit: (h: number) => boolean,
  explains: (h: number) => DeclaredWork[],
  minLength: number,
  explained: Explained,
) {
  for (const r of runs(to - from, (i) => hit(from + i), minLength)) {
    for (let h = from + r.from; h < from + r.to; h++) {
      for (const d of explains(h)) {
        explained.set(d.id, d);
      }
    }
  }
  return runs(to - from, (i) => hit(from + i) && explains(from + i).length === 0, minLength);
}

export function perSiteLimit(countyCode: string, rules: LeadRules['stopped']): number {
  return rules.lhasaRegionPrefixes.some((p) => countyCode.startsWith(p))
    ? rules.perSiteLimitLhasa
    : rules.perSiteLimit;
}

/** Consecutive stopped days as [fromDay, toDay) periods. */
function stoppedPeriods(frame: MineFrame, rules: LeadRules['stopped']) {
  const stopped = new Set<string>(rules.statuses);
  return runs(frame.days, (d) => stopped.has(frame.dayStatus[d] ?? ''), 1);
}

type Period = { from: number; to: number };

function powerBreaches(
  frame: MineFrame,
  rules: LeadRules['stopped'],
  periods: Period[],
  explained: Explained,
): Breach[] {
  const power = frame.hourly.用电量;
  if (!power) {
    return [];
  }
  const out: Breach[] = [];
  for (const period of periods) {
    const from = period.from * 24;
    const to = period.to * 24;
    const values: number[] = [];
    for (let h = from; h < to; h++) {
      if (Number.isFinite(at(power, h))) {
        values.push(at(power, h));
      }
    }
    if (values.length < rules.baselineMinHours) {
      continue;
    }
    const baseline = quantile(values, rules.baselineQuantile);
    const threshold = baseline * (1 + rules.powerRatio) + rules.powerMarginKwh;
    // Power within a declaration's hourly maximum, inside its days, is explained.
    const explains = (h: number) =>
      declaredAt(frame, h).filter((d) => at(power, h) <= d.maxPowerKwh);
    for (const r of declaredRuns(
      from,
      to,
      (h) => at(power, h) > threshold,
      explains,
      rules.powerSustainHours,
      explained,
    )) {
      let peak = -Infinity;
      for (let h = from + r.from; h < from + r.to; h++) {
        peak = Math.max(peak, at(power, h));
      }
      const declared = declaredAt(frame, from + r.from);
      out.push({
        factor: '用电量',
        from: hourAt(frame, from + r.from),
        to: hourAt(frame, from + r.to),
        peak,
        threshold: Math.max(threshold, ...declared.map((d) => d.maxPowerKwh)),
        baseline,
      });
    }
  }
  return out;
}

/**
 * The people limit of a site in hour `h`: a declared site's declared people; the whole mine's count
 * against the larger of the per-site limit and the declared sites' sum; else the per-site limit.
 */
function peopleLimit(frame: MineFrame, h: number, area: string | undefined, limit: number) {
  const declared = declaredAt(frame, h);
  if (declared.length === 0) {
    return { limit, declared };
  }
  if (area === undefined) {
    const sum = declared.reduce((n, d) => n + d.sites.reduce((m, s) => m + s.people, 0), 0);
    return { limit: Math.max(limit, sum), declared };
  }
  const at = declared.filter((d) => d.sites.some((s) => s.place === area));
  if (at.length === 0) {
    return { limit, declared: [] };
  }
  const people = Math.max(
    ...at.flatMap((d) => d.sites.filter((s) => s.place === area).map((s) => s.people)),
  );
  return { limit: people, declared: at };
}

function headcountBreaches(
  frame: MineFrame,
  rules: LeadRules['stopped'],
  periods: Period[],
  explained: Explained,
): Breach[] {
  const limit = perSiteLimit(frame.countyCode, rules);
  // Per work site where positioning reports areas; the whole mine's count otherwise.
  const sites: [string | undefined, Float64Array][] =
    frame.areas.size > 0
      ? [...frame.areas]
      : frame.hourly.井下人数
        ? [[undefined, frame.hourly.井下人数]]
        : [];
  const out: Breach[] = [];
  for (const period of periods) {
    const from = period.from * 24;
    const to = period.to * 24;
    for (const [area, series] of sites) {
      const effective = (h: number) => peopleLimit(frame, h, area, limit);
      // Above the per-site limit, or above a declared site's people: a hit unless a declaration allows it.
      const hit = (h: number) => at(series, h) > Math.min(limit, effective(h).limit);
      const explains = (h: number) => {
        const e = effective(h);
        return at(series, h) <= e.limit ? e.declared : [];
      };
      for (const r of declaredRuns(
        from,
        to,
        hit,
        explains,
        rules.headcountSustainHours,
        explained,
      )) {
        let peak = -Infinity;
        for (let h = from + r.from; h < from + r.to; h++) {
          peak = Math.max(peak, at(series, h));
        }
        out.push({
          factor: '井下人数',
          ...(area === undefined ? {} : { area }),
          from: hourAt(frame, from + r.from),
          to: hourAt(frame, from + r.to),
          peak,
          threshold: effective(from + r.from).limit,
          baseline: null,
        });
      }
    }
  }
  return out;
}

function explosivesBreaches(
  frame: MineFrame,
  rules: LeadRules['stopped'],
  periods: Period[],
): Breach[] {
  const out: Breach[] = [];
  for (const factor of ['民爆领用量', '民爆使用量'] as const) {
    const days = dailyOf(frame, factor);
    if (!days) {
      continue;
    }
    for (const period of periods) {
      for (let d = period.from; d < period.to; d++) {
        if (!(at(days, d) > rules.explosivesMinKg)) {
          continue;
        }
        out.push({
          factor,
          from: dayAt(frame, d),
          to: dayAt(frame, d + 1),
          peak: at(days, d),
          threshold: rules.explosivesMinKg,
          baseline: 0,
        });
      }
    }
  }
  return out;
}

/** How much one breach weighs: power held twice the sustained time or twice the threshold counts more. */
const weight = (b: Breach, sustainHours: number) =>
  b.factor === '用电量'
    ? b.to - b.from >= 2 * sustainHours * HOUR_MS || b.peak >= 2 * b.threshold
      ? 0.75
      : 0.6
    : b.factor === '井下人数'
      ? b.peak >= 2 * b.threshold
        ? 0.8
        : 0.6
      : 0.85;

export function stoppedButWorking(frame: MineFrame, rules: LeadRules): Finding[] {
  const periods = stoppedPeriods(frame, rules.stopped);
  const explained: Explained = new Map();
  const breaches = [
    ...powerBreaches(frame, rules.stopped, periods, explained),
    ...headcountBreaches(frame, rules.stopped, periods, explained),
    ...explosivesBreaches(frame, rules.stopped, periods),
  ];
  return groupBreaches(breaches, rules.mergeGapHours * HOUR_MS).map((group) => {
    const kinds = [...new Set(group.map((b) => b.factor))];
    const explainedBy = [...explained.values()].map((d) => ({ id: d.id, label: d.label }));
    const note = explainedBy.length
      ? `; 已申报作业说明的部分不计: ${explainedBy.map((d) => d.label).join('、')}`
      : '';
    return {
      rule: LeadRule.StoppedButWorking,
      mineId: frame.mineId,
      from: Math.min(...group.map((b) => b.from)),
      to: Math.max(...group.map((b) => b.to)),
      score: combinedScore(group.map((b) => weight(b, rules.stopped.powerSustainHours))),
      summary: `${frame.dayStatus[Math.floor((group[0].from - frame.start) / DAY_MS)] ?? '停产'}期间出现生产迹象: ${kinds.join('、')}${note}`,
      breaches: group,
      ...(explainedBy.length ? { explainedBy } : {}),
    };
  });
}
