/**
 * @module Administrative penalties (issue 7 §3). 一案双罚 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条,
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第23条): an enterprise's violation is penalised on the enterprise and on
 * its principal person, one row each; the list shows cases where only one of the two was
 * penalised. Payment and revocation are recorded with the penalty's version so that two clerks do
 * not overwrite each other.
 */
import { PenaltyStatus } from '../../../../shared/inspections.enums.ts';
import type {
  PenaltyInput,
  PenaltyListQuery,
  PenaltyUpdateInput,
} from '../../../../shared/inspections.schemas.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import {
  AppError,
  AppErrorCode,
  invalidField,
  checkDateWindows,
} from '../../../platform/errors.ts';
import { checkVersion } from '../../registry/registry.guards.ts';
import { mineScopeCondition, visibleByMine } from '../../registry/registry.scope.ts';
import { recordAudit } from '../inspections.audit.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { loadVisibleInspection } from '../records/inspection.access.ts';
import { presentPenalty } from './penalty.presenter.ts';
import * as repo from './penalty.repository.ts';
import { penalties } from './penalty.table.ts';
import { DateWindows } from '../../../../shared/date-windows.ts';
import { todayIn } from '../../../../shared/dates.ts';

/** Penalties listed at most (narrow by dates or region for more). */
const listMax = 500;

/** A penalty the caller may see, as the API shows it, or 404. */
async function loadVisiblePenalty(db: Db, principal: Principal, id: string) {
  return presentPenalty(
    await visibleByMine(db, principal, penalties, id, {
      entity: 'penalty',
      select: repo.selectPenalties(db),
    }),
  );
}

/** A penalty the caller may see. */
export async function getPenalty(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, InspectionPermission.Read);
  return loadVisiblePenalty(deps.db, principal, id);
}

/** Decides a penalty on one party of a visible inspection (待缴纳). */
export async function decidePenalty(deps: ServiceDeps, principal: Principal, input: PenaltyInput) {
  requirePermission(principal, InspectionPermission.PenaltyDecide);
  return deps.db.transaction(async (tx) => {
    const found = await loadVisibleInspection(tx, principal, input.inspectionId, 'inspectionId');
    if (input.decidedOn < found.inspection.inspectedOn) {
      throw invalidField('decidedOn', '处罚决定日期不能早于检查日期', input.decidedOn);
    }
    checkDateWindows(todayIn(deps.clock), { decidedOn: [input.decidedOn, DateWindows.happened] });
    const at = deps.clock();
    const id = await repo.insertPenalty(tx, {
      ...input,
      mineId: found.inspection.mineId,
      status: PenaltyStatus.Decided,
      createdBy: principal.userId,
      createdAt: at,
      updatedAt: at,
    });
    const after = await loadVisiblePenalty(tx, principal, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.penalty.decided',
      entityId: after.id,
      after,
    });
    return after;
  });
}

/** 待缴纳 → 已缴纳 (with the date and amount paid) or → 已撤销; a closed penalty does not move again. */
export async function updatePenalty(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: PenaltyUpdateInput,
) {
  requirePermission(principal, InspectionPermission.PenaltyDecide);
  return deps.db.transaction(async (tx) => {
    const before = await loadVisiblePenalty(tx, principal, id);
    checkVersion('penalty', before.version, input.version);
    if (before.status !== PenaltyStatus.Decided) {
      throw new AppError(AppErrorCode.Conflict, `处罚已${before.status}，不能再变更`);
    }
    if (input.status === PenaltyStatus.Decided) {
      throw invalidField('status', '只能改为 已缴纳 或 已撤销', input.status);
    }
    const paid = input.status === PenaltyStatus.Paid;
    if (paid && !input.paidOn) {
      throw invalidField('paidOn', '已缴纳须填写缴纳日期');
    }
    if (paid && input.paidOn && input.paidOn < before.decidedOn) {
      throw invalidField('paidOn', '缴纳日期不能早于处罚决定日期', input.paidOn);
    }
    checkDateWindows(todayIn(deps.clock), { paidOn: [input.paidOn, DateWindows.happened] });
    const at = deps.clock();
    await repo.updatePenaltyRow(tx, id, {
      status: input.status,
      paidOn: paid ? (input.paidOn ?? null) : null,
      paidAmountYuan: paid ? (input.paidAmountYuan ?? before.amountYuan) : null,
      updatedAt: at,
    });
    const after = await loadVisiblePenalty(tx, principal, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.penalty.updated',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, paidOn: after.paidOn, paidAmountYuan: after.paidAmountYuan },
    });
    return after;
  });
}

/** Penalties in the caller's jurisdiction, the latest decided first (at most 500, or `max`). */
export async function listPenalties(
  deps: ServiceDeps,
  principal: Principal,
  q: PenaltyListQuery,
  max = listMax,
) {
  requirePermission(principal, InspectionPermission.Read);
  const rows = await repo.listPenalties(
    deps.db,
    { ...q, mineScope: mineScopeCondition(principal.scope) },
    max + 1,
  );
  return { truncated: rows.length > max, items: rows.slice(0, max).map(presentPenalty) };
}
