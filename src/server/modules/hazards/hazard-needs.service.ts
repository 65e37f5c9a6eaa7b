/**
 * @module What the hazards ledger asks of a person now, for the home page (issue 23 §1): overdue hazards
 * by the last step of the deadline ladder they reached, the open hazards by their deadline, and the
 * monthly self-inspection and quarterly parent-company inspection reports still to be filed.
 */
import { todayIn } from '../../../shared/dates.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { dueSteps } from '../../platform/escalation/escalation.service.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import * as repo from './hazard.repository.ts';
import { hazardsSettings } from './hazards.settings.ts';
import { HazardPermission } from './hazards.permissions.ts';
import { previousPeriods, type Cadence } from './inspection.cadence.ts';
import { missingInspections } from './self-inspection.service.ts';

/** The label of an overdue hazard whose deadline has passed but whose ladder has no step due yet. */
const OVERDUE_NO_STEP = '已逾期';

function filterOf(principal: Principal, region: string | undefined): repo.HazardFilter {
  return {
    mineScope: mineScopeCondition(principal.scope),
    regionPrefix: region ? subtreePrefix(region) : undefined,
  };
}

/**
 * The open hazards past their 治理时限, by the last step of the escalation ladder (setting
 * hazards.escalationLadder: 提醒 → 函告 → 通报 → 约谈 → 曝光) their deadline has reached, in ladder order.
 */
export async function overdueByLadderStep(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
) {
  requirePermission(principal, HazardPermission.Read);
  const today = todayIn(deps.clock);
  const ladder = await getSetting(deps.db, hazardsSettings.escalationLadder);
  const rows = await repo.overdueDeadlines(deps.db, filterOf(principal, q.region), today);
  const byStep = new Map<string, number>();
  for (const r of rows) {
    const reached = r.deadline ? dueSteps(r.deadline, ladder, today).at(-1)?.step : undefined;
    const label = reached ?? OVERDUE_NO_STEP;
    byStep.set(label, (byStep.get(label) ?? 0) + r.n);
  }
  const order = [OVERDUE_NO_STEP, ...ladder.map((s) => s.step)];
  const parts = order
    .filter((label) => byStep.has(label))
    .map((label) => ({ label, count: byStep.get(label) ?? 0 }));
  return { count: parts.reduce((n, p) => n + p.count, 0), parts };
}

/** The caller's open hazards by their deadline, the nearest first. */
export async function hazardsByDeadline(deps: ServiceDeps, principal: Principal, limit: number) {
  requirePermission(principal, HazardPermission.Read);
  const today = todayIn(deps.clock);
  const rows = await repo.openByDeadline(deps.db, filterOf(principal, undefined), limit);
  return rows.map((r) => ({
    id: r.hazard.id,
    mineId: r.hazard.mineId,
    mineName: r.mineName,
    criterionCode: r.criterionCode,
    description: r.hazard.description,
    state: r.hazard.state,
    deadline: r.hazard.deadline,
    overdue: r.hazard.deadline !== null && r.hazard.deadline < today,
    supervised: r.hazard.supervised,
  }));
}

/**
 * The mines whose report for the last finished period is not filed (《2024年矿山安全生产工作要点》第19条:
 * the monthly self-inspection; the parent company's quarterly inspection), with how many are past the
 * due day.
 */
export async function reportsDue(deps: ServiceDeps, principal: Principal, cadence: Cadence) {
  const [period] = previousPeriods(cadence, todayIn(deps.clock), 1);
  const missing = period ? await missingInspections(deps, principal, cadence, { period }) : [];
  const overdue = missing.filter((m) => m.overdue).length;
  return {
    period: period ?? '',
    count: missing.length,
    overdue,
  };
}
