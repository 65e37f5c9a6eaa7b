/**
 * @module 监控造假 (issue 6 §2, fifth rule; 安委〔2024〕1号 “安全监控系统造假”, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第7条;
 * 《2024年矿山安全生产工作要点》第41条 and 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第23条: 断网、断线、平线 are clues for on-site checks):
 * the mine's safety-monitoring points are silent (no readings) or flat (no point moved) for several
 * hours in a row while power and headcount show the mine at work.
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
  return groupBreaches(breaches, rules.mergeGapHours * HOUR_MS).map((group) => {
    const hours = group.reduce((acc, b) => acc + (b.to - b.from) / HOUR_MS, 0);
    const kinds = [...new Set(group.map((b) => (b.factor === '监测读数' ? '无数据' : '平线')))];
    return {
      rule: LeadRule.FalsifiedMonitoring,
      mineId: frame.mineId,
      from: group[0].from,
      to: Math.max(...group.map((b) => b.to)),
      score: combinedScore([0.5, Math.min(0.8, hours / 24)]),
      summary: `井下有人且用电正常时, 安全监控${kinds.join('、')}共 ${hours} 小时`,
      breaches: group,
    };
  });
}
