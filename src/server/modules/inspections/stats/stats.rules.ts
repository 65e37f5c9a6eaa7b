/**
 * @module Enforcement appraisal rules (issue 7 §5; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条 执法统计、执法考评和典型案例报送,
 * 对“零处罚”“只检查不处罚”…约谈通报): the flags over a period and the monthly ranking.
 */
import { EnforcementFlag } from '../../../../shared/inspections.enums.ts';
import type { EnforcementTotals } from '../../../../shared/inspection-stats.schemas.ts';
import type { EnforcementFlags } from '../../../../shared/inspections.settings.ts';

export type { EnforcementTotals };

/** 零处罚: enough inspections and no penalty; 只检查不处罚: enough findings and no penalty. */
export function enforcementFlags(t: EnforcementTotals, rules: EnforcementFlags): EnforcementFlag[] {
  if (t.penalties > 0) {
    return [];
  }
  const flags: EnforcementFlag[] = [];
  if (t.inspections >= rules.zeroPenaltyMinInspections) {
    flags.push(EnforcementFlag.ZeroPenalty);
  }
  if (t.findings >= rules.inspectOnlyMinFindings) {
    flags.push(EnforcementFlag.InspectOnly);
  }
  return flags;
}

/**
 * The monthly ranking: by penalties, then findings, then inspections, then the 四不两直 share, then
 * on-time rechecks (enforcement that finds and punishes ranks above enforcement that only visits).
 */
export function rankRegions<T extends EnforcementTotals & { code: string }>(rows: readonly T[]) {
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return [...rows]
    .sort(
      (a, b) =>
        b.penalties - a.penalties ||
        b.findings - a.findings ||
        b.inspections - a.inspections ||
        share(b.unannounced, b.inspections) - share(a.unannounced, a.inspections) ||
        share(b.rechecksOnTime, b.rechecksDue) - share(a.rechecksOnTime, a.rechecksDue) ||
        a.code.localeCompare(b.code),
    )
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

/** The sum of two tallies. */
export function addTotals(a: EnforcementTotals, b: EnforcementTotals): EnforcementTotals {
  return {
    inspections: a.inspections + b.inspections,
    unannounced: a.unannounced + b.unannounced,
    announced: a.announced + b.announced,
    crossInspections: a.crossInspections + b.crossInspections,
    findings: a.findings + b.findings,
    penalties: a.penalties + b.penalties,
    penaltyYuan: a.penaltyYuan + b.penaltyYuan,
    rechecksDue: a.rechecksDue + b.rechecksDue,
    rechecksOnTime: a.rechecksOnTime + b.rechecksOnTime,
  };
}

/** A tally of nothing. */
export const zeroTotals: EnforcementTotals = {
  inspections: 0,
  unannounced: 0,
  announced: 0,
  crossInspections: 0,
  findings: 0,
  penalties: 0,
  penaltyYuan: 0,
  rechecksDue: 0,
  rechecksOnTime: 0,
};
