/** @module The SQL of the stopped-mines loop: plans, declarations, 包保责任人 and visits, scoped by mine. */
import { and, desc, eq, gte, inArray, isNull, lte, max, ne, type SQL } from 'drizzle-orm';
import type { MineStatus } from '../../../shared/registry.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { organisations, users } from '../access/access.table.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf } from '../registry/registry.scope.ts';
import {
  stoppedPatrolPhotos,
  stoppedMinePatrols,
  stoppedMineWardens,
  stoppedRectificationPlans,
  stoppedWorkDeclarations,
} from './stopped.table.ts';

const listMax = 500;

/** The one row an INSERT … RETURNING or a guarded UPDATE … RETURNING gave. */
async function only<T>(q: Promise<T[]>): Promise<T> {
  const [row] = await q;
  if (!row) {
    throw new Error('expected one row');
  }
  return row;
}

export type PlanRow = typeof stoppedRectificationPlans.$inferSelect;
export type DeclarationRow = typeof stoppedWorkDeclarations.$inferSelect;

export function insertPlan(db: Db, row: typeof stoppedRectificationPlans.$inferInsert) {
  return only(db.insert(stoppedRectificationPlans).values(row).returning());
}

/** The latest plan a mine filed on or after `since` (the start of its current stop). */
export async function latestPlanSince(db: Db, mineId: string, since: Date) {
  const [row] = await db
    .select()
    .from(stoppedRectificationPlans)
    .where(
      and(
        eq(stoppedRectificationPlans.mineId, mineId),
        gte(stoppedRectificationPlans.filedAt, since),
      ),
    )
    .orderBy(desc(stoppedRectificationPlans.filedAt))
    .limit(1);
  return row;
}

export function listPlans(db: Db, scope: SQL | undefined, mineId?: string) {
  return db
    .select({ row: stoppedRectificationPlans, mineName: mines.name, filedBy: users.displayName })
    .from(stoppedRectificationPlans)
    .innerJoin(mines, eq(mines.id, stoppedRectificationPlans.mineId))
    .innerJoin(users, eq(users.id, stoppedRectificationPlans.filedBy))
    .where(allOf(scope, mineId ? eq(stoppedRectificationPlans.mineId, mineId) : undefined))
    .orderBy(desc(stoppedRectificationPlans.filedAt))
    .limit(listMax);
}

export function insertDeclaration(db: Db, row: typeof stoppedWorkDeclarations.$inferInsert) {
  return only(db.insert(stoppedWorkDeclarations).values(row).returning());
}

export function selectDeclarations(db: Db) {
  return db
    .select({ row: stoppedWorkDeclarations, mineName: mines.name, filedBy: users.displayName })
    .from(stoppedWorkDeclarations)
    .innerJoin(mines, eq(mines.id, stoppedWorkDeclarations.mineId))
    .innerJoin(users, eq(users.id, stoppedWorkDeclarations.filedBy));
}

export function listDeclarations(db: Db, scope: SQL | undefined, mineId?: string) {
  return selectDeclarations(db)
    .where(allOf(scope, mineId ? eq(stoppedWorkDeclarations.mineId, mineId) : undefined))
    .orderBy(desc(stoppedWorkDeclarations.startsOn), desc(stoppedWorkDeclarations.filedAt))
    .limit(listMax);
}

export function rejectDeclaration(
  db: Db,
  id: string,
  patch: { rejectReason: string; rejectedBy: string; rejectedAt: Date },
) {
  return only(
    db
      .update(stoppedWorkDeclarations)
      .set({ ...patch, state: '已驳回' })
      .where(and(eq(stoppedWorkDeclarations.id, id), eq(stoppedWorkDeclarations.state, '已申报')))
      .returning(),
  );
}

/** A mine's declarations in force (not rejected) overlapping the dates [from, to], for the lead rules. */
export function declarationsOverlapping(db: Db, mineId: string, from: string, to: string) {
  return db
    .select()
    .from(stoppedWorkDeclarations)
    .where(
      and(
        eq(stoppedWorkDeclarations.mineId, mineId),
        ne(stoppedWorkDeclarations.state, '已驳回'),
        lte(stoppedWorkDeclarations.startsOn, to),
        gte(stoppedWorkDeclarations.endsOn, from),
      ),
    )
    .orderBy(stoppedWorkDeclarations.startsOn);
}

export function insertWarden(db: Db, row: typeof stoppedMineWardens.$inferInsert) {
  return only(db.insert(stoppedMineWardens).values(row).returning());
}

export async function activeWarden(db: Db, mineId: string, userId: string) {
  const [row] = await db
    .select()
    .from(stoppedMineWardens)
    .where(
      and(
        eq(stoppedMineWardens.mineId, mineId),
        eq(stoppedMineWardens.userId, userId),
        isNull(stoppedMineWardens.endedAt),
      ),
    );
  return row;
}

