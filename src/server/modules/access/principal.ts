/**
 * @module Builds the Principal (who, what they may do, what they may see) for a user or a token.
 */
import type { Permission } from '../../platform/auth/permissions.ts';
import { gatewayPermissions, permissionsByRole } from '../roles.ts';
import {
  subtreePrefix,
  type Credential,
  type Principal,
  type Scope,
} from '../../platform/auth/scope.ts';
import type { UserWithOrg } from './access.repository.ts';

/** The jurisdiction of a user, from its organisation and role. */
export function scopeOf(u: UserWithOrg): Scope {
  const { user, org } = u;
  if (org.kind === 'system') {
    return { kind: 'all' };
  }
  if (org.kind === 'regulator') {
    // A regulator unit without a region is national.
    return org.regionCode
      ? { kind: 'region', regionCode: org.regionCode, prefix: subtreePrefix(org.regionCode) }
      : { kind: 'all' };
  }
  if (user.role === 'mine_duty_officer') {
    return { kind: 'mines', mineIds: user.mineId ? [user.mineId] : [] };
  }
  return org.enterpriseId
    ? { kind: 'enterprise', enterpriseId: org.enterpriseId }
    : { kind: 'mines', mineIds: [] };
}

/**
 * A user acting through a session (the default: services called by trusted code act as signed in) or
 * through one of their API tokens.
 */
export function userPrincipal(
  u: UserWithOrg,
  ip: string | null,
  credential: Credential = { kind: 'session' },
): Principal {
  const role = u.user.role;
  return {
    kind: 'user',
    userId: u.user.id,
    username: u.user.username,
    displayName: u.user.displayName,
    role,
    organisationId: u.org.id,
    organisationName: u.org.name,
    scope: scopeOf(u),
    permissions: new Set<Permission>(permissionsByRole[role] ?? []),
    ip,
    locale: u.user.locale,
    credential,
  };
}

/** A gateway token acts for its issuer but may only ingest, and only for the mines it names. */
export function gatewayPrincipal(
  u: UserWithOrg,
  tokenId: string,
  mineIds: string[],
  ip: string | null,
): Principal {
  return {
    ...userPrincipal(u, ip, { kind: 'token', tokenId }),
    kind: 'gateway',
    scope: { kind: 'mines', mineIds },
    permissions: new Set(gatewayPermissions),
  };
}

/** The actor of CLI commands and the demo seed: a system administrator outside any session. */
export function systemPrincipal(label: string): Principal {
  return {
    kind: 'user',
    userId: '00000000-0000-0000-0000-000000000000',
    username: label,
    displayName: label,
    role: 'system_admin',
    organisationId: '00000000-0000-0000-0000-000000000000',
    organisationName: 'system',
    scope: { kind: 'all' },
    permissions: new Set(permissionsByRole.system_admin),
    ip: null,
    locale: 'zh-CN',
    credential: { kind: 'system' },
  };
}

/**
 * An ingest-only principal for the named mines that no token stands behind: messages from an external
 * MQTT broker (its ACLs decide who may publish) and the demo's in-process simulated feed.
 */
export function systemGatewayPrincipal(label: string, mineIds: string[]): Principal {
  return {
    ...systemPrincipal(label),
    kind: 'gateway',
    scope: { kind: 'mines', mineIds: [...new Set(mineIds)] },
    permissions: new Set(gatewayPermissions),
  };
}
