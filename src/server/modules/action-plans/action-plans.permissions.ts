/**
 * @module The permissions of the 攻坚清单 plans and the roles that hold them (within their jurisdiction;
 * scoping is separate). The system admin holds every permission but a gateway's.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const WorkPlanPermission = {
  /** Plans (攻坚清单) and their tasks: read (regulators). */
  Read: 'plans.read',
  /** Create plans and tasks, import the 任务分解表 (the unit that owns the plan). */
  Manage: 'plans.manage',
  /** Report progress on a task the caller's unit leads or supports. */
  TaskReport: 'plans.report',
} as const;

/** Which roles hold which of these permissions. */
export const plansGrants: RoleGrants = {
  regulator_viewer: [WorkPlanPermission.Read],
  inspector: [WorkPlanPermission.Read, WorkPlanPermission.TaskReport],
  regulator_admin: [
    WorkPlanPermission.Read,
    WorkPlanPermission.Manage,
    WorkPlanPermission.TaskReport,
  ],
};
