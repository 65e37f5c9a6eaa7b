/**
 * @module The stopped-mines loop (issue 24 "Stopped mines"). A mine under 停产整顿 or 停工停产 files its 整改方案
 * and declares any work in advance — purpose, places with people per site, the power it will draw, days —
 * (《2024年矿山安全生产工作要点》第18条: "按照定时、定量、定人、定措施等要求制定整改方案,同一作业地点严格控制在9人以内";
 * 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5: "同一作业地点控制在10人以内,并向非煤矿山安全监管监察部门报告后方可进行整改作业").
 * The regulators of the mine's region see every declaration and may reject one with a reason; the 明停暗开
 * rule reads the ones not rejected (leads/rules/stopped.rule.ts). 包保责任人 answer for a stopped mine and
 * record their 驻矿盯守 / 巡查 visits (第18条: "落实驻矿盯守或巡查责任"; 二(五)5: "属地政府及有关部门应当对停工停产
 * 非煤矿山落实驻矿盯守或者巡查责任").
 */
import { DateWindows } from '../../../shared/date-windows.ts';
import { DAY_MS, daysBetween, shanghaiMidnight, todayIn } from '../../../shared/dates.ts';
import { MineStatus } from '../../../shared/registry.enums.ts';
import {
  StoppedValidation,
  type DeclarationInput,
  type DeclarationRejectInput,
  type PatrolInput,
  type RectificationPlanInput,
  type WardenInput,
} from '../../../shared/stopped.schemas.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, checkDateWindows, invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { leadsSettings } from '../leads/leads.settings.ts';
import { perSiteLimit } from '../leads/rules/stopped.rule.ts';
import { loadMineForInput } from '../registry/mine.service.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import { recordAudit } from './stopped.audit.ts';
import { StoppedPermission } from './stopped.permissions.ts';
import {
  presentDeclaration,
  presentPatrol,
  presentPlan,
  presentWarden,
} from './stopped.presenter.ts';
import * as repo from './stopped.repository.ts';
import { stoppedSettings } from './stopped.settings.ts';
import {
  stoppedMinePatrols,
  stoppedMineWardens,
  stoppedRectificationPlans,
  stoppedWorkDeclarations,
} from './stopped.table.ts';

/** The statuses under which a mine is stopped and its work must be declared. */
export const stoppedStatuses: readonly MineStatus[] = [
  MineStatus.SuspendedForRectification,
  MineStatus.Stopped,
];

/** A mine named in the body, in the caller's jurisdiction and stopped; else a 400 on mineId. */
async function loadStoppedMine(db: Db, principal: Principal, mineId: string) {
  const m = await loadMineForInput(db, principal, mineId);
  if (!stoppedStatuses.includes(m.mine.status)) {
    throw invalidField(
      'mineId',
      `矿山处于 ${m.mine.status} 状态, 只有停产整顿或停工停产的矿山报送整改方案和作业申报`,
      mineId,
    );
  }
  return m;
}

export async function filePlan(
  deps: ServiceDeps,
  principal: Principal,
  input: RectificationPlanInput,
) {
  requirePermission(principal, StoppedPermission.Declare);
  checkDateWindows(todayIn(deps.clock), { completeBy: [input.completeBy, DateWindows.planned] });
  return deps.db.transaction(async (tx) => {
    const { mine } = await loadStoppedMine(tx, principal, input.mineId);
    const at = deps.clock();
    const row = await repo.insertPlan(tx, {
      ...input,
      filedBy: principal.userId,
      filedAt: at,
    });
    const after = presentPlan(row, mine.name, principal.displayName);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'stopped.plan.filed',
      entityId: after.id,
      after,
    });
    return after;
  });
}

export async function listPlans(deps: ServiceDeps, principal: Principal, mineId?: string) {
  requirePermission(principal, StoppedPermission.Read);
  const rows = await repo.listPlans(deps.db, mineScopeCondition(principal.scope), mineId);
  return rows.map((r) => presentPlan(r.row, r.mineName, r.filedBy));
}

