/**
 * @module Row → API shape for enterprises.
 */
import type { EnterpriseResponse } from '../../../shared/registry.schemas.ts';
import type { findEnterprise } from './enterprise.repository.ts';

type Row = NonNullable<Awaited<ReturnType<typeof findEnterprise>>>;

/** The API shape of an enterprise. */
export function presentEnterprise(r: Row): EnterpriseResponse {
  return {
    id: r.id,
    creditCode: r.creditCode,
    name: r.name,
    regionCode: r.regionCode,
    regionName: r.regionName,
    legalRepresentative: r.legalRepresentative,
    parentCompany: r.parentCompany,
    address: r.address,
    archived: r.archivedAt !== null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
