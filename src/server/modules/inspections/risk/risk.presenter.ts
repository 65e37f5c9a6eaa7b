/** @module Risk facts → a mine's risk class as the API shows it (src/shared/inspection-schedules.schemas.ts). */
import type { MineRiskClassResponse } from '../../../../shared/inspection-schedules.schemas.ts';
import type { RiskFactRow } from './risk.repository.ts';
import type { RiskAssessment, RiskFacts } from './risk.rules.ts';

/** The facts the rules score, from a mine's row. */
export function riskFactsOf(r: RiskFactRow, lapsedDuties: readonly string[]): RiskFacts {
  return {
    kind: r.kind,
    scale: r.scale,
    standardizationLevel: r.standardization_level,
    disasterGrade: r.disaster_grade,
    openHazards: r.open_hazards,
    overdueHazards: r.overdue_hazards,
    alarms90d: r.alarms,
    unansweredCalls90d: r.unanswered,
    openLeads: r.open_leads,
    accidents3y: r.accidents,
    managementChanges12m: r.management_changes,
    lapsedDuties,
  };
}

/** A mine's risk class with its score and the reasons behind it. */
export function presentRiskClass(r: RiskFactRow, a: RiskAssessment): MineRiskClassResponse {
  return { mineId: r.id, mineName: r.name, countyCode: r.county_code, ...a };
}
