/**
 * @module The SQL of plans (攻坚清单) and their tasks (issue 8 §1), the regulator units a task may name,
 * and the tasks that can climb the escalation ladder.
 */
import { and, asc, eq, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { subtreePrefix } from '../../platform/auth/scope.ts';
import { AppError, AppErrorCode } from '../../platform/errors.ts';
import { organisations, users } from '../access/access.table.ts';
import { workPlans, workTasks } from './plan.table.ts';

export type WorkPlanRow = typeof workPlans.$inferSelect;
export type WorkTaskRow = typeof workTasks.$inferSelect;

/** A plan by id, whoever may see it. */
export async function findPlan(db: Db, id: string): Promise<WorkPlanRow | undefined> {
  const [plan] = await db.select().from(workPlans).where(eq(workPlans.id, id));
  return plan;
}

/** Every plan, oldest action first, then by title. */
export function listAllPlans(db: Db): Promise<WorkPlanRow[]> {
  return db.select().from(workPlans).orderBy(asc(workPlans.fromYear), asc(workPlans.title));
}

/** The plans in which a unit leads or supports a task. */
export async function planIdsWithTasksOf(db: Db, organisationId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ planId: workTasks.planId })
    .from(workTasks)
    .where(
      sql`${workTasks.leadUnitId} = ${organisationId} OR ${organisationId} = ANY(${workTasks.coUnitIds})`,
    );
  return new Set(rows.map((r) => r.planId));
}

export async function insertPlan(db: Db, values: typeof workPlans.$inferInsert) {
  const [row] = await db.insert(workPlans).values(values).returning();
  if (!row) {
    throw new AppError(AppErrorCode.Internal, 'plan not written');
  }
  return row;
}

/** Regulator units whose region lies inside a region: the units a task of a plan there may name. */
export function regulatorUnitsIn(db: Db, regionCode: string) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      and(
        eq(organisations.kind, 'regulator'),
        sql`${organisations.regionCode} LIKE ${`${subtreePrefix(regionCode)}%`}`,
      ),
    );
}

/** A plan's tasks by number. */
export function tasksOfPlan(db: Db, planId: string): Promise<WorkTaskRow[]> {
  return db
    .select()
    .from(workTasks)
    .where(eq(workTasks.planId, planId))
    .orderBy(asc(workTasks.number));
}

/** A task by id, whoever may see it. */
export async function findTask(db: Db, id: string): Promise<WorkTaskRow | undefined> {
  const [task] = await db.select().from(workTasks).where(eq(workTasks.id, id));
  return task;
}

/** The numbers a plan's tasks already use. */
export async function taskNumbersOf(db: Db, planId: string): Promise<Set<string>> {
  const rows = await db
    .select({ number: workTasks.number })
    .from(workTasks)
    .where(eq(workTasks.planId, planId));
  return new Set(rows.map((r) => r.number));
}

export async function insertTask(db: Db, values: typeof workTasks.$inferInsert) {
  const [row] = await db.insert(workTasks).values(values).returning();
  if (!row) {
    throw new AppError(AppErrorCode.Internal, 'task not written');
  }
  return row;
}

/** Writes tasks at once (an import); answers how many. */
export async function insertTasks(db: Db, values: (typeof workTasks.$inferInsert)[]) {
  const rows = await db.insert(workTasks).values(values).returning({ id: workTasks.id });
  return rows.length;
}

/** A task's content, units, deadline or target changed: a new version. */
export async function updateTaskFields(
  db: Db,
  id: string,
  fields: Pick<
    typeof workTasks.$inferInsert,
    'number' | 'content' | 'leadUnitId' | 'coUnitIds' | 'deadline' | 'target' | 'kind'
  >,
  at: Date,
): Promise<void> {
  await db
    .update(workTasks)
    .set({ ...fields, updatedAt: at, version: sql`${workTasks.version} + 1` })
    .where(eq(workTasks.id, id));
}

/** A task's latest percent after progress is reported, and the progress counted. */
export async function recordTaskPercent(
  db: Db,
  id: string,
  percent: number,
  at: Date,
): Promise<void> {
  await db
    .update(workTasks)
    .set({ percent, progressCount: sql`${workTasks.progressCount} + 1`, updatedAt: at })
    .where(eq(workTasks.id, id));
}

/** Unfinished tasks whose deadline is on or before `deadlineBy` (the ladder's earliest step). */
export function unfinishedTasksDueBy(db: Db, deadlineBy: string): Promise<WorkTaskRow[]> {
  return db
    .select()
    .from(workTasks)
    .where(
      and(
        isNotNull(workTasks.deadline),
        lt(workTasks.percent, 100),
        lte(workTasks.deadline, deadlineBy),
      ),
    );
}

/** The acting users (admins and inspectors) of a task's lead unit and co-units, to be told. */
export function actingUsersOf(db: Db, organisationIds: string[]) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        inArray(users.organisationId, organisationIds),
        inArray(users.role, ['regulator_admin', 'inspector']),
      ),
    );
}
