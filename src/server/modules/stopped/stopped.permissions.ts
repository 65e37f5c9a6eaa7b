/**
 * @module The permissions of the stopped-mines loop and the roles that hold them (within their jurisdiction;
 * scoping is separate): the enterprise files plans and declarations for its own mines, the regulators of
 * the mine's region read and reject them, assign 包保责任人 and record visits.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const StoppedPermission = {
  /** Plans, declarations, 包保责任人 and visits of the mines in the caller's jurisdiction. */
  Read: 'stopped.read',
  /** File a 整改方案 or declare work at one's own stopped mine. */
  Declare: 'stopped.declare',
  /** Reject a declaration with a reason. */
  Review: 'stopped.review',
  /** Assign a 包保责任人. */
  Assign: 'stopped.assign',
  /** Record a 驻矿盯守 / 巡查 visit. */
  Patrol: 'stopped.patrol',
} as const;

export const stoppedGrants: RoleGrants = {
  regulator_viewer: [StoppedPermission.Read],
  inspector: [StoppedPermission.Read, StoppedPermission.Review, StoppedPermission.Patrol],
  regulator_admin: [
    StoppedPermission.Read,
    StoppedPermission.Review,
    StoppedPermission.Assign,
    StoppedPermission.Patrol,
  ],
  enterprise_admin: [StoppedPermission.Read, StoppedPermission.Declare],
  safety_officer: [StoppedPermission.Read, StoppedPermission.Declare],
};
