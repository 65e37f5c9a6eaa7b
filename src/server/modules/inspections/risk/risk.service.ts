/**
 * @module The risk classes of the mines a regulator may see (issue 7 §1), from live data: the
 * registry (kind, scale, standardization, disaster grade), open and overdue hazards, alarms and
 * unanswered alarms in the last 90 days, open leads, and changes of 矿长 / 主要负责人 in the last year.
 * Accidents in the last 3 years come from the accountability module (issue 9); the duties the mine has
 * let lapse from each register of issue 25 (risk.duties.ts).
 */
import type { SQL } from 'drizzle-orm';
import type {
  MineRiskClassResponse,
  RiskClassQuery,
} from '../../../../shared/inspection-schedules.schemas.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import { DAY_MS, todayIn } from '../../../../shared/dates.ts';
import { requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import { getSetting } from '../../../platform/settings/settings.service.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../../registry/registry.scope.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { inspectionsSettings } from '../inspections.settings.ts';
import { presentRiskClass, riskFactsOf } from './risk.presenter.ts';
import { lapsedDutiesByMine } from './risk.duties.ts';
import { mineNameLike, mineRiskFacts } from './risk.repository.ts';
import { assessRisk } from './risk.rules.ts';

/** The risk classes of the caller's mines (or a region's inside the jurisdiction), highest first. */
export async function mineRiskClasses(deps: ServiceDeps, principal: Principal, q: RiskClassQuery) {
  requirePermission(principal, InspectionPermission.Read);
  const scored = await scoreMines(
    deps,
    allOf(mineScopeCondition(principal.scope), mineInRegion(q.region), mineNameLike(q.q)),
  );
  return q.className ? scored.filter((m) => m.className === q.className) : scored;
}

/**
 * The risk score and class of every mine matching `where` (a condition on `mines`; none = all), highest
 * first; the caller has checked who may see them (also the regional grading, issue 8 §4).
 */
export async function scoreMines(
  deps: ServiceDeps,
  where: SQL | undefined,
): Promise<MineRiskClassResponse[]> {
  const model = await getSetting(deps.db, inspectionsSettings.riskModel);
  const now = deps.clock();
  const rows = await mineRiskFacts(deps.db, where, {
    today: todayIn(deps.clock),
    since90: new Date(now.getTime() - 90 * DAY_MS).toISOString(),
    since365: new Date(now.getTime() - 365 * DAY_MS).toISOString(),
    since3y: new Date(now.getTime() - 3 * 365 * DAY_MS).toISOString(),
  });
  // Only the scored mines' registers are judged (a county's page does not judge the country).
  const lapsed = await lapsedDutiesByMine(deps, todayIn(deps.clock), where);
  return rows
    .map((r) => presentRiskClass(r, assessRisk(riskFactsOf(r, lapsed.get(r.id) ?? []), model)))
    .sort((a, b) => b.score - a.score || a.mineName.localeCompare(b.mineName));
}
