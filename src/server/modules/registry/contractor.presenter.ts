/**
 * @module Row → API shape for contractors (承包单位).
 */
import type { ContractorResponse } from '../../../shared/registry.schemas.ts';
import type { ContractorJoinedRow } from './contractor.repository.ts';

/** The API shape of a contractor engaged at a mine. */
export function presentContractor(r: ContractorJoinedRow): ContractorResponse {
  const c = r.contractor;
  return {
    id: c.id,
    mineId: c.mineId,
    mineName: r.mineName,
    name: c.name,
    creditCode: c.creditCode,
    scopes: c.scopes,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    archived: c.archivedAt !== null,
    version: c.version,
  };
}
