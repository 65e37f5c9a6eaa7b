/**
 * @module 超定员 (issue 6 §2, third rule): underground headcount per shift above the mine's approved
 * 单班下井限员. Coal: more than 20 % over is the major hazard 煤矿(1) 超定员组织生产 (煤矿重大事故隐患判定
 * 标准 第四条: 单班人数 > 限员 + 20 %); 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)3 forbids 超定员 for non-coal
 * mines.
 * A shift's headcount is the highest level held for two consecutive hours, so one glitchy hour never
 * makes a lead.
 */
import { LeadRule } from '../../../../shared/leads.enums.ts';
import type { LeadRules } from './lead-rules.model.ts';
import { MineKind, MineStatus } from '../../../../shared/registry.enums.ts';
import { SHANGHAI_OFFSET_MS, DAY_MS, HOUR_MS } from '../../../../shared/dates.ts';
import {
  groupBreaches,
  lastOf,
  hourAt,
  type Breach,
  type Finding,
  type MineFrame,
  at,
} from './frame.ts';

const working = new Set<string>([MineStatus.Producing, MineStatus.Construction]);
const coalKinds = new Set<string>([MineKind.CoalUnderground, MineKind.CoalOpenPit]);

/** [from, to) hour indices of each shift in the frame. */
function shifts(frame: MineFrame, starts: number[]): { from: number; to: number }[] {
  const sorted = [...new Set(starts)].sort((a, b) => a - b);
  const out: { from: number; to: number }[] = [];
  const localHour0 = Math.round(((frame.start + SHANGHAI_OFFSET_MS) % DAY_MS) / HOUR_MS);
  for (let d = 0; d < frame.days; d++) {
    sorted.forEach((s, i) => {
      const len = (i + 1 < sorted.length ? at(sorted, i + 1) : at(sorted, 0) + 24) - s;
      const from = d * 24 + ((s - localHour0 + 24) % 24);
      out.push({ from, to: Math.min(from + len, frame.days * 24) });
    });
  }
  return out.filter((s) => s.from < s.to);
}

/** The highest level held for two consecutive hours (an isolated glitchy hour never counts). */
function sustainedPeak(series: Float64Array, from: number, to: number): number {
  let best = NaN;
  for (let h = from; h + 1 < to; h++) {
    const level = Math.min(at(series, h), at(series, h + 1));
    if (Number.isFinite(level) && !(level <= best)) {
      best = level;
    }
  }
  return best;
}

export function overStaffing(frame: MineFrame, rules: LeadRules): Finding[] {
  const series = frame.hourly.井下人数;
  const limit = frame.approvedStaff;
  if (!series || limit === null || limit <= 0) {
    return [];
  }
  const breaches: Breach[] = [];
  for (const s of shifts(frame, rules.overStaffing.shiftStarts)) {
    if (!working.has(frame.dayStatus[Math.floor(s.from / 24)] ?? '')) {
      continue;
    }
    const headcount = sustainedPeak(series, s.from, s.to);
    if (headcount > limit) {
      breaches.push({
        factor: '井下人数',
        from: hourAt(frame, s.from),
        to: hourAt(frame, s.to),
        peak: headcount,
        threshold: limit,
        baseline: null,
      });
    }
  }
  const majorLimit = limit * (1 + rules.overStaffing.coalMajorRatio);
  return groupBreaches(breaches, rules.mergeGapHours * HOUR_MS).map((group) => {
    const peak = Math.max(...group.map((b) => b.peak));
    const major = coalKinds.has(frame.kind) && peak > majorLimit;
    return {
      rule: LeadRule.OverStaffing,
      mineId: frame.mineId,
      from: group[0].from,
      to: lastOf(group).to,
      score: Math.min(100, Math.round(50 + (50 * (peak - limit)) / limit + 5 * group.length)),
      summary: `${group.length} 个班次下井人数超过限员 ${limit} 人, 最多 ${peak} 人${major ? ` (超过限员 ${Math.round(rules.overStaffing.coalMajorRatio * 100)}%, 属重大事故隐患)` : ''}`,
      breaches: group,
      ...(major ? { criterionCode: '煤矿(1)', majorHazard: true } : {}),
    };
  });
}
