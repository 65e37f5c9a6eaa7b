/**
 * @module Administration of users in the browser: the organisations and users within the caller's
 * jurisdiction, changing a user's name, role, organisation or mine, disabling and enabling an account,
 * and resetting its password. A regulator admin manages the users of the regulator units of its region
 * subtree and of the enterprises registered there; anyone else's user is a 404.
 */
import { randomInt } from 'node:crypto';
import { organisationKinds, roleNames, type UserRole } from '../../../shared/access.enums.ts';
import type { UserUpdateInput } from '../../../shared/access.schemas.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { organisationKindByRole } from '../../platform/auth/permissions.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { isMineOfEnterprise, mineNamesById } from '../registry/mine.service.ts';
import { recordAudit } from './access.audit.ts';
import { AccessPermission } from './access.permissions.ts';
import { presentOrganisation, presentUser } from './access.presenter.ts';
import * as repo from './access.repository.ts';

const kindNames: Record<(typeof organisationKinds)[number], string> = {
  regulator: '监管部门',
  enterprise: '企业',
  system: '系统',
};

/** An organisation within the caller's jurisdiction, or a 400 on the field (outside reads as unknown). */
export async function organisationForInput(db: Db, principal: Principal, id: string) {
  const org = await repo.findOrganisationIn(
    db,
    id,
    repo.organisationScopeCondition(principal.scope),
  );
  if (!org) {
    throw invalidField('organisationId', '组织不存在或不在管辖范围内', id);
  }
  return org;
}

/**
 * The role must fit the organisation's kind, and a duty officer (and only one) names a mine of the
 * organisation's enterprise.
 */
export async function checkRoleFits(
  db: Db,
  role: UserRole,
  org: { kind: (typeof organisationKinds)[number]; enterpriseId: string | null },
  mineId: string | null,
) {
  if (organisationKindByRole[role] !== org.kind) {
    throw invalidField('role', `${roleNames[role]}不能属于${kindNames[org.kind]}组织`, role);
  }
  if ((role === 'mine_duty_officer') !== (mineId !== null)) {
    throw invalidField('mineId', '矿山值班员必须且只有值班员须指定矿山');
  }
  if (mineId && !(await isMineOfEnterprise(db, org.enterpriseId ?? '', mineId))) {
    throw invalidField('mineId', '矿山不属于该企业', mineId);
  }
}

/** The organisations whose users the caller may manage. */
export async function listOrganisations(deps: ServiceDeps, principal: Principal) {
  requirePermission(principal, AccessPermission.UserManage);
  const rows = await repo.listOrganisations(
    deps.db,
    repo.organisationScopeCondition(principal.scope),
  );
  return rows.map(presentOrganisation);
}

/** The users of those organisations, with their organisation's and mine's names. */
export async function listUsers(deps: ServiceDeps, principal: Principal) {
  requirePermission(principal, AccessPermission.UserManage);
  const rows = await repo.listUsers(deps.db, repo.organisationScopeCondition(principal.scope));
  const mines = await mineNamesById(
    deps.db,
    rows.flatMap((r) => (r.user.mineId ? [r.user.mineId] : [])),
  );
  return rows.map((r) => ({
    ...presentUser(r.user),
    organisationName: r.orgName,
    organisationKind: r.orgKind,
    mineName: r.user.mineId ? (mines.get(r.user.mineId) ?? null) : null,
    createdAt: r.user.createdAt.toISOString(),
  }));
}

/** A user the caller may manage, or 404. */
export async function managedUser(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, AccessPermission.UserManage);
  const row = await repo.findUserInOrganisations(
    deps.db,
    id,
    repo.organisationScopeCondition(principal.scope),
  );
  if (!row) {
    throw notFound('user', id);
  }
  return row;
}

/** An admin does not lock themselves out or change their own powers. */
function notSelf(principal: Principal, id: string, message: string) {
  if (principal.userId === id) {
    throw new AppError(AppErrorCode.Conflict, message, [{ path: 'id', message }]);
  }
}

/** Changes a user's name, role, organisation, mine or e-mail; the result must fit together. */
export async function updateUser(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: UserUpdateInput,
) {
  const { user, org } = await managedUser(deps, principal, id);
  if (input.role !== undefined || input.organisationId !== undefined) {
    if ((input.role ?? user.role) !== user.role || (input.organisationId ?? org.id) !== org.id) {
      notSelf(principal, id, '不能修改自己的角色或组织');
    }
  }
  const nextOrg =
    input.organisationId && input.organisationId !== org.id
      ? await organisationForInput(deps.db, principal, input.organisationId)
      : org;
  const role = input.role ?? user.role;
  // Leaving the duty officer's role drops the mine unless the request names one.
  const mineId =
    input.mineId !== undefined ? input.mineId : role === 'mine_duty_officer' ? user.mineId : null;
  await checkRoleFits(deps.db, role, nextOrg, mineId);
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const row = await repo.updateUser(tx, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      role,
      organisationId: nextOrg.id,
      mineId,
    });
    const after = presentUser(row);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'access.user.updated',
      entityId: id,
      before: presentUser(user),
      after,
    });
    return after;
  });
}

/** Disables an account (its sessions end; its tokens stop working) or enables it again. */
export async function setUserDisabled(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  disabled: boolean,
) {
  const { user } = await managedUser(deps, principal, id);
  notSelf(principal, id, '不能停用或启用自己的账号');
  if ((user.disabledAt !== null) === disabled) {
    throw new AppError(AppErrorCode.Conflict, disabled ? '账号已停用' : '账号未停用');
  }
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const row = await repo.updateUser(tx, id, { disabledAt: disabled ? at : null });
    if (disabled) {
      await repo.deleteSessionsOf(tx, id);
    }
    const after = presentUser(row);
    await recordAudit(tx, actorOf(principal), at, {
      type: disabled ? 'access.user.disabled' : 'access.user.enabled',
      entityId: id,
      before: presentUser(user),
      after,
    });
    return after;
  });
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ';
const PASSWORD_DIGITS = '23456789';

/** A temporary password: 12 characters, letters and digits (passwordProblem accepts it). */
export function temporaryPassword(): string {
  const pick = (from: string) => from[randomInt(from.length)] ?? 'x';
  const chars = Array.from({ length: 12 }, (_, i) =>
    i % 4 === 3 ? pick(PASSWORD_DIGITS) : pick(PASSWORD_ALPHABET),
  );
  return chars.join('');
}

/** Sets a new temporary password (answered once, never stored or audited) and ends the user's sessions. */
export async function resetPassword(deps: ServiceDeps, principal: Principal, id: string) {
  const { user } = await managedUser(deps, principal, id);
  notSelf(principal, id, '请在个人设置中修改自己的密码');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    await repo.updateUser(tx, id, { passwordHash });
    await repo.deleteSessionsOf(tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'access.user.password_reset',
      entityId: id,
    });
    return { user: presentUser(user), temporaryPassword: password };
  });
}
