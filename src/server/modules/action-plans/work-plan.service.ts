/**
 * @module Plans (攻坚清单) and their tasks (issue 8 §1). A regulator unit owns its plans; tasks name a
 * lead unit and co-units among the regulator units inside the plan's region. Who sees what: the
 * plan's region subtree sees the whole plan; a unit outside it sees only the tasks it leads or
 * supports. Progress is reported by those units; the task's state follows the latest percent.
 */
import type {
  TaskProgressInput,
  WorkPlanDetailResponse,
  WorkPlanInput,
  WorkPlanResponse,
  WorkTaskDetailResponse,
  WorkTaskInput,
  WorkTaskResponse,
  WorkTaskUpdateInput,
} from '../../../shared/action-plans.schemas.ts';
import { recordAudit, taskAuditRecord } from './action-plans.audit.ts';
import { regionInScope, type Principal } from '../../platform/auth/scope.ts';
import { todayIn } from '../../../shared/dates.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  AppError,
  AppErrorCode,
  invalidField,
  notFound,
  checkDateWindows,
} from '../../platform/errors.ts';
import { checkVersion } from '../registry/registry.guards.ts';
import * as repo from './work-plan.repository.ts';
import type { WorkPlanRow, WorkTaskRow } from './work-plan.repository.ts';
import * as progressRepo from './task-progress.repository.ts';
import {
  presentPlan,
  presentProgress,
  presentTask,
  type UnitNames,
} from './work-plan.presenter.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

function involved(principal: Principal, t: Pick<WorkTaskRow, 'leadUnitId' | 'coUnitIds'>): boolean {
  return (
    t.leadUnitId === principal.organisationId || t.coUnitIds.includes(principal.organisationId)
  );
}

/**
 * A plan the caller may see (404 otherwise), and whether it sees all of it: its region subtree does;
 * a unit outside it sees the plan only when it carries one of its tasks.
 */
async function loadPlan(db: Db, principal: Principal, id: string) {
  const plan = await repo.findPlan(db, id);
  if (!plan) {
    throw notFound('work_plan', id);
  }
  const whole = regionInScope(principal.scope, plan.regionCode);
  if (!whole) {
    const tasks = await repo.tasksOfPlan(db, id);
    if (!tasks.some((t) => involved(principal, t))) {
      throw notFound('work_plan', id);
    }
  }
  return { plan, whole };
}

/** A task the caller may see (404 otherwise), with its plan. */
export async function loadTask(
  db: Db,
  principal: Principal,
  id: string,
): Promise<{ task: WorkTaskRow; plan: WorkPlanRow }> {
  const task = await repo.findTask(db, id);
  if (!task) {
    throw notFound('work_task', id);
  }
  const { plan, whole } = await loadPlan(db, principal, task.planId).catch(() => {
    throw notFound('work_task', id);
  });
  if (!whole && !involved(principal, task)) {
    throw notFound('work_task', id);
  }
  return { task, plan };
}

/** The names of the units a task of a plan in this region may name. */
async function unitNames(db: Db, regionCode: string): Promise<UnitNames> {
  return new Map((await repo.regulatorUnitsIn(db, regionCode)).map((u) => [u.id, u.name]));
}

/** A plan the caller may see and whose unit it is (403 for another unit's plan). */
export async function ownPlan(db: Db, principal: Principal, planId: string): Promise<WorkPlanRow> {
  const { plan } = await loadPlan(db, principal, planId);
  if (plan.organisationId !== principal.organisationId) {
    throw new AppError(AppErrorCode.Forbidden, '只有制定方案的单位可以修改任务');
  }
  return plan;
}

/** The lead and co-units must be regulator units inside the plan's region. */
async function checkUnits(
  db: Db,
  regionCode: string,
  input: Pick<WorkTaskInput, 'leadUnitId' | 'coUnitIds'>,
) {
  const allowed = await unitNames(db, regionCode);
  if (!allowed.has(input.leadUnitId)) {
    throw invalidField('leadUnitId', '牵头单位须为方案辖区内的监管单位', input.leadUnitId);
  }
  input.coUnitIds.forEach((u, i) => {
    if (!allowed.has(u)) {
      throw invalidField(`coUnitIds.${i}`, '配合单位须为方案辖区内的监管单位', u);
    }
  });
}

/** A plan of the caller's own unit, for its region (only regulator units make plans). */
export async function createPlan(
  deps: ServiceDeps,
  principal: Principal,
  input: WorkPlanInput,
): Promise<WorkPlanResponse> {
  requirePermission(principal, ActionPlanPermission.Manage);
  if (principal.scope.kind !== 'region') {
    throw new AppError(AppErrorCode.Forbidden, '只有监管单位可以制定攻坚方案');
  }
  const region = principal.scope.regionCode;
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const row = await repo.insertPlan(tx, {
      ...input,
      organisationId: principal.organisationId,
      regionCode: region,
      createdBy: principal.userId,
      createdAt: at,
    });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.plan.created',
      entityId: row.id,
      after: row,
    });
    return presentPlan(row);
  });
}

