/**
 * @module The permissions of the coal upload files and the roles that hold them (within their
 * jurisdiction; scoping is separate). Gateways upload (roles.ts adds Upload to what a gateway token may
 * do); the system admin holds every permission but a gateway's.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const CoalUploadPermission = {
  /** Post MT/T 1201 files for the mines a gateway token names. */
  Upload: 'coal_upload.upload',
  /** A mine's feeds, points with both sets of thresholds, substations, 井下人员 and 领导带班下井. */
  Read: 'coal_upload.read',
  /**
   * What the files reveal against minewatch's own data: discrepancies, data-quality findings, the mine's
   * abnormal-alarm records and the 超限 it did not report (regulators only: lead evidence must not tip
   * the mine off).
   */
  Review: 'coal_upload.review',
} as const;

/** Which roles hold which of these permissions. */
export const coalUploadGrants: RoleGrants = {
  regulator_viewer: [CoalUploadPermission.Read, CoalUploadPermission.Review],
  inspector: [CoalUploadPermission.Read, CoalUploadPermission.Review],
  regulator_admin: [CoalUploadPermission.Read, CoalUploadPermission.Review],
  enterprise_admin: [CoalUploadPermission.Read],
  safety_officer: [CoalUploadPermission.Read],
  mine_duty_officer: [CoalUploadPermission.Read],
};
