/**
 * @module The plans' duties each mine has let lapse, from every register that keeps deadlines (issue 25:
 * "each feeds the indicators, the risk score and the escalation ladder"). Each register answers its own
 * findings on a day for every mine; the risk model counts them per mine (risk.rules.ts).
 */
import type { SQL } from 'drizzle-orm';
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

/**
 * The registers whose findings count, each answering the lapsed duties on a day of the mines a
 * condition on `mines` selects (none = every mine).
 */
const registers: ((
  deps: ServiceDeps,
  today: string,
  mineScope: SQL | undefined,
) => Promise<LapsedDuty[]>)[] = [
  lapsedSurveys,
  lapsedPitPondDuties,
  lapsedEmergencyDuties,
  lapsedDutyDays,
  lapsedDisposals,
];

/** The lapsed duties on `today` of the mines `mineScope` selects, by mine id (mines in order are absent). */
export async function lapsedDutiesByMine(
  deps: ServiceDeps,
  today: string,
  mineScope: SQL | undefined,
): Promise<Map<string, string[]>> {
  const all = (await Promise.all(registers.map((r) => r(deps, today, mineScope)))).flat();
  return new Map(
    [...groupBy(all, (d) => d.mineId)].map(([mineId, ds]) => [mineId, ds.map((d) => d.duty)]),
  );
}
