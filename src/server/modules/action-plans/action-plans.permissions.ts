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
} as const;

/** Which roles hold which of these permissions. */
export const actionPlansGrants: RoleGrants = {
  regulator_viewer: [ActionPlanPermission.Read],
  inspector: [ActionPlanPermission.Read, ActionPlanPermission.Progress],
  regulator_admin: [
    ActionPlanPermission.Read,
    ActionPlanPermission.Manage,
    ActionPlanPermission.Progress,
  ],
};
