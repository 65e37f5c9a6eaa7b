/**
 * @module The targets board's data (issue 8 §2): every indicator for the caller's jurisdiction or a
 * region inside it on a date, with the targets that apply there (the region's own and its ancestors',
 * and national ones) from the `plans.targets` setting.
 */
import { sql } from 'drizzle-orm';
import { Permission } from '../../platform/auth/permissions.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import { evaluateIndicators } from './indicators.ts';

/** Whether a target set for `targetRegion` applies to `region` (itself, an ancestor, or national). */
export function targetApplies(targetRegion: string, region: string | undefined): boolean {
  if (targetRegion === '000000') {
    return true;
  }
  return region !== undefined && region.startsWith(subtreePrefix(targetRegion));
}

export async function targetBoard(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined; date?: string | undefined; baselineYear?: number | undefined },
) {
  requirePermission(principal, Permission.WorkPlanRead);
  const date = q.date ?? todayIn(deps.clock);
  const region =
    q.region ?? (principal.scope.kind === 'region' ? principal.scope.regionCode : undefined);
  const scope = allOf(mineScopeCondition(principal.scope), mineInRegion(q.region)) ?? sql`TRUE`;
  const indicators = await evaluateIndicators(deps.db, scope, date, q.baselineYear ?? 2023);
  const targets = (await getSetting(deps.db, 'plans.targets')).filter((t) =>
    targetApplies(t.region, region),
  );
  return {
    region: region ?? null,
    date,
    indicators: indicators.map((i) => ({
      ...i,
      targets: targets
        .filter((t) => t.indicator === i.key)
        .map((t) => ({
          ...t,
          met:
            i.value === null
              ? null
              : i.key === 'smallMinesChange'
                ? i.value <= t.goal
                : i.value >= t.goal,
        })),
    })),
  };
}
