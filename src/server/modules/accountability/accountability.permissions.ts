/**
 * @module The permissions of accountability (accidents, 举报) and the roles that hold them (within their jurisdiction;
 * scoping is separate). The system admin holds every permission but a gateway's.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const AccountabilityPermission = {
  /** Accidents of the mines in the caller's jurisdiction (regulators) or of its own mines (enterprises). */
  AccidentRead: 'accidents.read',
  /** File an accident report (the mine, or a regulator told by phone). */
  AccidentReport: 'accidents.report',
  /** Record reports up the chain and the 约谈 (regulators). */
  AccidentManage: 'accidents.manage',
  /** 举报 cases of the caller's jurisdiction (regulators; the reporter's identity only for the handling unit's admins). */
  PublicReportRead: 'public_reports.read',
  /** Take a 举报 case through 受理、核实、办理、反馈 (the handling unit). */
  PublicReportHandle: 'public_reports.handle',
} as const;

/** Which roles hold which of these permissions. */
export const accountabilityGrants: RoleGrants = {
  regulator_viewer: [
    AccountabilityPermission.AccidentRead,
    AccountabilityPermission.PublicReportRead,
  ],
  inspector: [
    AccountabilityPermission.AccidentRead,
    AccountabilityPermission.AccidentReport,
    AccountabilityPermission.AccidentManage,
    AccountabilityPermission.PublicReportRead,
    AccountabilityPermission.PublicReportHandle,
  ],
  regulator_admin: [
    AccountabilityPermission.AccidentRead,
    AccountabilityPermission.AccidentReport,
    AccountabilityPermission.AccidentManage,
    AccountabilityPermission.PublicReportRead,
    AccountabilityPermission.PublicReportHandle,
  ],
  enterprise_admin: [
    AccountabilityPermission.AccidentRead,
    AccountabilityPermission.AccidentReport,
  ],
  safety_officer: [AccountabilityPermission.AccidentRead, AccountabilityPermission.AccidentReport],
};