/** Active 包保责任人 with their last visit to their mine. */
export function listWardens(db: Db, scope: SQL | undefined) {
  const last = db
    .select({ mineId: stoppedMinePatrols.mineId, at: max(stoppedMinePatrols.visitedAt).as('at') })
    .from(stoppedMinePatrols)
    .groupBy(stoppedMinePatrols.mineId)
    .as('last');
  return db
    .select({
      row: stoppedMineWardens,
      mineName: mines.name,
      name: users.displayName,
      lastVisitAt: last.at,
    })
    .from(stoppedMineWardens)
    .innerJoin(mines, eq(mines.id, stoppedMineWardens.mineId))
    .innerJoin(users, eq(users.id, stoppedMineWardens.userId))
    .leftJoin(last, eq(last.mineId, stoppedMineWardens.mineId))
    .where(allOf(scope, isNull(stoppedMineWardens.endedAt)))
    .orderBy(mines.name)
    .limit(listMax);
}

export function insertPatrol(db: Db, row: typeof stoppedMinePatrols.$inferInsert) {
  return only(db.insert(stoppedMinePatrols).values(row).returning());
}

export function listPatrols(db: Db, scope: SQL | undefined, mineId?: string) {
  return db
    .select({ row: stoppedMinePatrols, mineName: mines.name, officialName: users.displayName })
    .from(stoppedMinePatrols)
    .innerJoin(mines, eq(mines.id, stoppedMinePatrols.mineId))
    .innerJoin(users, eq(users.id, stoppedMinePatrols.userId))
    .where(allOf(scope, mineId ? eq(stoppedMinePatrols.mineId, mineId) : undefined))
    .orderBy(desc(stoppedMinePatrols.visitedAt))
    .limit(listMax);
}

/** A user with its organisation's kind and region, to check a 包保责任人. */
export async function findUserUnit(db: Db, id: string) {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      kind: organisations.kind,
      regionCode: organisations.regionCode,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, id));
  return row;
}

/** Active 包保责任人 of mines still stopped, with their unit and last visit (the overdue ladder's subjects). */
export function wardensOfStoppedMines(db: Db, statuses: readonly MineStatus[]) {
  const last = db
    .select({ mineId: stoppedMinePatrols.mineId, at: max(stoppedMinePatrols.visitedAt).as('at') })
    .from(stoppedMinePatrols)
    .groupBy(stoppedMinePatrols.mineId)
    .as('last');
  return db
    .select({
      id: stoppedMineWardens.id,
      mineId: stoppedMineWardens.mineId,
      mineName: mines.name,
      userId: stoppedMineWardens.userId,
      username: users.username,
      displayName: users.displayName,
      organisationId: users.organisationId,
      since: stoppedMineWardens.since,
      lastVisitAt: last.at,
    })
    .from(stoppedMineWardens)
    .innerJoin(mines, eq(mines.id, stoppedMineWardens.mineId))
    .innerJoin(users, eq(users.id, stoppedMineWardens.userId))
    .leftJoin(last, eq(last.mineId, stoppedMineWardens.mineId))
    .where(and(isNull(stoppedMineWardens.endedAt), inArray(mines.status, [...statuses])));
}

/** The administrators of a regulator unit (told when a visit is long overdue). */
export function unitAdmins(db: Db, organisationId: string) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.role, 'regulator_admin')));
}

/** The photos (id, name) of some visits, by visit. */
export async function photosOf(db: Db, patrolIds: string[]) {
  const out = new Map<string, { id: string; fileName: string }[]>();
  if (patrolIds.length === 0) {
    return out;
  }
  const rows = await db
    .select({
      id: stoppedPatrolPhotos.id,
      patrolId: stoppedPatrolPhotos.patrolId,
      fileName: stoppedPatrolPhotos.fileName,
    })
    .from(stoppedPatrolPhotos)
    .where(inArray(stoppedPatrolPhotos.patrolId, patrolIds))
    .orderBy(stoppedPatrolPhotos.uploadedAt);
  for (const r of rows) {
    out.set(r.patrolId, [...(out.get(r.patrolId) ?? []), { id: r.id, fileName: r.fileName }]);
  }
  return out;
}

export async function findPhoto(db: Db, patrolId: string, photoId: string) {
  const [row] = await db
    .select()
    .from(stoppedPatrolPhotos)
    .where(and(eq(stoppedPatrolPhotos.id, photoId), eq(stoppedPatrolPhotos.patrolId, patrolId)));
  return row;
}

export function selectPatrols(db: Db) {
  return db
    .select({ row: stoppedMinePatrols, mineName: mines.name, officialName: users.displayName })
    .from(stoppedMinePatrols)
    .innerJoin(mines, eq(mines.id, stoppedMinePatrols.mineId))
    .innerJoin(users, eq(users.id, stoppedMinePatrols.userId));
}
