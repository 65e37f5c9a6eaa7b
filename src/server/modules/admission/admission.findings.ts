/**
 * @module The rules on registry data (issue 25 §5): the mines below their kind's minimum scale or service
 * life (拉萨 二(四)1; numbers in admission.scale, UNVERIFIED) and the mining-method findings — production
 * levels (西藏第9、12条; 原平第13条; 拉萨 二(六)2) and 机械撬毛 (西藏第9条; 原平第13条) — over the registry's
 * capacity, depth and levels and the figures of each mine's approved design.
 */
import { belowScaleReasons, methodFindings } from '../../../shared/admission.ts';
import type {
  BelowScaleResponse,
  MethodFindingResponse,
} from '../../../shared/admission.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import { AdmissionPermission } from './admission.permissions.ts';
import * as repo from './admission.repository.ts';
import { admissionSettings } from './admission.settings.ts';

const mineOf = (m: repo.DesignedMine) => ({
  mineId: m.mineId,
  mineName: m.mineName,
  enterpriseName: m.enterpriseName,
  countyCode: m.countyCode,
  countyName: m.countyName,
});

/** The mines of the caller's jurisdiction below their kind's minimum scale or service life. */
export async function listBelowScale(
  deps: ServiceDeps,
  principal: Principal,
  region?: string,
): Promise<BelowScaleResponse[]> {
  requirePermission(principal, AdmissionPermission.Read);
  const rules = await getSetting(deps.db, admissionSettings.scale);
  const mines = await repo.minesWithDesign(deps.db, mineScopeCondition(principal.scope), region);
  const below = mines.flatMap((m) => {
    const reasons = belowScaleReasons(rules, m);
    return reasons.length ? [{ m, reasons }] : [];
  });
  const onList = await repo.openCategories(
    deps.db,
    below.map((b) => b.m.mineId),
  );
  return below.map(({ m, reasons }) => ({
    ...mineOf(m),
    kind: m.kind,
    designCapacityTpa: m.designCapacityTpa,
    serviceLifeYears: m.serviceLifeYears,
    reasons,
    onList: onList.get(m.mineId) ?? null,
  }));
}

/** The mining-method findings of the mines of the caller's jurisdiction. */
export async function listMethodFindings(
  deps: ServiceDeps,
  principal: Principal,
  region?: string,
): Promise<MethodFindingResponse[]> {
  requirePermission(principal, AdmissionPermission.Read);
  const rules = await getSetting(deps.db, admissionSettings.method);
  const mines = await repo.minesWithDesign(deps.db, mineScopeCondition(principal.scope), region);
  return mines.flatMap((m) => methodFindings(rules, m).map((f) => ({ ...mineOf(m), ...f })));
}