/** Checks the declared days: in advance (from today on), ordered, at most maxDays long. */
function checkDays(input: DeclarationInput, today: string) {
  checkDateWindows(today, {
    startsOn: [input.startsOn, DateWindows.planned],
    endsOn: [input.endsOn, DateWindows.planned],
  });
  if (input.startsOn < today) {
    // 第18条 / 二(五)5: reported before the work ("报告后方可进行整改作业").
    throw invalidField('startsOn', '作业须提前申报: 开始日期不能早于今天', input.startsOn);
  }
  if (input.endsOn < input.startsOn) {
    throw invalidField('endsOn', '结束日期不能早于开始日期', input.endsOn);
  }
  if (daysBetween(input.startsOn, input.endsOn) + 1 > StoppedValidation.maxDays) {
    throw invalidField('endsOn', `一次申报不超过 ${StoppedValidation.maxDays} 天`, input.endsOn);
  }
}

export async function declareWork(
  deps: ServiceDeps,
  principal: Principal,
  input: DeclarationInput,
) {
  requirePermission(principal, StoppedPermission.Declare);
  checkDays(input, todayIn(deps.clock));
  const rules = await getSetting(deps.db, leadsSettings.rules);
  return deps.db.transaction(async (tx) => {
    const { mine } = await loadStoppedMine(tx, principal, input.mineId);
    const limit = perSiteLimit(mine.countyCode, rules.stopped);
    const over = input.sites
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.people > limit)
      .map(({ s, i }) => ({
        path: `sites.${i}.people`,
        // 《2024年矿山安全生产工作要点》第18条 (9 人), 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5 (10 人).
        message: `${s.place}: 同一作业地点不超过 ${limit} 人`,
        value: s.people,
      }));
    if (over.length) {
      throw new AppError(AppErrorCode.ValidationFailed, '作业地点人数超过停产矿山的限制', over);
    }
    const plan = await repo.latestPlanSince(tx, mine.id, shanghaiMidnight(mine.statusSince));
    if (!plan) {
      throw invalidField('mineId', `请先报送本次${mine.status}的整改方案`, input.mineId);
    }
    const at = deps.clock();
    const row = await repo.insertDeclaration(tx, {
      ...input,
      planId: plan.id,
      perSiteLimit: limit,
      state: '已申报',
      filedBy: principal.userId,
      filedAt: at,
    });
    const after = presentDeclaration(row, mine.name, principal.displayName);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'stopped.declaration.filed',
      entityId: after.id,
      after,
    });
    return after;
  });
}

function loadDeclaration(db: Db, principal: Principal, id: string, lock = false) {
  return visibleByMine(db, principal, stoppedWorkDeclarations, id, {
    entity: 'stopped_declaration',
    select: repo.selectDeclarations(db).$dynamic(),
    lock,
  });
}

export async function listDeclarations(deps: ServiceDeps, principal: Principal, mineId?: string) {
  requirePermission(principal, StoppedPermission.Read);
  const rows = await repo.listDeclarations(deps.db, mineScopeCondition(principal.scope), mineId);
  return rows.map((r) => presentDeclaration(r.row, r.mineName, r.filedBy));
}

export async function getDeclaration(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, StoppedPermission.Read);
  const r = await loadDeclaration(deps.db, principal, id);
  return presentDeclaration(r.row, r.mineName, r.filedBy);
}

