/**
 * @module SQL for hazards and their timeline.
 */
import {
  and,
  asc,
  count,
  eq,
  getTableColumns,
  gte,
  ilike,
  inArray,
  isNotNull,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { users } from '../access/access.table.ts';
import { likeText, mineRegionCondition } from '../registry/registry.scope.ts';
import type { Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { regions } from '../registry/region.table.ts';
import {
  hazardCriteria,
  hazardEvents,
  hazardStandards,
  hazards,
  selfInspectionReports,
} from './hazard.table.ts';
import { HazardState, type HazardSource } from '../../../shared/hazard.enums.ts';
import type { MineStatus } from '../../../shared/registry.enums.ts';

/** A hazard's select with its mine and criterion (visibleByMine takes it). */
export function selectHazards(db: Db) {
  return db
    .select({
      hazard: hazards,
      mineName: mines.name,
      mineKind: mines.kind,
      countyCode: mines.countyCode,
      countyName: regions.name,
      criterionCode: hazardCriteria.code,
      criterionText: hazardCriteria.text,
      criterionVerified: hazardCriteria.verified,
      standardCode: hazardStandards.code,
      standardVersion: hazardStandards.version,
    })
    .from(hazards)
    .innerJoin(mines, eq(mines.id, hazards.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .innerJoin(hazardCriteria, eq(hazardCriteria.id, hazards.criterionId))
    .innerJoin(hazardStandards, eq(hazardStandards.id, hazardCriteria.standardId));
}
export type HazardJoinedRow = Awaited<
  ReturnType<ReturnType<typeof selectHazards>['execute']>
>[number];

export async function findHazard(db: Db, id: string, mineScope: SQL | undefined) {
  const [row] = await selectHazards(db).where(and(eq(hazards.id, id), mineScope));
  return row;
}

export interface HazardFilter {
  mineScope: SQL | undefined;
  regionPrefix?: string | undefined;
  mineId?: string | undefined;
  state?: HazardState[] | undefined;
  source?: HazardSource[] | undefined;
  /** Deadline before this date and not yet 销号. */
  overdueBefore?: string | undefined;
  supervised?: boolean | undefined;
  /** Text in the mine's name, the description or the location. */
  q?: string | undefined;
  /** Found on or after / on or before these dates. */
  from?: string | undefined;
  to?: string | undefined;
}

export function filterCondition(f: HazardFilter) {
  return and(
    f.mineScope,
    mineRegionCondition(f.regionPrefix),
    f.mineId ? eq(hazards.mineId, f.mineId) : undefined,
    f.state?.length ? inArray(hazards.state, f.state) : undefined,
    f.source?.length ? inArray(hazards.source, f.source) : undefined,
    f.overdueBefore
      ? sql`${hazards.deadline} < ${f.overdueBefore} AND ${hazards.state} <> ${HazardState.Closed}`
      : undefined,
    f.supervised === undefined ? undefined : eq(hazards.supervised, f.supervised),
    f.q
      ? or(
          ilike(mines.name, likeText(f.q)),
          ilike(hazards.description, likeText(f.q)),
          ilike(hazards.location, likeText(f.q)),
        )
      : undefined,
    f.from ? gte(hazards.foundOn, f.from) : undefined,
    f.to ? lte(hazards.foundOn, f.to) : undefined,
  );
}

/** A page ordered by (found on, id), newest first. */
export async function listHazards(
  db: Db,
  f: HazardFilter,
  page: { limit: number; after?: [string, string] | undefined },
) {
  return selectHazards(db)
    .where(
      and(
        filterCondition(f),
        page.after
          ? sql`(${hazards.foundOn}, ${hazards.id}) < (${page.after[0]}::date, ${page.after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(sql`${hazards.foundOn} DESC`, sql`${hazards.id} DESC`)
    .limit(page.limit);
}

/** The open hazards past their deadline, counted per deadline (the home's ladder breakdown). */
export async function overdueDeadlines(db: Db, f: HazardFilter, today: string) {
  return db
    .select({ deadline: hazards.deadline, n: count() })
    .from(hazards)
    .innerJoin(mines, eq(mines.id, hazards.mineId))
    .where(and(filterCondition({ ...f, overdueBefore: today }), isOpen))
    .groupBy(hazards.deadline);
}

/** Open hazards by their deadline, the nearest first (those without one last). */
export async function openByDeadline(db: Db, f: HazardFilter, limit: number) {
  return selectHazards(db)
    .where(and(filterCondition(f), isOpen))
    .orderBy(sql`${hazards.deadline} ASC NULLS LAST`, sql`${hazards.id}`)
    .limit(limit);
}

/** Open hazards (the working set, read through its partial index). */
export const isOpen = sql`${hazards.state} <> ${HazardState.Closed}`;
export const isClosed = sql`${hazards.state} = ${HazardState.Closed}`;

export async function countHazards(db: Db, f: HazardFilter, also?: SQL) {
  const [row] = await db
    .select({ n: count() })
    .from(hazards)
    .innerJoin(mines, eq(mines.id, hazards.mineId))
    .where(and(filterCondition(f), also));
  return row?.n ?? 0;
}

export async function insertHazard(db: Db, values: typeof hazards.$inferInsert) {
  const [row] = await db.insert(hazards).values(values).returning({ id: hazards.id });
  return row?.id ?? '';
}

export async function updateHazardRow(
  db: Db,
  id: string,
  set: Partial<typeof hazards.$inferInsert>,
  at: Date,
) {
  await db
    .update(hazards)
    .set({ ...set, updatedAt: at, version: sql`${hazards.version} + 1` })
    .where(eq(hazards.id, id));
}

export async function insertHazardEvent(db: Db, values: typeof hazardEvents.$inferInsert) {
  await db.insert(hazardEvents).values(values);
}

/** A hazard's timeline, oldest first, with the display name of each user who acted. */
export async function timelineOf(db: Db, hazardId: string) {
  return db
    .select({ ...getTableColumns(hazardEvents), actorName: users.displayName })
    .from(hazardEvents)
    .leftJoin(users, eq(users.id, hazardEvents.actorId))
    .where(eq(hazardEvents.hazardId, hazardId))
    .orderBy(asc(hazardEvents.id));
}

export async function findCriterion(db: Db, id: string) {
  const [row] = await db.select().from(hazardCriteria).where(eq(hazardCriteria.id, id));
  return row;
}

/** The latest hazard of the same criterion code at the mine that was 销号 on or after `since`. */
export async function findRecentlyClosedSame(
  db: Db,
  mineId: string,
  criterionCode: string,
  since: string,
) {
  const [row] = await db
    .select({ id: hazards.id })
    .from(hazards)
    .innerJoin(hazardCriteria, eq(hazardCriteria.id, hazards.criterionId))
    .where(
      and(
        eq(hazards.mineId, mineId),
        eq(hazardCriteria.code, criterionCode),
        eq(hazards.state, HazardState.Closed),
        sql`(${hazards.closedAt} AT TIME ZONE 'Asia/Shanghai')::date >= ${since}::date`,
      ),
    )
    .orderBy(sql`${hazards.closedAt} DESC`)
    .limit(1);
  return row;
}

/**
 * Hazards under rectification (治理中) whose deadline is on or before `latestDeadline`: the candidates
 * of the escalation ladder, with the facts its notices name and its recipients are picked by.
 */
export async function rectifyingDueBy(db: Db, latestDeadline: string) {
  return db
    .select({
      id: hazards.id,
      deadline: hazards.deadline,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
      mineName: mines.name,
      criterionCode: hazardCriteria.code,
    })
    .from(hazards)
    .innerJoin(mines, eq(mines.id, hazards.mineId))
    .innerJoin(hazardCriteria, eq(hazardCriteria.id, hazards.criterionId))
    .where(
      and(
        eq(hazards.state, HazardState.Rectifying),
        isNotNull(hazards.deadline),
        lte(hazards.deadline, latestDeadline),
      ),
    );
}

/** Found-on dates of every hazard at producing mines in scope, with the mine's facts. */
export async function hazardDatesOfProducingMines(
  db: Db,
  f: HazardFilter,
  producingStatus: MineStatus,
) {
  return db
    .select({
      mineId: mines.id,
      mineName: mines.name,
      countyName: regions.name,
      foundOn: hazards.foundOn,
      hazardId: hazards.id,
    })
    .from(hazards)
    .innerJoin(mines, eq(mines.id, hazards.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(and(filterCondition(f), eq(mines.status, producingStatus)));
}

/** Every criterion of the catalogue (the demo seed picks from them). */
export async function allCriteria(db: Db) {
  return db.select().from(hazardCriteria);
}

/** The id of the criterion with this code that applies to a mine kind (any one), if any. */
export async function criterionIdFor(db: Db, code: string, kind: string) {
  const [row] = await db
    .select({ id: hazardCriteria.id })
    .from(hazardCriteria)
    .where(
      and(eq(hazardCriteria.code, code), sql`${kind} = ANY(${hazardCriteria.applicableKinds})`),
    )
    .limit(1);
  return row?.id;
}

/** Inserts timeline steps in one statement (the demo seed). */
export async function insertHazardEvents(db: Db, values: (typeof hazardEvents.$inferInsert)[]) {
  if (values.length) {
    await db.insert(hazardEvents).values(values);
  }
}

/** The mine and found-on date of every hazard. */
export async function foundDates(db: Db) {
  return db.select({ mineId: hazards.mineId, foundOn: hazards.foundOn }).from(hazards);
}

/** Inserts monthly self-inspection reports in one statement (the demo seed). */
export async function insertSelfInspectionReports(
  db: Db,
  values: (typeof selfInspectionReports.$inferInsert)[],
) {
  if (values.length) {
    await db.insert(selfInspectionReports).values(values);
  }
}
