/**
 * @module Plans (攻坚清单) and their tasks (issue 8 §1). A regulator unit owns its plans; tasks name a
 * lead unit and co-units among the regulator units inside the plan's region. Who sees what: the
 * plan's region subtree sees the whole plan; a unit outside it sees only the tasks it leads or
 * supports. Progress is reported by those units; the task's state follows the latest percent.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import {
  TaskState,
  type TaskReportInput,
  type WorkPlanInput,
  type WorkTaskInput,
} from '../../../shared/plans.schemas.ts';
import { recordAudit } from './action-plans.audit.ts';
import { regionInScope, subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { checkVersion } from '../registry/registry.guards.ts';
import { organisations } from '../access/access.table.ts';
import { workPlans, workTaskReports, workTasks } from './plan.table.ts';
import { filesOfReports } from './task.repository.ts';
import { WorkPlanPermission } from './action-plans.permissions.ts';

type Task = typeof workTasks.$inferSelect;

/** The task's state from its reports (pure). */
export function taskState(t: { percent: number; reports: number }): string {
  return t.percent >= 100
    ? TaskState.Done
    : t.reports > 0
      ? TaskState.InProgress
      : TaskState.NotStarted;
}

function involved(principal: Principal, t: Pick<Task, 'leadUnitId' | 'coUnitIds'>): boolean {
  return (
    t.leadUnitId === principal.organisationId || t.coUnitIds.includes(principal.organisationId)
  );
}

async function loadPlan(db: Db, principal: Principal, id: string) {
  const [plan] = await db.select().from(workPlans).where(eq(workPlans.id, id));
  if (!plan) {
    throw notFound('work_plan', id);
  }
  const whole = regionInScope(principal.scope, plan.regionCode);
  if (!whole) {
    const tasks = await db.select().from(workTasks).where(eq(workTasks.planId, id));
    if (!tasks.some((t) => involved(principal, t))) {
      throw notFound('work_plan', id);
    }
  }
  return { plan, whole };
}

/** Units a task of this plan may name: regulator units whose region lies inside the plan's region. */
async function unitsFor(db: Db, regionCode: string) {
  const prefix = subtreePrefix(regionCode);
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      and(
        eq(organisations.kind, 'regulator'),
        sql`${organisations.regionCode} LIKE ${`${prefix}%`}`,
      ),
    );
}

export async function createPlan(deps: ServiceDeps, principal: Principal, input: WorkPlanInput) {
  requirePermission(principal, WorkPlanPermission.Manage);
  if (principal.scope.kind !== 'region') {
    throw new AppError(AppErrorCode.Forbidden, '只有监管单位可以制定攻坚方案');
  }
  const region = principal.scope.regionCode;
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const [row] = await tx
      .insert(workPlans)
      .values({
        ...input,
        organisationId: principal.organisationId,
        regionCode: region,
        createdBy: principal.userId,
        createdAt: at,
      })
      .returning();
    if (!row) {
      throw new AppError(AppErrorCode.Internal, 'plan not written');
    }
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.plan.created',
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

/** The plans the caller sees: those of its region subtree, and those with a task of its unit. */
export async function listPlans(deps: ServiceDeps, principal: Principal) {
  requirePermission(principal, WorkPlanPermission.Read);
  const plans = await deps.db
    .select()
    .from(workPlans)
    .orderBy(asc(workPlans.fromYear), asc(workPlans.title));
  const mine = new Set(
    (
      await deps.db
        .select({ planId: workTasks.planId })
        .from(workTasks)
        .where(
          sql`${workTasks.leadUnitId} = ${principal.organisationId} OR ${principal.organisationId} = ANY(${workTasks.coUnitIds})`,
        )
    ).map((r) => r.planId),
  );
  return plans.filter((p) => regionInScope(principal.scope, p.regionCode) || mine.has(p.id));
}

export async function getPlan(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, WorkPlanPermission.Read);
  const { plan, whole } = await loadPlan(deps.db, principal, id);
  const tasks = await deps.db
    .select()
    .from(workTasks)
    .where(eq(workTasks.planId, id))
    .orderBy(asc(workTasks.number));
  const units = new Map((await unitsFor(deps.db, plan.regionCode)).map((u) => [u.id, u.name]));
  const today = todayIn(deps.clock);
  return {
    ...plan,
    units: [...units].map(([id, name]) => ({ id, name })),
    tasks: tasks
      .filter((t) => whole || involved(principal, t))
      .map((t) => presentTask(t, units, today)),
  };
}

function presentTask(t: Task, units: Map<string, string>, today: string) {
  const state = taskState(t);
  return {
    ...t,
    leadUnitName: units.get(t.leadUnitId) ?? t.leadUnitId,
    coUnitNames: t.coUnitIds.map((u) => units.get(u) ?? u),
    state,
    overdue: Boolean(t.deadline && t.deadline < today && state !== TaskState.Done),
  };
}

