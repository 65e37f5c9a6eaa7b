/**
 * @module Contractors' project staff (承包单位项目部人员, 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条): who each contractor
 * sent to its 项目部 at the mine, how they are employed and qualified. ID numbers are kept as for the
 * mine's people (sealed, masked, keyed digest), so a person who also serves at another mine is
 * found by the checks in shared/compliance.rules.ts.
 */
import type {
  ContractorStaffCreateInput,
  ContractorStaffListQuery,
  ContractorStaffUpdateInput,
} from '../../../shared/registry.schemas.ts';
import { recordAudit } from './registry.audit.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { keysetPage } from '../../platform/pagination.ts';
import * as repo from './contractor-staff.repository.ts';
import { presentStaff } from './contractor-staff.presenter.ts';
import { loadActiveContractorForInput } from './contractor.service.ts';
import { protectIdNumber } from './person.service.ts';
import { checkVersion, definedOnly } from './registry.guards.ts';
import { mineScopeCondition, visibleByMine } from './registry.scope.ts';
import { RegistryPermission } from './registry.permissions.ts';
import { contractorStaff } from './contractor-staff.table.ts';

function loadVisible(db: Db, principal: Principal, id: string) {
  return visibleByMine(db, principal, contractorStaff, id, {
    entity: 'contractor_staff',
    select: repo.selectStaff(db).$dynamic(),
  });
}

async function reload(db: Db, id: string) {
  const row = await repo.findStaff(db, id, undefined);
  if (!row) {
    throw notFound('contractor_staff', id);
  }
  return presentStaff(row);
}

export async function getContractorStaff(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, RegistryPermission.Read);
  return presentStaff(await loadVisible(deps.db, principal, id));
}

export async function createContractorStaff(
  deps: ServiceDeps,
  principal: Principal,
  input: ContractorStaffCreateInput,
) {
  requirePermission(principal, RegistryPermission.ContractorManage);
  return deps.db.transaction(async (tx) => {
    await loadActiveContractorForInput(tx, principal, input.contractorId);
    const at = deps.clock();
    const { idNumber, ...rest } = input;
    const id = await repo.insertStaff(tx, {
      ...rest,
      ...protectIdNumber(deps.secret, idNumber),
      createdAt: at,
      updatedAt: at,
    });
    const after = await reload(tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.contractorStaff.created',
      entityId: id,
      after,
    });
    return after;
  });
}

/** Changes one visible, active staff row in a transaction, audited with before and after. */
async function change(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  type: 'registry.contractorStaff.updated' | 'registry.contractorStaff.archived',
  setOf: (current: repo.StaffJoinedRow, at: Date) => Parameters<typeof repo.updateStaffRow>[2],
) {
  requirePermission(principal, RegistryPermission.ContractorManage);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisible(tx, principal, id);
    if (current.staff.archivedAt) {
      throw new AppError(AppErrorCode.Conflict, '项目部人员已归档');
    }
    const at = deps.clock();
    await repo.updateStaffRow(tx, id, setOf(current, at), at);
    const after = await reload(tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type,
      entityId: id,
      before: presentStaff(current),
      after,
    });
    return after;
  });
}

export function updateContractorStaff(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: ContractorStaffUpdateInput,
) {
  return change(deps, principal, id, 'registry.contractorStaff.updated', (current) => {
    checkVersion('contractor_staff', current.staff.version, input.version);
    const { version: _v, idNumber, ...rest } = input;
    return { ...definedOnly(rest), ...(idNumber ? protectIdNumber(deps.secret, idNumber) : {}) };
  });
}

export function archiveContractorStaff(deps: ServiceDeps, principal: Principal, id: string) {
  return change(deps, principal, id, 'registry.contractorStaff.archived', (_c, at) => ({
    archivedAt: at,
  }));
}

function filterOf(
  principal: Principal,
  q: Omit<ContractorStaffListQuery, 'limit' | 'cursor'>,
): repo.StaffFilter {
  return {
    mineScope: mineScopeCondition(principal.scope),
    regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
    mineId: q.mineId,
    contractorId: q.contractorId,
    includeArchived: q.includeArchived,
  };
}

export async function listContractorStaff(
  deps: ServiceDeps,
  principal: Principal,
  q: ContractorStaffListQuery,
) {
  requirePermission(principal, RegistryPermission.Read);
  const f = filterOf(principal, q);
  return keysetPage(q, {
    rows: (after, limit) => repo.listStaff(deps.db, f, { limit, after }),
    present: (rows) => rows.map(presentStaff),
    total: () => repo.countStaff(deps.db, f),
    key: 'text',
    keyOf: (s) => [s.name, s.id],
  });
}

export async function allContractorStaff(
  deps: ServiceDeps,
  principal: Principal,
  q: Omit<ContractorStaffListQuery, 'limit' | 'cursor'>,
  max: number,
) {
  requirePermission(principal, RegistryPermission.Read);
  return (await repo.listStaff(deps.db, filterOf(principal, q), { limit: max })).map(presentStaff);
}
