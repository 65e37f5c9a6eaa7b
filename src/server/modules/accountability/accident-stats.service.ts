/**
 * @module Accident statistics (issue 9 §2): per year, per kind and per region below the selected one —
 * accidents, deaths, serious injuries and direct loss — and the count per grade, over the mines the
 * caller may see. Years are Beijing calendar years.
 */
import type { AccidentStatsQuery } from '../../../shared/accountability.schemas.ts';
import { ownRegion, subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import * as repo from './accident.repository.ts';
import { presentAccidentStats } from './accident.presenter.ts';
import { AccountabilityPermission } from './accountability.permissions.ts';

/** The statistics of the years `fromYear`–`toYear` in the caller's jurisdiction or a region of it. */
export async function accidentStats(
  deps: ServiceDeps,
  principal: Principal,
  q: AccidentStatsQuery,
) {
  requirePermission(principal, AccountabilityPermission.AccidentRead);
  if (q.toYear < q.fromYear) {
    throw invalidField('toYear', '结束年份不能早于起始年份', q.toYear);
  }
  const f = {
    mineScope: mineScopeCondition(principal.scope),
    region: q.region,
    fromYear: q.fromYear,
    toYear: q.toYear,
  };
  // The level below the selected region: a province's cities, a city's counties, else counties.
  const region = q.region ?? ownRegion(principal.scope);
  const prefixLength = region ? Math.min(6, subtreePrefix(region).length + 2) : 2;
  return presentAccidentStats(
    q,
    await repo.accidentTallies(deps.db, f, 'year'),
    await repo.accidentTallies(deps.db, f, 'kind'),
    await repo.accidentTalliesByRegion(deps.db, f, prefixLength),
    await repo.accidentGradeCounts(deps.db, f),
  );
}