/** The plans the caller sees: those of its region subtree, and those with a task of its unit. */
export async function listPlans(
  deps: ServiceDeps,
  principal: Principal,
): Promise<WorkPlanResponse[]> {
  requirePermission(principal, ActionPlanPermission.Read);
  const plans = await repo.listAllPlans(deps.db);
  const mine = await repo.planIdsWithTasksOf(deps.db, principal.organisationId);
  return plans
    .filter((p) => regionInScope(principal.scope, p.regionCode) || mine.has(p.id))
    .map(presentPlan);
}

/** A plan with the units its tasks may name and the tasks the caller may see. */
export async function getPlan(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<WorkPlanDetailResponse> {
  requirePermission(principal, ActionPlanPermission.Read);
  const { plan, whole } = await loadPlan(deps.db, principal, id);
  const tasks = await repo.tasksOfPlan(deps.db, id);
  const units = await unitNames(deps.db, plan.regionCode);
  const today = todayIn(deps.clock);
  return {
    ...presentPlan(plan),
    units: [...units].map(([unitId, name]) => ({ id: unitId, name })),
    tasks: tasks
      .filter((t) => whole || involved(principal, t))
      .map((t) => presentTask(t, units, today)),
  };
}

/** A task added to a plan by the unit that owns it; its number is unique in the plan. */
export async function createTask(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  input: WorkTaskInput,
): Promise<WorkTaskResponse> {
  requirePermission(principal, ActionPlanPermission.Manage);
  checkDateWindows(todayIn(deps.clock), { deadline: [input.deadline, DateWindows.planned] });
  return deps.db.transaction(async (tx) => {
    const plan = await ownPlan(tx, principal, planId);
    await checkUnits(tx, plan.regionCode, input);
    if ((await repo.taskNumbersOf(tx, planId)).has(input.number)) {
      throw invalidField('number', '序号已存在', input.number);
    }
    const at = deps.clock();
    const row = await repo.insertTask(tx, { ...input, planId, createdAt: at, updatedAt: at });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.task.created',
      entityId: row.id,
      after: taskAuditRecord(row),
    });
    return presentTask(row, await unitNames(tx, plan.regionCode), todayIn(deps.clock));
  });
}

/** A task with its progress, each with the reporting unit's name and its evidence files. */
export async function getTask(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<WorkTaskDetailResponse> {
  requirePermission(principal, ActionPlanPermission.Read);
  const { task, plan } = await loadTask(deps.db, principal, id);
  const units = await unitNames(deps.db, plan.regionCode);
  const progress = await progressRepo.progressOfTask(deps.db, id);
  const files = await progressRepo.filesOfProgress(
    deps.db,
    progress.map((r) => r.id),
  );
  return {
    ...presentTask(task, units, todayIn(deps.clock)),
    progress: progress.map((r) => presentProgress(r, units, files)),
  };
}

/** A task's change by the plan's unit, at the version the caller read. */
export async function updateTask(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: WorkTaskUpdateInput,
): Promise<WorkTaskDetailResponse> {
  requirePermission(principal, ActionPlanPermission.Manage);
  checkDateWindows(todayIn(deps.clock), { deadline: [input.deadline, DateWindows.planned] });
  return deps.db.transaction(async (tx) => {
    const { task } = await loadTask(tx, principal, id);
    const plan = await ownPlan(tx, principal, task.planId);
    checkVersion('work_task', task.version, input.version);
    await checkUnits(tx, plan.regionCode, input);
    const at = deps.clock();
    const { version: _v, ...fields } = input;
    await repo.updateTaskFields(tx, id, fields, at);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.task.updated',
      entityId: id,
      before: taskAuditRecord(task),
      after: fields,
    });
    return getTask({ ...deps, db: tx }, principal, id);
  });
}

/** Progress reported by a unit that leads or supports the task (or owns the plan). */
export async function reportProgress(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: TaskProgressInput,
): Promise<WorkTaskDetailResponse> {
  requirePermission(principal, ActionPlanPermission.Progress);
  return deps.db.transaction(async (tx) => {
    const { task, plan } = await loadTask(tx, principal, id);
    if (!involved(principal, task) && plan.organisationId !== principal.organisationId) {
      throw new AppError(AppErrorCode.Forbidden, '只有牵头单位和配合单位可以报送进展');
    }
    const at = deps.clock();
    await progressRepo.insertProgress(tx, {
      taskId: id,
      text: input.text,
      percent: input.percent,
      organisationId: principal.organisationId,
      reportedBy: principal.userId,
      reportedLabel: principal.displayName,
      reportedAt: at,
    });
    await repo.recordTaskPercent(tx, id, input.percent, at);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.task.reported',
      entityId: id,
      after: input,
    });
    return getTask({ ...deps, db: tx }, principal, id);
  });
}

/** The regulator units a task of this plan may name, by name (the 任务分解表 names units). */
export async function unitsByName(db: Db, regionCode: string): Promise<Map<string, string>> {
  return new Map((await repo.regulatorUnitsIn(db, regionCode)).map((u) => [u.name, u.id]));
}
