/**
 * @module Access use cases: organisations, users, password login with sessions, API tokens.
 */
import { HOUR_MS } from '../../../shared/dates.ts';
import type {
  OrganisationCreateInput,
  TokenCreateInput,
  UserCreateInput,
} from '../../../shared/access.schemas.ts';
import { recordAudit } from './access.audit.ts';
import { checkPassword, hashPassword, passwordProblem } from '../../platform/auth/password.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import * as repo from './access.repository.ts';
import { presentOrganisation, presentToken, presentUser } from './access.presenter.ts';
import { gatewayPrincipal, userPrincipal } from './principal.ts';
import { regionExists } from '../registry/region.service.ts';
import { loadMineForInput, mineNamesById } from '../registry/mine.service.ts';
import { checkRoleFits, organisationForInput } from './user-admin.service.ts';
import { AccessPermission } from './access.permissions.ts';
import { beginLogin, loginSucceeded } from './login.throttle.ts';

/** How long a login session lasts. */
export const SESSION_TTL_MS = 12 * HOUR_MS;
/** A token's last use is recorded to the minute: one write a minute, not one a request. */
export const TOKEN_USE_RESOLUTION_MS = 60_000;
/** Prefix of API tokens, so leaked ones are recognisable. */
export const TOKEN_PREFIX = 'mw_';

export async function createOrganisation(
  deps: ServiceDeps,
  principal: Principal,
  input: OrganisationCreateInput,
) {
  requirePermission(principal, AccessPermission.UserManage);
  if (
    input.kind === 'regulator' &&
    input.regionCode &&
    !(await regionExists(deps.db, input.regionCode))
  ) {
    throw invalidField('regionCode', `未知的行政区划代码 ${input.regionCode}`, input.regionCode);
  }
  if (input.kind === 'enterprise' && !input.enterpriseId) {
    throw invalidField('enterpriseId', '企业组织须关联企业');
  }
  return presentOrganisation(
    await repo.insertOrganisation(deps.db, { ...input, createdAt: deps.clock() }),
  );
}

/**
 * Creates a user in an organisation within the caller's jurisdiction; the role must fit the
 * organisation's kind and a duty officer needs a mine of it.
 */
export async function createUser(deps: ServiceDeps, principal: Principal, input: UserCreateInput) {
  requirePermission(principal, AccessPermission.UserManage);
  const problem = passwordProblem(input.password);
  if (problem) {
    throw invalidField('password', problem);
  }
  const org = await organisationForInput(deps.db, principal, input.organisationId);
  await checkRoleFits(deps.db, input.role, org, input.mineId ?? null);
  if (await repo.findUserWithOrg(deps.db, { username: input.username })) {
    throw new AppError(AppErrorCode.Conflict, `用户名 ${input.username} 已存在`, [
      { path: 'username', message: '用户名已存在' },
    ]);
  }
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const { password: _p, ...rest } = input;
    const user = await repo.insertUser(tx, { ...rest, passwordHash, createdAt: at });
    const after = presentUser(user);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'access.user.created',
      entityId: user.id,
      after,
    });
    return after;
  });
}

/**
 * Users' display names by id, for showing who did something (the audit history): a name is no secret
 * within a record the caller may already see, and ids that are no user (the system) are left out.
 */
