/**
 * @module 三个一批 (issue 25 §5; 《2024年矿山安全生产工作要点》第4条: 推动地方政府列出清单、明确时限要求,
 * 分类处置不具备安全生产条件的矿山; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第10–12条; 原平第12–13条): a
 * regulator puts a mine of its jurisdiction on one list (关闭取缔, 整合重组 or 升级改造) with a deadline and
 * records its progress until a step completes it; open entries past their deadline are findings.
 */
import { DateWindows } from '../../../shared/date-windows.ts';
import { todayIn } from '../../../shared/dates.ts';
import {
  DisposalState,
  type DisposalInput,
  type DisposalStepInput,
} from '../../../shared/admission.ts';
import type { DisposalListQuery } from '../../../shared/admission.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, checkDateWindows, invalidField } from '../../platform/errors.ts';
import { loadMineForInput } from '../registry/mine.service.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import { recordAudit } from './admission.audit.ts';
import { AdmissionPermission } from './admission.permissions.ts';
import { presentDisposal } from './admission.presenter.ts';
import * as repo from './admission.repository.ts';
import { disposals } from './admission.table.ts';

function loadVisibleDisposal(db: Db, principal: Principal, id: string, lock = false) {
  return visibleByMine(db, principal, disposals, id, {
    entity: 'disposal_entry',
    select: repo.disposalSelect(db),
    lock,
  });
}

async function present(db: Db, rows: repo.DisposalRow[], today: string) {
  const steps = await repo.stepsOf(
    db,
    rows.map((r) => r.entry.id),
  );
  return rows.map((r) =>
    presentDisposal(
      r,
      steps.filter((s) => s.entryId === r.entry.id),
      today,
    ),
  );
}

async function view(db: Db, principal: Principal, id: string, today: string) {
  const [out] = await present(db, [await loadVisibleDisposal(db, principal, id)], today);
  if (!out) {
    throw new AppError(AppErrorCode.Internal, 'disposal entry not presented');
  }
  return out;
}

/** One entry of the caller's jurisdiction (or its own mine) with its steps. */
export async function getDisposal(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, AdmissionPermission.Read);
  return view(deps.db, principal, id, todayIn(deps.clock));
}

/** The entries of the caller's jurisdiction (or a region, mine, list or state of it). */
export async function listDisposals(deps: ServiceDeps, principal: Principal, q: DisposalListQuery) {
  requirePermission(principal, AdmissionPermission.Read);
  const today = todayIn(deps.clock);
  const rows = await repo.listDisposals(
    deps.db,
    {
      mineScope: mineScopeCondition(principal.scope),
      region: q.region,
      mineId: q.mineId,
      category: q.category,
      state: q.state,
      overdueOn: q.overdue ? today : undefined,
    },
    2000,
  );
  return present(deps.db, rows, today);
}

/** The open entries past their deadline (findings), per county then deadline. */
export function disposalFindings(deps: ServiceDeps, principal: Principal, region?: string) {
  return listDisposals(deps, principal, { region, overdue: true });
}

/**
 * Puts a mine the caller may see on a list (a mine outside it is a 400 on mineId): listed not after
 * today, a deadline after the listing date; a mine with an open entry is a 409 (one list at a time).
 */
export async function listDisposal(deps: ServiceDeps, principal: Principal, input: DisposalInput) {
  requirePermission(principal, AdmissionPermission.List);
  const now = deps.clock();
  const today = todayIn(deps.clock);
  checkDateWindows(today, {
    listedOn: [input.listedOn, DateWindows.happened],
    deadline: [input.deadline, DateWindows.planned],
  });
  if (input.deadline <= input.listedOn) {
    throw invalidField('deadline', `完成时限须晚于列入日期 ${input.listedOn}`, input.deadline);
  }
  return deps.db.transaction(async (tx) => {
    await loadMineForInput(tx, principal, input.mineId);
    const open = await repo.openDisposalOf(tx, input.mineId);
    if (open) {
      throw new AppError(AppErrorCode.Conflict, '该矿山已列入清单', [
        {
          path: 'mineId',
          message: `该矿山已列入「${open.category}」清单且未完成`,
          value: input.mineId,
        },
      ]);
    }
    const id = await repo.insertDisposal(tx, {
      ...input,
      state: DisposalState.Open,
      listedBy: principal.userId,
      listedLabel: principal.displayName,
      createdAt: now,
      updatedAt: now,
    });
    if (!id) {
      throw new AppError(AppErrorCode.Internal, 'disposal entry not stored');
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'admission.disposal.listed',
      entityId: id,
      after: input,
    });
    return view(tx, principal, id, today);
  });
}

/**
 * Records a progress step on an open entry (a 409 once completed), dated between its listing and today;
 * a completing step closes it on that date.
 */
export async function stepDisposal(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: DisposalStepInput,
) {
  requirePermission(principal, AdmissionPermission.List);
  const now = deps.clock();
  const today = todayIn(deps.clock);
  checkDateWindows(today, { steppedOn: [input.steppedOn, DateWindows.happened] });
  return deps.db.transaction(async (tx) => {
    const { entry } = await loadVisibleDisposal(tx, principal, id, true);
    if (entry.state !== DisposalState.Open) {
      throw new AppError(AppErrorCode.Conflict, '该处置事项已完成', [
        { path: 'completes', message: `已于 ${entry.completedOn ?? ''} 完成` },
      ]);
    }
    if (input.steppedOn < entry.listedOn) {
      throw invalidField(
        'steppedOn',
        `进展日期不能早于列入日期 ${entry.listedOn}`,
        input.steppedOn,
      );
    }
    await repo.insertStep(tx, {
      entryId: id,
      ...input,
      recordedBy: principal.userId,
      recordedLabel: principal.displayName,
      recordedAt: now,
    });
    await repo.updateDisposal(
      tx,
      id,
      input.completes ? { state: DisposalState.Done, completedOn: input.steppedOn } : {},
      now,
    );
    await recordAudit(tx, actorOf(principal), now, {
      type: 'admission.disposal.stepped',
      entityId: id,
      before: { state: entry.state },
      after: input,
    });
    return view(tx, principal, id, today);
  });
}
