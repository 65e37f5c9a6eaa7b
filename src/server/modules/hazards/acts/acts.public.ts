/**
 * @module The public page of exposures (曝光; no login): 《2024年矿山安全生产工作要点》第20条 and
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第9条 — 对重大事故隐患整改进展缓慢的及时采取函告、通报、约谈、曝光等措施.
 * Only exposures in force are listed (a withdrawn one is gone from here; the audit trail keeps it), with
 * the mine, its enterprise and county, the hazard's criterion and description, the reason and the day,
 * and the regulator unit that exposed it. No ids, no people.
 */
import type { PublicExposuresResponse } from '../../../../shared/hazard-acts.schemas.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { subtreePrefix } from '../../../platform/auth/scope.ts';
import { exposuresInForce } from './acts.repository.ts';

export async function publicExposures(
  deps: ServiceDeps,
  region: string | undefined,
): Promise<PublicExposuresResponse> {
  const rows = await exposuresInForce(deps.db, region ? subtreePrefix(region) : undefined);
  return {
    exposures: rows.map((r) => ({
      exposedOn: r.exposedOn,
      unitName: r.unitName,
      countyName: r.countyName,
      mineName: r.mineName,
      enterpriseName: r.enterpriseName,
      criterionCode: r.criterionCode,
      hazard: r.description,
      reason: r.reason,
    })),
  };
}