export async function displayNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await repo.displayNamesOf(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/**
 * Checks a password and opens a session. Failures are throttled per client address and back off per
 * name (login.throttle.ts); an unknown or disabled name is checked against a hash all the same, so the
 * time taken does not tell names apart.
 */
export async function login(
  deps: ServiceDeps,
  input: { username: string; password: string },
  ip: string | null,
): Promise<{ sessionToken: string; principal: Principal }> {
  const attempt = await beginLogin(deps, input.username, ip);
  const u = await repo.findUserWithOrg(deps.db, { username: input.username });
  const matches = await checkPassword(input.password, u?.user.passwordHash);
  if (!u || u.user.disabledAt || !matches) {
    throw new AppError(AppErrorCode.Unauthenticated, '用户名或密码错误');
  }
  await loginSucceeded(deps, attempt);
  const sessionToken = randomToken();
  const at = deps.clock();
  await repo.insertSession(deps.db, {
    tokenHash: sha256Hex(sessionToken),
    userId: u.user.id,
    createdAt: at,
    expiresAt: new Date(at.getTime() + SESSION_TTL_MS),
  });
  return { sessionToken, principal: userPrincipal(u, ip) };
}

/** The session purge job: expired sessions can never be used again, so their rows go. */
export function purgeExpiredSessions(deps: ServiceDeps): Promise<number> {
  return repo.deleteSessionsExpiredBefore(deps.db, deps.clock());
}

export async function logout(deps: ServiceDeps, sessionToken: string) {
  await repo.deleteSession(deps.db, sha256Hex(sessionToken));
}

/** The principal of a live session cookie, or null. */
export async function principalFromSession(
  deps: ServiceDeps,
  sessionToken: string,
  ip: string | null,
) {
  const s = await repo.findLiveSession(deps.db, sha256Hex(sessionToken), deps.clock());
  if (!s) {
    return null;
  }
  const u = await repo.findUserWithOrg(deps.db, { id: s.userId });
  return u && !u.user.disabledAt ? userPrincipal(u, ip) : null;
}

/** The principal of a bearer API token, or null. */
export async function principalFromToken(deps: ServiceDeps, token: string, ip: string | null) {
  const t = await repo.findLiveToken(deps.db, sha256Hex(token));
  if (!t || (t.expiresAt && t.expiresAt <= deps.clock())) {
    return null;
  }
  const u = await repo.findUserWithOrg(deps.db, { id: t.userId });
  if (!u || u.user.disabledAt) {
    return null;
  }
  await repo.touchToken(deps.db, t.id, deps.clock(), TOKEN_USE_RESOLUTION_MS);
  return t.kind === 'gateway'
    ? gatewayPrincipal(u, t.id, t.mineIds, ip)
    : userPrincipal(u, ip, { kind: 'token', tokenId: t.id });
}

/**
 * Issues a token; a gateway token may name only mines the issuer can see. The secret is shown once.
 * Only a signed-in session (or the system) may issue one: a token that minted tokens would leave
 * children working after it is revoked, so tokens never issue tokens, and the audit event records the
 * credential the token was issued from (its lineage).
 */
export async function createToken(
  deps: ServiceDeps,
  principal: Principal,
  input: TokenCreateInput,
) {
  if (principal.kind !== 'user' || principal.credential.kind === 'token') {
    throw new AppError(AppErrorCode.Forbidden, 'API 令牌不能签发令牌, 请登录后签发', [
      { path: 'authorization', message: '只能在登录会话中签发令牌' },
    ]);
  }
  if (input.kind === 'gateway') {
    requirePermission(principal, AccessPermission.GatewayTokenManage);
    if (!input.mineIds?.length) {
      throw invalidField('mineIds', '网关令牌须指定矿山');
    }
    for (const [i, id] of input.mineIds.entries()) {
      await loadMineForInput(deps.db, principal, id, `mineIds.${i}`);
    }
  } else if (input.mineIds) {
    throw invalidField('mineIds', '只有网关令牌可以指定矿山');
  }
  const token = randomToken(TOKEN_PREFIX);
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const row = await repo.insertToken(tx, {
      name: input.name,
      kind: input.kind,
      tokenHash: sha256Hex(token),
      userId: principal.userId,
      mineIds: input.mineIds ?? [],
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      createdAt: at,
    });
    const after = presentToken(row);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'access.token.created',
      entityId: row.id,
      after: { ...after, issuedVia: principal.credential.kind },
    });
    return { ...after, token };
  });
}

/** The caller's tokens, with the names of their mines. */
export async function listTokens(deps: ServiceDeps, principal: Principal) {
  const rows = await repo.tokensOf(deps.db, principal.userId);
  const names = await mineNamesById(
    deps.db,
    rows.flatMap((t) => t.mineIds),
  );
  return rows.map((t) => ({
    ...presentToken(t),
    mineNames: t.mineIds.flatMap((id) => names.get(id) ?? []),
  }));
}

export async function revokeToken(deps: ServiceDeps, principal: Principal, id: string) {
  const t = await repo.findToken(deps.db, id);
  if (!t || t.userId !== principal.userId) {
    throw notFound('api_token', id);
  }
  if (t.revokedAt) {
    throw new AppError(AppErrorCode.Conflict, '令牌已撤销');
  }
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    await repo.revokeTokenRow(tx, id, at);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'access.token.revoked',
      entityId: id,
      before: presentToken(t),
    });
    return { ...presentToken(t), revoked: true };
  });
}

/** Remembers the caller's interface language (zh-CN by default). */
export async function setLocale(
  deps: ServiceDeps,
  principal: Principal,
  locale: 'zh-CN' | 'en-US',
) {
  if (principal.kind !== 'user') {
    throw new AppError(AppErrorCode.Forbidden, '令牌不能修改用户偏好');
  }
  await repo.updateUserLocale(deps.db, principal.userId, locale);
  return { ...principal, locale };
}
