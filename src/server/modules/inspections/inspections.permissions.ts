/**
 * @module The permissions of enforcement (执法) and the roles that hold them (within their jurisdiction;
 * scoping is separate). The system admin holds every permission but a gateway's.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const InspectionPermission = {
  /** Risk classes, inspection schedules and records (执法, regulators only). */
  Read: 'inspections.read',
  /** Record inspections, findings, on-site orders and rechecks; write and sign enforcement documents. */
  Write: 'inspections.write',
  /** Store the unit's yearly inspection schedule. */
  Schedule: 'inspections.schedule',
  /**
   * Make and end 异地交叉执法 arrangements of the caller's unit, as the common superior of the units and the
   * region inspected (《2024年矿山安全生产工作要点》第41条).
   */
  CrossArrange: 'inspections.cross',
  /** Decide administrative penalties and record their payment. */
  PenaltyDecide: 'inspections.penalty',
  /** The enterprise's copy of enforcement documents issued to its mines (已签发 only). */
  EnforcementReceive: 'inspections.receive',
} as const;

/** Which roles hold which of these permissions. */
export const inspectionsGrants: RoleGrants = {
  regulator_viewer: [InspectionPermission.Read],
  inspector: [InspectionPermission.Read, InspectionPermission.Write],
  regulator_admin: [
    InspectionPermission.Read,
    InspectionPermission.Write,
    InspectionPermission.Schedule,
    InspectionPermission.CrossArrange,
    InspectionPermission.PenaltyDecide,
  ],
  enterprise_admin: [InspectionPermission.EnforcementReceive],
  safety_officer: [InspectionPermission.EnforcementReceive],
};
