/**
 * @module The permissions of access (users and API tokens) and the roles that hold them (within their jurisdiction;
 * scoping is separate). The system admin holds every permission but a gateway's.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const AccessPermission = {
  UserManage: 'access.user.manage',
  GatewayTokenManage: 'access.gateway_token.manage',
} as const;

/** Which roles hold which of these permissions. */
export const accessGrants: RoleGrants = {
  regulator_admin: [AccessPermission.GatewayTokenManage],
  enterprise_admin: [AccessPermission.GatewayTokenManage],
};
