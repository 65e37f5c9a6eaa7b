/**
 * @module Row → API shape for access: the signed-in principal, organisations, users and API tokens
 * (never a password hash or a token's hash).
 */
import type { z } from 'zod';
import type {
  MeResponse,
  OrganisationResponse,
  TokenResponse,
  UserResponse,
} from '../../../shared/access.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { apiTokens, organisations, users } from './access.table.ts';

/** The signed-in caller: role, permissions, jurisdiction and language. */
export function presentMe(p: Principal): MeResponse {
  const s = p.scope;
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    organisationId: p.organisationId,
    organisationName: p.organisationName,
    locale: p.locale,
    permissions: [...p.permissions].sort(),
    scope:
      s.kind === 'region'
        ? { kind: 'region', regionCode: s.regionCode }
        : s.kind === 'enterprise'
          ? { kind: 'enterprise', enterpriseId: s.enterpriseId }
          : s.kind === 'mines'
            ? { kind: 'mines', mineIds: [...s.mineIds] }
            : { kind: 'all' },
  };
}

/** An organisation: a regulator unit of a region, an enterprise's own, or the system's. */
export function presentOrganisation(
  o: typeof organisations.$inferSelect,
): z.infer<typeof OrganisationResponse> {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    regionCode: o.regionCode,
    enterpriseId: o.enterpriseId,
    createdAt: o.createdAt.toISOString(),
  };
}

/** A user account, without its password hash. */
export function presentUser(u: typeof users.$inferSelect): z.infer<typeof UserResponse> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    organisationId: u.organisationId,
    mineId: u.mineId,
    email: u.email,
    phone: u.phone,
    disabled: u.disabledAt !== null,
  };
}

/** An API token, without its hash (the secret itself is shown once, by createToken). */
export function presentToken(t: typeof apiTokens.$inferSelect): z.infer<typeof TokenResponse> {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    mineIds: t.mineIds,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revoked: t.revokedAt !== null,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}
