/**
 * @module The permissions of access (users and API tokens) and the roles that hold them (within their jurisdiction;
 * scoping is separate). The system admin holds every permission but a gateway's. A regulator admin
 * manages the users of its jurisdiction's organisations (user-admin.service.ts).
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const AccessPermission = {
  UserManage: 'access.user.manage',
  GatewayTokenManage: 'access.gateway_token.manage',
} as const;

/** Which roles hold which of these permissions. */
export const accessGrants: RoleGrants = {
  // Within its jurisdiction: the users of its region's regulator units and registered enterprises.
  regulator_admin: [AccessPermission.UserManage, AccessPermission.GatewayTokenManage],
  enterprise_admin: [AccessPermission.GatewayTokenManage],
};
