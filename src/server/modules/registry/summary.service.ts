/**
 * @module The registry dashboard of a region subtree: what a regulator sees first.
 */
import { MineStatus } from '../../../shared/registry.enums.ts';
import type { RegistrySummary } from '../../../shared/registry.schemas.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { todayIn } from '../../../shared/dates.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { allOf, mineScopeCondition, mineRegionCondition } from './registry.scope.ts';
import * as repo from './summary.repository.ts';
import { registrySettings } from './registry.settings.ts';
import { RegistryPermission } from './registry.permissions.ts';

/** How many rows each alert list returns (the totals count them all). */
const ALERT_LIMIT = 50;

export async function registrySummary(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
): Promise<RegistrySummary> {
  requirePermission(principal, RegistryPermission.Read);
  const prefix = q.region ? subtreePrefix(q.region) : undefined;
  const where = allOf(mineScopeCondition(principal.scope), mineRegionCondition(prefix));
  const days = await getSetting(deps.db, registrySettings.licenceExpiryWarningDays);
  const today = todayIn(deps.clock);
  const until = todayIn(deps.clock, days);
  const [byKind, byStatus, byScale, byStandardization] = await Promise.all(
    (['kind', 'status', 'scale', 'standardizationLevel'] as const).map((c) =>
      repo.countBy(deps.db, where, c),
    ),
  );
  // Children of the selected region: cities under a province, counties under a city.
  const childDigits = !prefix || prefix.length === 2 ? 4 : prefix.length === 4 ? 6 : undefined;
  return {
    totalMines: (byKind ?? []).reduce((n, r) => n + r.count, 0),
    byKind: byKind ?? [],
    byStatus: byStatus ?? [],
    byScale: byScale ?? [],
    byStandardization: byStandardization ?? [],
    byRegion: childDigits ? await repo.countByChildRegion(deps.db, where, childDigits) : [],
    licenceWarningDays: days,
    licencesExpiring: await repo.licencesExpiring(
      deps.db,
      where,
      { from: today, until },
      ALERT_LIMIT,
    ),
    licencesExpired: await repo.licencesExpired(deps.db, where, today, ALERT_LIMIT),
    suspended: await repo.minesWithStatus(
      deps.db,
      where,
      [MineStatus.SuspendedForRectification, MineStatus.Stopped],
      ALERT_LIMIT,
    ),
  };
}
