/**
 * @module The permissions of the 攻坚清单 and the roles that hold them (within their jurisdiction;
 * scoping is separate). The system admin holds every permission but a gateway's.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const ActionPlanPermission = {
  /** Plans (攻坚清单), their tasks, the targets board, the regional risk and periodic reports: read. */
  Read: 'plans.read',
  /** Create plans and tasks, import the 任务分解表 (the unit that owns the plan). */
  Manage: 'plans.manage',
  /** Report progress on a task the caller's unit leads or supports, with its evidence. */
  Progress: 'plans.progress',
  /** The enterprises' progress reports to the plan (原平四(六)): regulators their region's, an enterprise its own. */
  EnterpriseReports: 'plans.enterprise_reports',
  /** File the caller's own enterprise's progress report to the plan. */
  FileReport: 'plans.file_report',
} as const;

/** Which roles hold which of these permissions. */
export const actionPlansGrants: RoleGrants = {
  regulator_viewer: [ActionPlanPermission.Read, ActionPlanPermission.EnterpriseReports],
  inspector: [
    ActionPlanPermission.Read,
    ActionPlanPermission.Progress,
    ActionPlanPermission.EnterpriseReports,
  ],
  regulator_admin: [
    ActionPlanPermission.Read,
    ActionPlanPermission.Manage,
    ActionPlanPermission.Progress,
    ActionPlanPermission.EnterpriseReports,
  ],
  enterprise_admin: [ActionPlanPermission.EnterpriseReports, ActionPlanPermission.FileReport],
  safety_officer: [ActionPlanPermission.EnterpriseReports, ActionPlanPermission.FileReport],
};