async function checkUnits(
  db: Db,
  regionCode: string,
  input: Pick<WorkTaskInput, 'leadUnitId' | 'coUnitIds'>,
) {
  const allowed = new Set((await unitsFor(db, regionCode)).map((u) => u.id));
  if (!allowed.has(input.leadUnitId)) {
    throw invalidField('leadUnitId', '牵头单位须为方案辖区内的监管单位', input.leadUnitId);
  }
  input.coUnitIds.forEach((u, i) => {
    if (!allowed.has(u)) {
      throw invalidField(`coUnitIds.${i}`, '配合单位须为方案辖区内的监管单位', u);
    }
  });
}

async function ownPlan(db: Db, principal: Principal, planId: string) {
  const { plan } = await loadPlan(db, principal, planId);
  if (plan.organisationId !== principal.organisationId) {
    throw new AppError(AppErrorCode.Forbidden, '只有制定方案的单位可以修改任务');
  }
  return plan;
}

export async function createTask(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  input: WorkTaskInput,
) {
  requirePermission(principal, WorkPlanPermission.Manage);
  return deps.db.transaction(async (tx) => {
    const plan = await ownPlan(tx, principal, planId);
    await checkUnits(tx, plan.regionCode, input);
    const [dup] = await tx
      .select({ id: workTasks.id })
      .from(workTasks)
      .where(and(eq(workTasks.planId, planId), eq(workTasks.number, input.number)));
    if (dup) {
      throw invalidField('number', '序号已存在', input.number);
    }
    const at = deps.clock();
    const [row] = await tx
      .insert(workTasks)
      .values({ ...input, planId, createdAt: at, updatedAt: at })
      .returning();
    if (!row) {
      throw new AppError(AppErrorCode.Internal, 'task not written');
    }
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.task.created',
      entityId: row?.id ?? '',
      after: row,
    });
    return row;
  });
}

async function loadTask(db: Db, principal: Principal, id: string) {
  const [task] = await db.select().from(workTasks).where(eq(workTasks.id, id));
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

export async function getTask(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, WorkPlanPermission.Read);
  const { task, plan } = await loadTask(deps.db, principal, id);
  const units = new Map((await unitsFor(deps.db, plan.regionCode)).map((u) => [u.id, u.name]));
  const reports = await deps.db
    .select()
    .from(workTaskReports)
    .where(eq(workTaskReports.taskId, id))
    .orderBy(asc(workTaskReports.reportedAt));
  const files = await filesOfReports(
    deps.db,
    reports.map((r) => r.id),
  );
  return {
    ...presentTask(task, units, todayIn(deps.clock)),
    reports: reports.map((r) => ({
      ...r,
      files: files.get(r.id) ?? [],
      unitName: units.get(r.organisationId) ?? '',
      reportedAt: r.reportedAt.toISOString(),
    })),
  };
}

export async function updateTask(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: WorkTaskInput & { version?: number | undefined },
) {
  requirePermission(principal, WorkPlanPermission.Manage);
  return deps.db.transaction(async (tx) => {
    const { task } = await loadTask(tx, principal, id);
    const plan = await ownPlan(tx, principal, task.planId);
    checkVersion('work_task', task.version, input.version);
    await checkUnits(tx, plan.regionCode, input);
    const at = deps.clock();
    const { version: _v, ...fields } = input;
    await tx
      .update(workTasks)
      .set({ ...fields, updatedAt: at, version: sql`${workTasks.version} + 1` })
      .where(eq(workTasks.id, id));
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.task.updated',
      entityId: id,
      before: task,
      after: fields,
    });
    return getTask({ ...deps, db: tx }, principal, id);
  });
}

/** A progress report by a unit that leads or supports the task (or owns the plan). */
export async function reportProgress(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: TaskReportInput,
) {
  requirePermission(principal, WorkPlanPermission.TaskReport);
  return deps.db.transaction(async (tx) => {
    const { task, plan } = await loadTask(tx, principal, id);
    if (!involved(principal, task) && plan.organisationId !== principal.organisationId) {
      throw new AppError(AppErrorCode.Forbidden, '只有牵头单位和配合单位可以报送进展');
    }
    const at = deps.clock();
    await tx.insert(workTaskReports).values({
      taskId: id,
      text: input.text,
      percent: input.percent,
      organisationId: principal.organisationId,
      reportedBy: principal.userId,
      reportedLabel: principal.displayName,
      reportedAt: at,
    });
    await tx
      .update(workTasks)
      .set({ percent: input.percent, reports: sql`${workTasks.reports} + 1`, updatedAt: at })
      .where(eq(workTasks.id, id));
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.task.reported',
      entityId: id,
      after: input,
    });
    return getTask({ ...deps, db: tx }, principal, id);
  });
}

export { ownPlan, unitsFor };
