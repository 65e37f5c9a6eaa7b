/**
 * @module Row → API shape for contractors' project staff (ID numbers only masked).
 */
import type { ContractorStaffResponse } from '../../../shared/registry.schemas.ts';
import type { StaffJoinedRow } from './contractor-staff.repository.ts';

/** The API shape of one member of a contractor's 项目部 staff. */
export function presentStaff(r: StaffJoinedRow): ContractorStaffResponse {
  const s = r.staff;
  return {
    id: s.id,
    contractorId: s.contractorId,
    contractorName: r.contractorName,
    mineId: r.mineId,
    mineName: r.mineName,
    name: s.name,
    role: s.role,
    idNumberMasked: s.idNumberMasked,
    employment: s.employment,
    education: s.education,
    relatedMajor: s.relatedMajor,
    title: s.title,
    archived: s.archivedAt !== null,
    version: s.version,
  };
}