export async function rejectDeclaration(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: DeclarationRejectInput,
) {
  requirePermission(principal, StoppedPermission.Review);
  return deps.db.transaction(async (tx) => {
    const current = await loadDeclaration(tx, principal, id, true);
    if (current.row.state !== '已申报') {
      throw new AppError(AppErrorCode.Conflict, '该申报已驳回', [
        { path: 'state', message: '已驳回的申报不能再次驳回', value: current.row.state },
      ]);
    }
    const at = deps.clock();
    const row = await repo.rejectDeclaration(tx, id, {
      rejectReason: input.reason,
      rejectedBy: principal.userId,
      rejectedAt: at,
    });
    const before = presentDeclaration(current.row, current.mineName, current.filedBy);
    const after = presentDeclaration(row, current.mineName, current.filedBy);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'stopped.declaration.rejected',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function assignWarden(deps: ServiceDeps, principal: Principal, input: WardenInput) {
  requirePermission(principal, StoppedPermission.Assign);
  return deps.db.transaction(async (tx) => {
    const { mine } = await loadStoppedMine(tx, principal, input.mineId);
    const user = await repo.findUserUnit(tx, input.userId);
    const covers =
      user?.kind === 'regulator' &&
      (user.regionCode === null || mine.countyCode.startsWith(subtreePrefix(user.regionCode)));
    if (!covers) {
      throw invalidField('userId', '包保责任人须为管辖该矿山的监管单位人员', input.userId);
    }
    if (await repo.activeWarden(tx, mine.id, input.userId)) {
      throw new AppError(AppErrorCode.Conflict, '已是该矿山的包保责任人', [
        { path: 'userId', message: '重复指定', value: input.userId },
      ]);
    }
    const at = deps.clock();
    const row = await repo.insertWarden(tx, {
      mineId: mine.id,
      userId: input.userId,
      since: at,
      assignedBy: principal.userId,
    });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'stopped.warden.assigned',
      entityId: row.id,
      after: { mineId: mine.id, userId: input.userId },
    });
    const interval = await getSetting(tx, stoppedSettings.patrolIntervalDays);
    return presentWarden(
      row,
      { mineName: mine.name, name: '', lastVisitAt: null },
      patrolDue(row.since, null, interval, at),
    );
  });
}

/** When the next visit is due: the interval after the last visit (or the assignment), and whether it is past. */
export function patrolDue(since: Date, lastVisitAt: Date | null, intervalDays: number, now: Date) {
  const from = lastVisitAt && lastVisitAt > since ? lastVisitAt : since;
  const nextDueAt = new Date(from.getTime() + intervalDays * DAY_MS);
  return { nextDueAt, overdue: now > nextDueAt };
}

export async function listWardens(deps: ServiceDeps, principal: Principal) {
  requirePermission(principal, StoppedPermission.Read);
  const interval = await getSetting(deps.db, stoppedSettings.patrolIntervalDays);
  const now = deps.clock();
  const rows = await repo.listWardens(deps.db, mineScopeCondition(principal.scope));
  return rows.map((r) => {
    const last = r.lastVisitAt ? new Date(r.lastVisitAt) : null;
    return presentWarden(
      r.row,
      { mineName: r.mineName, name: r.name, lastVisitAt: last },
      patrolDue(r.row.since, last, interval, now),
    );
  });
}

export async function recordPatrol(deps: ServiceDeps, principal: Principal, input: PatrolInput) {
  requirePermission(principal, StoppedPermission.Patrol);
  const visitedAt = new Date(input.visitedAt);
  if (visitedAt > deps.clock()) {
    throw invalidField('visitedAt', '到矿时间不能晚于现在', input.visitedAt);
  }
  return deps.db.transaction(async (tx) => {
    const { mine } = await loadMineForInput(tx, principal, input.mineId);
    if (!(await repo.activeWarden(tx, mine.id, principal.userId))) {
      throw invalidField('mineId', '您不是该矿山的包保责任人', input.mineId);
    }
    const at = deps.clock();
    const row = await repo.insertPatrol(tx, {
      mineId: mine.id,
      kind: input.kind,
      visitedAt,
      findings: input.findings,
      userId: principal.userId,
      recordedAt: at,
    });
    const after = presentPatrol(row, mine.name, principal.displayName);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'stopped.patrol.recorded',
      entityId: after.id,
      after,
    });
    return after;
  });
}

export async function listPatrols(deps: ServiceDeps, principal: Principal, mineId?: string) {
  requirePermission(principal, StoppedPermission.Read);
  const rows = await repo.listPatrols(deps.db, mineScopeCondition(principal.scope), mineId);
  const photos = await repo.photosOf(
    deps.db,
    rows.map((r) => r.row.id),
  );
  return rows.map((r) =>
    presentPatrol(r.row, r.mineName, r.officialName, photos.get(r.row.id) ?? []),
  );
}

/** For the audit trail: whether the caller sees this entity (404 if not). */
export function visibleEntity(
  deps: ServiceDeps,
  table: 'plan' | 'warden' | 'patrol',
): (principal: Principal, id: string) => Promise<unknown> {
  const t = {
    plan: stoppedRectificationPlans,
    warden: stoppedMineWardens,
    patrol: stoppedMinePatrols,
  }[table];
  return (principal, id) => {
    requirePermission(principal, StoppedPermission.Read);
    return visibleByMine(deps.db, principal, t, id, { entity: `stopped_${table}` });
  };
}
