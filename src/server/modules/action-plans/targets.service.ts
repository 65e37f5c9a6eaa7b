/**
 * @module The targets board's data (issue 8 §2–3): every indicator for the caller's jurisdiction or a
 * region inside it on a date, with the targets that apply there (the region's own and its ancestors',
 * and national ones) from the `plans.targets` setting; an indicator's trend over the last months; and
 * the mines that hold it back.
 */
import type {
  IndicatorWithTargetsResponse,
  TargetBoardQuery,
  TargetBoardResponse,
  TargetMinesResponse,
  TargetTrendResponse,
} from '../../../shared/action-plans.schemas.ts';
import { monthEnds } from '../../../shared/periodic-report.periods.ts';
import type { IndicatorKey } from '../../../shared/targets.settings.ts';
import { ownRegion, subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { todayIn } from '../../../shared/dates.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import {
  evaluateIndicator,
  evaluateIndicators,
  holdingBack,
  type IndicatorScope,
} from './indicator.service.ts';
import { meets } from './indicator.rules.ts';
import { actionPlansSettings } from './action-plans.settings.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';

/** Changes (small mines, underground staff) are counted against the year before the action (2024–2026). */
export const BASELINE_YEAR = 2023;

/** Whether a target set for `targetRegion` applies to `region` (itself, an ancestor, or national). */
export function targetApplies(targetRegion: string, region: string | undefined): boolean {
  if (targetRegion === '000000') {
    return true;
  }
  return region !== undefined && region.startsWith(subtreePrefix(targetRegion));
}

/** The caller's mines inside the asked region, on the asked date, against the asked baseline. */
function scopeOf(deps: ServiceDeps, principal: Principal, q: TargetBoardQuery): IndicatorScope {
  return {
    scope: allOf(mineScopeCondition(principal.scope), mineInRegion(q.region)),
    date: q.date ?? todayIn(deps.clock),
    baselineYear: q.baselineYear ?? BASELINE_YEAR,
  };
}

/** The indicators with the targets applying to the region, each marked met or not. */
export async function indicatorsWithTargets(
  db: Db,
  s: IndicatorScope,
  region: string | undefined,
): Promise<IndicatorWithTargetsResponse[]> {
  const indicators = await evaluateIndicators(db, s);
  const targets = (await getSetting(db, actionPlansSettings.targets)).filter((t) =>
    targetApplies(t.region, region),
  );
  return indicators.map((i) => ({
    ...i,
    targets: targets
      .filter((t) => t.indicator === i.key)
      .map((t) => ({ ...t, met: meets(i.direction, i.value, t.goal) })),
  }));
}

/** Every indicator of the region (the caller's own by default) on the date, with its targets. */
export async function targetBoard(
  deps: ServiceDeps,
  principal: Principal,
  q: TargetBoardQuery,
): Promise<TargetBoardResponse> {
  requirePermission(principal, ActionPlanPermission.Read);
  const s = scopeOf(deps, principal, q);
  const region = q.region ?? ownRegion(principal.scope);
  return {
    region: region ?? null,
    date: s.date,
    baselineYear: s.baselineYear,
    indicators: await indicatorsWithTargets(deps.db, s, region),
  };
}

/** One indicator at the end of each of the last `months` months (the last point is the date). */
export async function targetTrend(
  deps: ServiceDeps,
  principal: Principal,
  key: IndicatorKey,
  q: TargetBoardQuery & { months?: number | undefined },
): Promise<TargetTrendResponse> {
  requirePermission(principal, ActionPlanPermission.Read);
  const s = scopeOf(deps, principal, q);
  const points = [];
  for (const date of monthEnds(s.date, q.months ?? 12)) {
    const v = await evaluateIndicator(deps.db, key, { ...s, date });
    points.push({ date, value: v.value, numerator: v.numerator, denominator: v.denominator });
  }
  return { key, points };
}

/** The mines that hold an indicator back on the date, worst first. */
export async function targetMines(
  deps: ServiceDeps,
  principal: Principal,
  key: IndicatorKey,
  q: TargetBoardQuery,
): Promise<TargetMinesResponse> {
  requirePermission(principal, ActionPlanPermission.Read);
  const s = scopeOf(deps, principal, q);
  return {
    key,
    date: s.date,
    indicator: await evaluateIndicator(deps.db, key, s),
    mines: await holdingBack(deps.db, key, s),
  };
}
