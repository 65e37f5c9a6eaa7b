/**
 * @module Contractors (承包单位) engaged at a mine: scope of work and contract dates.
 */
import type {
  ContractorCreateInput,
  ContractorListQuery,
  ContractorUpdateInput,
} from '../../../shared/registry.schemas.ts';
import { recordAudit } from './registry.audit.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound, checkDateWindows } from '../../platform/errors.ts';
import { keysetPage } from '../../platform/pagination.ts';
import * as repo from './contractor.repository.ts';
import { presentContractor } from './contractor.presenter.ts';
import { loadMineForInput } from './mine.service.ts';
import { checkVersion, definedOnly } from './registry.guards.ts';
import { mineScopeCondition, visibleByMine } from './registry.scope.ts';
import { RegistryPermission } from './registry.permissions.ts';
import { contractors } from './contractor.table.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { todayIn } from '../../../shared/dates.ts';

function loadVisible(db: Db, principal: Principal, id: string) {
  return visibleByMine(db, principal, contractors, id, {
    entity: 'contractor',
    select: repo.selectContractors(db).$dynamic(),
  });
}

/**
 * An active (unarchived) contractor named in a request body within the caller's jurisdiction, or a 400
 * on `contractorId` (a 项目部 member is registered under it).
 */
export function loadActiveContractorForInput(db: Db, principal: Principal, id: string) {
  return visibleByMine(db, principal, contractors, id, {
    entity: 'contractor',
    select: repo.selectContractors(db).$dynamic(),
    where: repo.isActiveContractor,
    field: { path: 'contractorId', message: '承包单位不存在、已归档或不在管辖范围内' },
  });
}

async function reload(db: Db, id: string) {
  const row = await repo.findContractor(db, id, undefined);
  if (!row) {
    throw notFound('contractor', id);
  }
  return presentContractor(row);
}

export async function getContractor(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, RegistryPermission.Read);
  return presentContractor(await loadVisible(deps.db, principal, id));
}

export async function createContractor(
  deps: ServiceDeps,
  principal: Principal,
  input: ContractorCreateInput,
) {
  requirePermission(principal, RegistryPermission.ContractorManage);
  checkDateWindows(todayIn(deps.clock), {
    startsOn: [input.startsOn, DateWindows.planned],
    endsOn: [input.endsOn, DateWindows.planned],
  });
  return deps.db.transaction(async (tx) => {
    await loadMineForInput(tx, principal, input.mineId);
    const at = deps.clock();
    const id = await repo.insertContractor(tx, { ...input, createdAt: at, updatedAt: at });
    const after = await reload(tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.contractor.created',
      entityId: id,
      after,
    });
    return after;
  });
}

export async function updateContractor(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: ContractorUpdateInput,
) {
  requirePermission(principal, RegistryPermission.ContractorManage);
  checkDateWindows(todayIn(deps.clock), {
    startsOn: [input.startsOn, DateWindows.planned],
    endsOn: [input.endsOn, DateWindows.planned],
  });
  return deps.db.transaction(async (tx) => {
    const current = await loadVisible(tx, principal, id);
    checkVersion('contractor', current.contractor.version, input.version);
    const { version: _v, ...changes } = input;
    const startsOn = changes.startsOn ?? current.contractor.startsOn;
    const endsOn = changes.endsOn === undefined ? current.contractor.endsOn : changes.endsOn;
    if (endsOn && endsOn < startsOn) {
      throw new AppError(AppErrorCode.ValidationFailed, 'endsOn: 结束日期不能早于开始日期', [
        { path: 'endsOn', message: '结束日期不能早于开始日期', value: endsOn },
      ]);
    }
    const at = deps.clock();
    await repo.updateContractorRow(tx, id, definedOnly(changes), at);
    const after = await reload(tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.contractor.updated',
      entityId: id,
      before: presentContractor(current),
      after,
    });
    return after;
  });
}

export async function archiveContractor(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, RegistryPermission.ContractorManage);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisible(tx, principal, id);
    if (current.contractor.archivedAt) {
      throw new AppError(AppErrorCode.Conflict, '承包单位已归档');
    }
    const at = deps.clock();
    await repo.updateContractorRow(tx, id, { archivedAt: at }, at);
    const after = await reload(tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.contractor.archived',
      entityId: id,
      before: presentContractor(current),
      after,
    });
    return after;
  });
}

function filterOf(
  principal: Principal,
  q: Omit<ContractorListQuery, 'limit' | 'cursor'>,
): repo.ContractorFilter {
  return {
    mineScope: mineScopeCondition(principal.scope),
    regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
    mineId: q.mineId,
    includeArchived: q.includeArchived,
  };
}

export async function listContractors(
  deps: ServiceDeps,
  principal: Principal,
  q: ContractorListQuery,
) {
  requirePermission(principal, RegistryPermission.Read);
  const f = filterOf(principal, q);
  return keysetPage(q, {
    rows: (after, limit) => repo.listContractors(deps.db, f, { limit, after }),
    present: (rows) => rows.map(presentContractor),
    total: () => repo.countContractors(deps.db, f),
    key: 'text',
    keyOf: (c) => [c.name, c.id],
  });
}

export async function allContractors(
  deps: ServiceDeps,
  principal: Principal,
  q: Omit<ContractorListQuery, 'limit' | 'cursor'>,
  max: number,
) {
  requirePermission(principal, RegistryPermission.Read);
  return (await repo.listContractors(deps.db, filterOf(principal, q), { limit: max })).map(
    presentContractor,
  );
}
