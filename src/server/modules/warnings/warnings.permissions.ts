/**
 * @module The permissions of regulators' warnings and the roles that hold them (within their jurisdiction;
 * scoping is separate): regulators issue to the mines of their region and follow the answers; a mine's
 * people and its enterprise acknowledge and report the response for their own mines.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const WarningPermission = {
  /** Warnings and their calls to the mines in the caller's jurisdiction. */
  Read: 'warnings.read',
  /** Issue a warning or order to the mines of a region in the caller's jurisdiction. */
  Issue: 'warnings.issue',
  /** Acknowledge a call to one's own mine and report the response. */
  Answer: 'warnings.answer',
} as const;

export const warningGrants: RoleGrants = {
  regulator_viewer: [WarningPermission.Read],
  inspector: [WarningPermission.Read, WarningPermission.Issue],
  regulator_admin: [WarningPermission.Read, WarningPermission.Issue],
  enterprise_admin: [WarningPermission.Read, WarningPermission.Answer],
  safety_officer: [WarningPermission.Read, WarningPermission.Answer],
  mine_duty_officer: [WarningPermission.Read, WarningPermission.Answer],
};
