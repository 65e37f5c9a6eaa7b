/**
 * @module The mine map (issue 23 §3): the mines of the caller's jurisdiction, or of a region in it, as
 * points coloured by their worst open alarm; mines without coordinates are counted, not placed.
 */
import type { MineMapResponse } from '../../../shared/mine-map.schemas.ts';
import { warningLevels } from '../../../shared/monitoring.enums.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import { mineMapRows } from './mine-map.repository.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';

/**
 * The region a map of `region` shows for this caller: the region itself when it lies in the
 * jurisdiction, the caller's own region when it asks for an ancestor of it, else not found (a region
 * outside the jurisdiction reads as one that does not exist).
 */
function mapRegion(principal: Principal, region: string | undefined): string | null {
  const s = principal.scope;
  if (s.kind !== 'region') {
    return region ?? null;
  }
  if (region === undefined || s.regionCode.startsWith(subtreePrefix(region))) {
    return s.regionCode;
  }
  if (region.startsWith(s.prefix)) {
    return region;
  }
  throw notFound('region', region);
}

/** The mines on the map of the caller's jurisdiction (or `region` inside it). */
export async function mineMap(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
): Promise<MineMapResponse> {
  requirePermission(principal, MonitoringPermission.Read);
  const regionCode = mapRegion(principal, q.region);
  const rows = await mineMapRows(
    deps.db,
    allOf(mineScopeCondition(principal.scope), mineInRegion(regionCode ?? undefined)),
  );
  const mines: MineMapResponse['mines'] = [];
  let unlocated = 0;
  for (const r of rows) {
    if (r.longitude === null || r.latitude === null) {
      unlocated++;
      continue;
    }
    mines.push({
      id: r.id,
      name: r.name,
      kind: r.kind,
      status: r.status,
      countyCode: r.countyCode,
      longitude: r.longitude,
      latitude: r.latitude,
      worstLevel: r.worstRank ? (warningLevels[r.worstRank - 1] ?? null) : null,
      openAlarms: r.openAlarms,
    });
  }
  return { regionCode, mines, unlocated };
}
