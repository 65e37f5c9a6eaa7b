/**
 * @module The qualification and contractor findings → the API's shapes: one mine's findings, and a
 * region's summary (the mines with findings, hazard candidates first, and the findings per rule).
 */
import type { Finding } from '../../../shared/compliance.rules.ts';
import type { RegionComplianceResponse } from '../../../shared/accountability.schemas.ts';
import type { MineKind } from '../../../shared/registry.enums.ts';

/** One mine's findings from the rules. */
export interface MineFindings {
  mineId: string;
  mineName: string;
  countyCode: string;
  kind: MineKind;
  findings: Finding[];
}

/** A region's summary on a date from every checked mine's findings. */
export function presentRegionCompliance(
  date: string,
  all: MineFindings[],
): RegionComplianceResponse {
  const byRule = new Map<string, number>();
  for (const m of all) {
    for (const f of m.findings) {
      byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    }
  }
  return {
    date,
    mines: all.length,
    byRule: [...byRule]
      .map(([rule, n]) => ({ rule, findings: n }))
      .sort((a, b) => b.findings - a.findings),
    withFindings: all
      .filter((m) => m.findings.length > 0)
      .map((m) => ({
        mineId: m.mineId,
        mineName: m.mineName,
        countyCode: m.countyCode,
        kind: m.kind,
        findings: m.findings.length,
        hazardCandidates: m.findings.filter((f) => f.criterion).length,
        rules: [...new Set(m.findings.map((f) => f.rule))],
      }))
      .sort((a, b) => b.hazardCandidates - a.hazardCandidates || b.findings - a.findings),
  };
}
