/**
 * @module The permissions of 应急准备与培训 and the roles that hold them (within their jurisdiction;
 * scoping is separate): enterprises keep their own mines' registers, regulators read theirs and record
 * 逢查必考 results on their inspections.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const EmergencyPermission = {
  /** The registers and findings of the mines in the caller's jurisdiction, or of its own mines. */
  Read: 'emergency.read',
  /** Record plans, drills, agreements, training, 自救器 practice and 两单两卡 for a mine. */
  File: 'emergency.file',
  /** Record 逢查必考 results on an inspection (inspectors). */
  Examine: 'emergency.examine',
} as const;

export const emergencyGrants: RoleGrants = {
  regulator_viewer: [EmergencyPermission.Read],
  inspector: [EmergencyPermission.Read, EmergencyPermission.File, EmergencyPermission.Examine],
  regulator_admin: [
    EmergencyPermission.Read,
    EmergencyPermission.File,
    EmergencyPermission.Examine,
  ],
  enterprise_admin: [EmergencyPermission.Read, EmergencyPermission.File],
  safety_officer: [EmergencyPermission.Read, EmergencyPermission.File],
};
