/**
 * @module The permissions of the major-hazard ledger and the roles that hold them (within their jurisdiction;
 * scoping is separate). The system admin holds every permission but a gateway's.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const HazardPermission = {
  Read: 'hazards.read',
  Report: 'hazards.report',
  Rectify: 'hazards.rectify',
  Accept: 'hazards.accept',
  Supervise: 'hazards.supervise',
  CatalogueManage: 'hazards.catalogue.manage',
} as const;

/** Which roles hold which of these permissions. */
export const hazardsGrants: RoleGrants = {
  regulator_viewer: [HazardPermission.Read],
  inspector: [HazardPermission.Read, HazardPermission.Report, HazardPermission.Accept],
  regulator_admin: [
    HazardPermission.Read,
    HazardPermission.Report,
    HazardPermission.Rectify,
    HazardPermission.Accept,
    HazardPermission.Supervise,
  ],
  enterprise_admin: [HazardPermission.Read, HazardPermission.Report, HazardPermission.Rectify],
  safety_officer: [HazardPermission.Read, HazardPermission.Report, HazardPermission.Rectify],
  mine_duty_officer: [HazardPermission.Read],
};
