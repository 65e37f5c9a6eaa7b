/**
 * @module Enterprise use cases: register, edit, archive, read and list within the caller's jurisdiction.
 */
import type {
  EnterpriseCreateInput,
  EnterpriseListQuery,
  EnterpriseResponse,
  EnterpriseUpdateInput,
} from '../../../shared/registry.schemas.ts';
import { recordAudit } from './registry.audit.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { keysetPage } from '../../platform/pagination.ts';
import type { Db } from '../../platform/db/client.ts';
import * as repo from './enterprise.repository.ts';
import { presentEnterprise } from './enterprise.presenter.ts';
import { assertRegionUsable, checkVersion, definedOnly } from './registry.guards.ts';
import { enterpriseScopeCondition, visibleEnterprise } from './registry.scope.ts';
import { RegistryPermission } from './registry.permissions.ts';

/** An enterprise the caller may see, or 404 (existence outside the jurisdiction is not revealed). */
export function loadVisibleEnterprise(db: Db, principal: Principal, id: string) {
  return visibleEnterprise(principal, id, {
    entity: 'enterprise',
    select: repo.selectEnterprises(db).$dynamic(),
  });
}

/**
 * The registered parent company (上级公司) of an enterprise, or null when it has none: for other
 * modules' checks on an enterprise the caller already reached through a visible mine.
 */
export async function parentCompanyOf(db: Db, enterpriseId: string): Promise<string | null> {
  return (await repo.parentCompanyOf(db, enterpriseId)) || null;
}

async function reload(db: Db, id: string) {
  const row = await repo.findEnterprise(db, id, undefined);
  if (!row) {
    throw notFound('enterprise', id);
  }
  return row;
}

export async function getEnterprise(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<EnterpriseResponse> {
  requirePermission(principal, RegistryPermission.Read);
  return presentEnterprise(await loadVisibleEnterprise(deps.db, principal, id));
}

/** Registers an enterprise; the credit code must be new and the region inside the jurisdiction. */
export async function createEnterprise(
  deps: ServiceDeps,
  principal: Principal,
  input: EnterpriseCreateInput,
): Promise<EnterpriseResponse> {
  requirePermission(principal, RegistryPermission.EnterpriseWrite);
  return deps.db.transaction(async (tx) => {
    await assertRegionUsable(tx, principal, input.regionCode, 'regionCode');
    if (await repo.findEnterpriseByCreditCode(tx, input.creditCode)) {
      throw new AppError(AppErrorCode.Conflict, `统一社会信用代码 ${input.creditCode} 已登记`, [
        { path: 'creditCode', message: '该统一社会信用代码已登记', value: input.creditCode },
      ]);
    }
    const at = deps.clock();
    const id = await repo.insertEnterprise(tx, { ...input, createdAt: at, updatedAt: at });
    const after = presentEnterprise(await reload(tx, id));
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.enterprise.created',
      entityId: id,
      after,
    });
    return after;
  });
}

export async function updateEnterprise(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: EnterpriseUpdateInput,
): Promise<EnterpriseResponse> {
  requirePermission(principal, RegistryPermission.EnterpriseWrite);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleEnterprise(tx, principal, id);
    checkVersion('enterprise', current.version, input.version);
    const { version: _v, ...changes } = input;
    if (changes.regionCode) {
      await assertRegionUsable(tx, principal, changes.regionCode, 'regionCode');
    }
    const at = deps.clock();
    await repo.updateEnterpriseRow(tx, id, definedOnly(changes), at);
    const after = presentEnterprise(await reload(tx, id));
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.enterprise.updated',
      entityId: id,
      before: presentEnterprise(current),
      after,
    });
    return after;
  });
}

/** Archives an enterprise that has no active mines left. */
export async function archiveEnterprise(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<EnterpriseResponse> {
  requirePermission(principal, RegistryPermission.EnterpriseWrite);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleEnterprise(tx, principal, id);
    const active = await repo.countActiveMines(tx, id);
    if (active > 0) {
      throw new AppError(AppErrorCode.Conflict, `企业仍有 ${active} 座在册矿山, 不能归档`, [
        { path: 'id', message: '请先归档或转移其矿山' },
      ]);
    }
    const at = deps.clock();
    await repo.updateEnterpriseRow(tx, id, { archivedAt: at }, at);
    const after = presentEnterprise(await reload(tx, id));
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.enterprise.archived',
      entityId: id,
      before: presentEnterprise(current),
      after,
    });
    return after;
  });
}

function filterOf(
  principal: Principal,
  q: Omit<EnterpriseListQuery, 'limit' | 'cursor'>,
): repo.EnterpriseFilter {
  return {
    scope: enterpriseScopeCondition(principal.scope),
    regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
    q: q.q,
    includeArchived: q.includeArchived,
  };
}

export async function listEnterprises(
  deps: ServiceDeps,
  principal: Principal,
  q: EnterpriseListQuery,
) {
  requirePermission(principal, RegistryPermission.Read);
  const f = filterOf(principal, q);
  return keysetPage(q, {
    rows: (after, limit) => repo.listEnterprises(deps.db, f, { limit, after }),
    present: (rows) => rows.map(presentEnterprise),
    total: () => repo.countEnterprises(deps.db, f),
    key: 'text',
    keyOf: (e) => [e.name, e.id],
  });
}

/** Every matching enterprise, for export (capped by the export limit). */
export async function allEnterprises(
  deps: ServiceDeps,
  principal: Principal,
  q: Omit<EnterpriseListQuery, 'limit' | 'cursor'>,
  max: number,
) {
  requirePermission(principal, RegistryPermission.Read);
  const rows = await repo.listEnterprises(deps.db, filterOf(principal, q), { limit: max });
  return rows.map(presentEnterprise);
}
