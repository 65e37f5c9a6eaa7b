/**
 * @module The plans' duties each mine has let lapse, from every register that keeps deadlines (issue 25:
 * "each feeds the indicators, the risk score and the escalation ladder"). Each register answers its own
 * findings on a day for every mine; the risk model counts them per mine (risk.rules.ts).
 */
import { groupBy } from '../../../../shared/collections.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { lapsedDisposals } from '../../admission/admission.escalation.ts';
import { lapsedDutyDays } from '../../duty/duty.escalation.ts';
import { lapsedEmergencyDuties } from '../../emergency/emergency.escalation.ts';
import { lapsedPitPondDuties } from '../../pits-ponds/pit-pond.escalation.ts';
import { lapsedSurveys } from '../../surveys/survey.service.ts';

/** One lapsed duty of one mine, named as the regulator reads it. */
export interface LapsedDuty {
  mineId: string;
  duty: string;
}

/** The registers whose findings count, each answering every mine's lapsed duties on a day. */
const registers: ((deps: ServiceDeps, today: string) => Promise<LapsedDuty[]>)[] = [
  lapsedSurveys,
  lapsedPitPondDuties,
  lapsedEmergencyDuties,
  lapsedDutyDays,
  lapsedDisposals,
];

/** Every mine's lapsed duties on `today`, by mine id (mines in order are absent). */
export async function lapsedDutiesByMine(
  deps: ServiceDeps,
  today: string,
): Promise<Map<string, string[]>> {
  const all = (await Promise.all(registers.map((r) => r(deps, today)))).flat();
  return new Map(
    [...groupBy(all, (d) => d.mineId)].map(([mineId, ds]) => [mineId, ds.map((d) => d.duty)]),
  );
}
