/**
 * @module The targets board's data (issue 8 §2–3): every indicator for the caller's jurisdiction or a
 * region inside it on a date, with the targets that apply there (the region's own and its ancestors',
 * and national ones) from the `plans.targets` setting; an indicator's trend over the last months; and
 * the mines that hold it back.
 */
import { sql } from 'drizzle-orm';
import { monthEnds } from '../../../shared/report-periods.ts';
import type { IndicatorKey, Target } from '../../../shared/targets.settings.ts';
import { ownRegion, subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import {
  evaluateIndicator,
  evaluateIndicators,
  holdingBack,
  meets,
  type IndicatorScope,
  type IndicatorValue,
} from './indicators.ts';
import { plansSettings } from './action-plans.settings.ts';
import { WorkPlanPermission } from './action-plans.permissions.ts';

/** Changes (small mines, underground staff) are counted against the year before the action (2024–2026). */
export const BASELINE_YEAR = 2023;

interface BoardQuery {
  region?: string | undefined;
  date?: string | undefined;
  baselineYear?: number | undefined;
}

/** Whether a target set for `targetRegion` applies to `region` (itself, an ancestor, or national). */
export function targetApplies(targetRegion: string, region: string | undefined): boolean {
  if (targetRegion === '000000') {
    return true;
  }
  return region !== undefined && region.startsWith(subtreePrefix(targetRegion));
}

function scopeOf(deps: ServiceDeps, principal: Principal, q: BoardQuery): IndicatorScope {
  return {
    scope: allOf(mineScopeCondition(principal.scope), mineInRegion(q.region)) ?? sql`TRUE`,
    date: q.date ?? todayIn(deps.clock),
    baselineYear: q.baselineYear ?? BASELINE_YEAR,
  };
}

const boardRegion = (principal: Principal, region: string | undefined) =>
  region ?? ownRegion(principal.scope);

/** The indicators with the targets applying to the region, each marked met or not. */
export async function indicatorsWithTargets(
  db: Db,
  s: IndicatorScope,
  region: string | undefined,
): Promise<(IndicatorValue & { targets: (Target & { met: boolean | null })[] })[]> {
  const indicators = await evaluateIndicators(db, s);
  const targets = (await getSetting(db, plansSettings.targets)).filter((t) =>
    targetApplies(t.region, region),
  );
  return indicators.map((i) => ({
    ...i,
    targets: targets
      .filter((t) => t.indicator === i.key)
      .map((t) => ({ ...t, met: meets(i.direction, i.value, t.goal) })),
  }));
}

export async function targetBoard(deps: ServiceDeps, principal: Principal, q: BoardQuery) {
  requirePermission(principal, WorkPlanPermission.Read);
  const s = scopeOf(deps, principal, q);
  const region = boardRegion(principal, q.region);
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
  q: BoardQuery & { months?: number | undefined },
) {
  requirePermission(principal, WorkPlanPermission.Read);
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
  q: BoardQuery,
) {
  requirePermission(principal, WorkPlanPermission.Read);
  const s = scopeOf(deps, principal, q);
  return {
    key,
    date: s.date,
    indicator: await evaluateIndicator(deps.db, key, s),
    mines: await holdingBack(deps.db, key, s),
  };
}
