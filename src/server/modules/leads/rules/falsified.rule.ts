/**
 * @module 监控造假 (issue 6 §2, fifth rule; 安委〔2024〕1号 “安全监控系统造假”, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第7条;
 * 《2024年矿山安全生产工作要点》第41条 and 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第23条: 断网、断线、平线 are clues for on-site checks):
 * the mine's safety-monitoring points are silent (no readings) or flat (no point moved) for several
 * hours in a row while power and headcount show the mine at work; and 超限 that minewatch judged from the
 * mine's own readings while the mine's system filed no abnormal-alarm record for them (the coal upload
 * files, series 未报超限; 监控异常未汇报或弄虚作假 in the Shanxi county list of abnormal information,
 * REFERENCE §C2).
 */
import { LeadRule } from '../../../../shared/leads.enums.ts';
import type { LeadRules } from './lead-rules.model.ts';
import { HOUR_MS } from '../../../../shared/dates.ts';
import {
  combinedScore,
  groupBreaches,
  hourAt,
  median,
  runs,
  type Breach,
  type Finding,
  type MineFrame,
  at,
} from './frame.ts';

export function falsifiedMonitoring(frame: MineFrame, rules: LeadRules): Finding[] {
  const breaches = [...silentOrFlat(frame, rules), ...unreported(frame, rules)];
  return groupBreaches(breaches, rules.mergeGapHours * HOUR_MS).map((group) => {
    const quiet = group.filter((b) => b.factor !== '未报超限');
    const hidden = group.filter((b) => b.factor === '未报超限');
    const hours = quiet.reduce((acc, b) => acc + (b.to - b.from) / HOUR_MS, 0);
    const alarms = hidden.reduce((acc, b) => acc + b.peak, 0);
    const kinds = [...new Set(quiet.map((b) => (b.factor === '监测读数' ? '无数据' : '平线')))];
    const parts = [
      ...(hours ? [`井下有人且用电正常时, 安全监控${kinds.join('、')}共 ${hours} 小时`] : []),
      ...(alarms ? [`本平台判定超限 ${alarms} 次而煤矿未按时上报异常报警`] : []),
    ];
    return {
      rule: LeadRule.FalsifiedMonitoring,
      mineId: frame.mineId,
      from: group[0].from,
      to: Math.max(...group.map((b) => b.to)),
      score: combinedScore([
        ...(hours ? [0.5, Math.min(0.8, hours / 24)] : []),
        ...(alarms ? [0.5, Math.min(0.8, alarms * 0.2)] : []),
      ]),
      summary: parts.join('; '),
      breaches: group,
    };
  });
}

/** Hours in a row of silent or flat monitoring while people and power show activity. */
function silentOrFlat(frame: MineFrame, rules: LeadRules): Breach[] {
  const people = frame.hourly.井下人数;
  const power = frame.hourly.用电量;
  const readings = frame.hourly.监测读数;
  const moving = frame.hourly.监测变化测点数;
  if (!frame.monitored || !people || !power || !readings) {
    return [];
  }
  const r = rules.falsified;
  const n = people.length;
  const busy: number[] = [];
  for (let h = 0; h < n; h++) {
    if (at(people, h) >= r.activityMinPeople && Number.isFinite(at(power, h))) {
      busy.push(at(power, h));
    }
  }
  if (busy.length === 0) {
    return [];
  }
  const powerFloor = median(busy) * r.activityPowerShare;
  const active = (h: number) => at(people, h) >= r.activityMinPeople && at(power, h) >= powerFloor;
  const silent = (h: number) => readings[h] === 0;
  const flat = (h: number) => at(readings, h) > 0 && moving !== undefined && moving[h] === 0;
  const breaches: Breach[] = [];
  for (const [factor, test] of [
    ['监测读数', silent],
    ['监测变化测点数', flat],
  ] as const) {
    for (const run of runs(n, (h) => active(h) && test(h), r.sustainHours)) {
      breaches.push({
        factor,
        from: hourAt(frame, run.from),
        to: hourAt(frame, run.to),
        peak: 0,
        threshold: 1,
        baseline: null,
      });
    }
  }
  return breaches;
}

/**
 * Runs of hours with 超限 the mine did not report, when the look-back holds at least `unreportedMin` of
 * them; each breach's peak is how many its hours hold.
 */
function unreported(frame: MineFrame, rules: LeadRules): Breach[] {
  const counts = frame.hourly.未报超限;
  if (!counts) {
    return [];
  }
  let total = 0;
  for (let h = 0; h < counts.length; h++) {
    total += at(counts, h) > 0 ? at(counts, h) : 0;
  }
  if (total < rules.falsified.unreportedMin) {
    return [];
  }
  return runs(counts.length, (h) => at(counts, h) > 0, 1).map((run) => {
    let peak = 0;
    for (let h = run.from; h < run.to; h++) {
      peak += at(counts, h);
    }
    return {
      factor: '未报超限',
      from: hourAt(frame, run.from),
      to: hourAt(frame, run.to),
      peak,
      threshold: 1,
      baseline: null,
    };
  });
}
