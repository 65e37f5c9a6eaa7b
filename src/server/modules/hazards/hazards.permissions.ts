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
  /** Read a hazard's investigation and its 倒查 list of inspections and inspectors (regulators only). */
  InvestigationRead: 'hazards.investigation.read',
  /** Open and conclude a hazard's investigation (issue 24; 方案第8条, 要点第21条). */
  Investigate: 'hazards.investigate',
} as const;

/** Which roles hold which of these permissions. */
export const hazardsGrants: RoleGrants = {
  regulator_viewer: [HazardPermission.Read, HazardPermission.InvestigationRead],
  inspector: [
    HazardPermission.Read,
    HazardPermission.Report,
    HazardPermission.Accept,
    HazardPermission.InvestigationRead,
    HazardPermission.Investigate,
  ],
  regulator_admin: [
    HazardPermission.Read,
    HazardPermission.Report,
    HazardPermission.Rectify,
    HazardPermission.Accept,
    HazardPermission.Supervise,
    HazardPermission.InvestigationRead,
    HazardPermission.Investigate,
  ],
  enterprise_admin: [HazardPermission.Read, HazardPermission.Report, HazardPermission.Rectify],
  safety_officer: [HazardPermission.Read, HazardPermission.Report, HazardPermission.Rectify],
  mine_duty_officer: [HazardPermission.Read],
};
