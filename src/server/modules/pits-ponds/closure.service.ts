/**
 * @module A tailings pond's 闭库 (西藏第14条; 原平第16条; 要点第12条; 拉萨 二(六)3): opened for a reason on a pond
 * the caller may see, then 闭库设计 → 闭库施工 → 闭库验收 → 公告销号 in that order, each with its date and
 * document, one transaction and one audit event per step; the 销号 is announced by the regulator
 * (县级以上地方政府公告销号). A step out of order is a 409, a date before the previous step's a 400.
 */
import { DateWindows } from '../../../shared/date-windows.ts';
import { todayIn } from '../../../shared/dates.ts';
import {
  stepProblem,
  type ClosureOpenInput,
  type ClosureStepInput,
} from '../../../shared/pits-ponds.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, checkDateWindows, invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { loadMineForInput } from '../registry/mine.service.ts';
import { checkVersion } from '../registry/registry.guards.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import { closureState, presentClosure } from './pit-pond.presenter.ts';
import * as repo from './pit-pond.repository.ts';
import { pondClosures } from './pit-pond.table.ts';
import { recordAudit } from './pits-ponds.audit.ts';
import { PitPondPermission } from './pits-ponds.permissions.ts';
import { pitsPondsSettings } from './pits-ponds.settings.ts';

/** A 闭库 of a pond the caller may see, or a 404 (never a 403). */
function loadVisibleClosure(db: Db, principal: Principal, id: string, lock = false) {
  return visibleByMine(db, principal, pondClosures, id, {
    entity: 'pond_closure',
    select: repo.closureSelect(db),
    lock,
  });
}

async function closureView(db: Db, row: repo.ClosureRow) {
  return presentClosure(row, await getSetting(db, pitsPondsSettings.rules));
}

/** One 闭库 of the caller's jurisdiction with its steps. */
export async function getClosure(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, PitPondPermission.Read);
  return closureView(deps.db, await loadVisibleClosure(deps.db, principal, id));
}

/** The 闭库 of the caller's jurisdiction (or a region of it). */
export async function listClosures(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
) {
  requirePermission(principal, PitPondPermission.Read);
  const rules = await getSetting(deps.db, pitsPondsSettings.rules);
  const rows = await repo.listClosures(deps.db, mineScopeCondition(principal.scope), q.region);
  return rows.map((r) => presentClosure(r, rules));
}

/** Opens the 闭库 of a pond the caller may see: a 尾矿库 (400 otherwise), once (409 the second time). */
export async function openClosure(
  deps: ServiceDeps,
  principal: Principal,
  input: ClosureOpenInput,
) {
  requirePermission(principal, PitPondPermission.File);
  const now = deps.clock();
  checkDateWindows(todayIn(deps.clock), { openedOn: [input.openedOn, DateWindows.happened] });
  return deps.db.transaction(async (tx) => {
    const { mine } = await loadMineForInput(tx, principal, input.mineId);
    if (mine.kind !== '尾矿库') {
      throw invalidField('mineId', '只有尾矿库办理闭库', input.mineId);
    }
    if (await repo.closureOfMine(tx, input.mineId)) {
      throw new AppError(AppErrorCode.Conflict, '该尾矿库已启动闭库', [
        { path: 'mineId', message: '该尾矿库已有闭库记录, 请在其上办理后续步骤' },
      ]);
    }
    const id = await repo.insertClosure(tx, {
      ...input,
      steps: [],
      openedBy: principal.userId,
      openedLabel: principal.displayName,
      createdAt: now,
      updatedAt: now,
    });
    if (!id) {
      throw new AppError(AppErrorCode.Internal, 'closure not stored');
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'pitsPonds.closure.opened',
      entityId: id,
      after: input,
    });
    return closureView(tx, await loadVisibleClosure(tx, principal, id));
  });
}

/**
 * Files the next step of a 闭库: in order (a 409 naming the step due otherwise), dated on or after the
 * previous step and not in the future (a 400 on `on`); 公告销号 only by a regulator (403) — it sets the
 * 销号 date the targets count.
 */
export async function fileClosureStep(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: ClosureStepInput,
) {
  requirePermission(
    principal,
    input.step === '公告销号' ? PitPondPermission.Delist : PitPondPermission.File,
  );
  const now = deps.clock();
  checkDateWindows(todayIn(deps.clock), { on: [input.on, DateWindows.happened] });
  return deps.db.transaction(async (tx) => {
    const row = await loadVisibleClosure(tx, principal, id, true);
    const c = row.closure;
    checkVersion('pond_closure', c.version, input.version);
    const problem = stepProblem(closureState(c), input.step, input.on);
    if (problem?.code === 'order') {
      throw new AppError(AppErrorCode.Conflict, problem.message, [
        { path: 'step', message: problem.message, value: input.step },
      ]);
    }
    if (problem) {
      throw invalidField('on', problem.message, input.on);
    }
    const steps = [
      ...c.steps,
      {
        step: input.step,
        on: input.on,
        document: input.document,
        note: input.note,
        by: principal.displayName,
        at: now.toISOString(),
      },
    ];
    await repo.updateClosure(
      tx,
      id,
      { steps, ...(input.step === '公告销号' ? { delistedOn: input.on } : {}) },
      now,
    );
    await recordAudit(tx, actorOf(principal), now, {
      type: 'pitsPonds.closure.stepped',
      entityId: id,
      before: { steps: c.steps.map((s) => s.step) },
      after: { step: input.step, on: input.on, document: input.document, note: input.note },
    });
    return closureView(tx, await loadVisibleClosure(tx, principal, id));
  });
}
