/**
 * @module Roles, the shape of permissions and the platform's own permissions. Each module declares its
 * permissions and which roles hold them (`<module>.permissions.ts`); `modules/roles.ts` joins them into
 * the role table. Each route and each use case names the permission it needs; nothing is granted by
 * default.
 */
import { roleOrganisationKind } from '../../../shared/access.enums.ts';

export const Role = {
  RegulatorViewer: 'regulator_viewer',
  Inspector: 'inspector',
  RegulatorAdmin: 'regulator_admin',
  EnterpriseAdmin: 'enterprise_admin',
  SafetyOfficer: 'safety_officer',
  MineDutyOfficer: 'mine_duty_officer',
  SystemAdmin: 'system_admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles = Object.values(Role) as [Role, ...Role[]];

/** A permission: `<module>.<what>` (e.g. `hazards.read`). */
export type Permission = `${string}.${string}`;

/** Which roles hold which of a module's permissions (the system admin is not listed: it holds all). */
export type RoleGrants = Partial<Record<Exclude<Role, 'system_admin'>, readonly Permission[]>>;

/** The permissions of the platform itself: the audit trail and the rule parameters. */
export const PlatformPermission = {
  AuditRead: 'audit.read',
  SettingsRead: 'settings.read',
  SettingsManage: 'settings.manage',
} as const;

/**
 * Every role that reads anything may read the change history of what it can see. The rule parameters
 * are for regulators only: among them are the thresholds of the leads (逐因素分析比对) and the risk model,
 * which a mine that knew them could stay just under (issue 21 §9).
 */
export const platformGrants: RoleGrants = {
  regulator_viewer: [PlatformPermission.AuditRead, PlatformPermission.SettingsRead],
  inspector: [PlatformPermission.AuditRead, PlatformPermission.SettingsRead],
  regulator_admin: [PlatformPermission.AuditRead, PlatformPermission.SettingsRead],
  enterprise_admin: [PlatformPermission.AuditRead],
  safety_officer: [PlatformPermission.AuditRead],
};

/** Which organisation kinds a role belongs to (shared with the web's user form). */
export const organisationKindByRole: Record<Role, 'regulator' | 'enterprise' | 'system'> =
  roleOrganisationKind;
