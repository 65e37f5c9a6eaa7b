/**
 * @module The permissions of 企业主体责任 and the roles that hold them (within their jurisdiction;
 * scoping is separate): enterprises file their duty records, regulators read them and give 记分.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const DutyPermission = {
  /** Duty records, monthly counts, findings and scores of the mines in the caller's jurisdiction. */
  Read: 'duty.read',
  /** File a dated duty record for a person of a mine (the enterprise; a regulator on its behalf). */
  File: 'duty.file',
  /** Give a 矿长安全生产记分 entry (regulators). */
  Score: 'duty.score',
} as const;

export const dutyGrants: RoleGrants = {
  regulator_viewer: [DutyPermission.Read],
  inspector: [DutyPermission.Read, DutyPermission.File, DutyPermission.Score],
  regulator_admin: [DutyPermission.Read, DutyPermission.File, DutyPermission.Score],
  enterprise_admin: [DutyPermission.Read, DutyPermission.File],
  safety_officer: [DutyPermission.Read, DutyPermission.File],
};
