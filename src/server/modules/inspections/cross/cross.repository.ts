/**
 * @module SQL of 异地交叉执法: arrangements with their pool, the arrangements a user is a member of on a
 * day, the regulator units and inspectors an arrangement may be made of, and its mines.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { organisations, users } from '../../access/access.table.ts';
import { enterprises } from '../../registry/enterprise.table.ts';
import { mines } from '../../registry/mine.table.ts';
import { regions } from '../../registry/region.table.ts';
import { mineInRegion } from '../../registry/registry.scope.ts';
import {
  crossInspectionArrangements as arrangements,
  crossInspectionMembers,
} from './cross.table.ts';

export type ArrangementRow = typeof arrangements.$inferSelect;

/** Stores an arrangement and its pool; answers its id. */
export async function insertArrangement(
  db: Db,
  values: typeof arrangements.$inferInsert,
  memberUserIds: readonly string[],
): Promise<string> {
  const [row] = await db.insert(arrangements).values(values).returning({ id: arrangements.id });
  const id = row?.id ?? '';
  await db
    .insert(crossInspectionMembers)
    .values(memberUserIds.map((userId) => ({ arrangementId: id, userId })));
  return id;
}

/** An arrangement by id (no scope: the service decides who may see it), FOR UPDATE when changing it. */
export async function findArrangement(
  db: Db,
  id: string,
  lock = false,
): Promise<ArrangementRow | undefined> {
  const q = db.select().from(arrangements).where(eq(arrangements.id, id));
  const [row] = await (lock ? q.for('update') : q);
  return row;
}

/** Ends an arrangement early. */
export async function endArrangement(db: Db, id: string, endedOn: string, reason: string) {
  await db.update(arrangements).set({ endedOn, endReason: reason }).where(eq(arrangements.id, id));
}

/** The last day an arrangement is in force: the day before it was ended early, else its end date. */
const lastDay = sql`CASE WHEN ${arrangements.endedOn} IS NOT NULL AND ${arrangements.endedOn} <= ${arrangements.endsOn}
  THEN ${arrangements.endedOn} - 1 ELSE ${arrangements.endsOn} END`;

/** In force on `day`: started, not past its last day. */
function inForceOn(day: string): SQL {
  return sql`${arrangements.startsOn} <= ${day}::date AND ${lastDay} >= ${day}::date`;
}

/** The arrangements in force on `day` whose pool holds the user. */
export async function activeArrangementsOf(
  db: Db,
  userId: string,
  day: string,
): Promise<ArrangementRow[]> {
  return db
    .select({ a: arrangements })
    .from(arrangements)
    .innerJoin(crossInspectionMembers, eq(crossInspectionMembers.arrangementId, arrangements.id))
    .where(and(eq(crossInspectionMembers.userId, userId), inForceOn(day)))
    .orderBy(asc(arrangements.startsOn))
    .then((rows) => rows.map((r) => r.a));
}

/**
 * Arrangements made by units whose region lies under `prefix` (none: every one), or in force on `day`
 * with the user in their pool; newest first.
 */
export async function listArrangements(
  db: Db,
  f: { creatorPrefix: string | null | undefined; userId: string; day: string },
  limit: number,
): Promise<ArrangementRow[]> {
  const member = sql`EXISTS (SELECT 1 FROM ${crossInspectionMembers} m
    WHERE m.arrangement_id = ${arrangements.id} AND m.user_id = ${f.userId})`;
  const own =
    f.creatorPrefix === undefined
      ? sql`TRUE`
      : f.creatorPrefix === null
        ? sql`FALSE`
        : sql`${arrangements.organisationRegion} LIKE ${`${f.creatorPrefix}%`}`;
  return db
    .select()
    .from(arrangements)
    .where(or(own, and(member, inForceOn(f.day))))
    .orderBy(desc(arrangements.startsOn), desc(arrangements.createdAt))
    .limit(limit);
}

/** The pool of an arrangement with names and units, by name. */
export async function membersOf(db: Db, arrangementId: string) {
  return db
    .select({ userId: users.id, name: users.displayName, unit: organisations.name })
    .from(crossInspectionMembers)
    .innerJoin(users, eq(users.id, crossInspectionMembers.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(crossInspectionMembers.arrangementId, arrangementId))
    .orderBy(asc(users.displayName));
}

/** Regulator units by id, with their region. */
export async function regulatorUnits(db: Db, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      regionCode: organisations.regionCode,
    })
    .from(organisations)
    .where(and(inArray(organisations.id, [...ids]), eq(organisations.kind, 'regulator')));
}

/** Active inspectors and regulator administrators by id, with their unit. */
export async function activeInspectors(db: Db, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ userId: users.id, organisationId: users.organisationId })
    .from(users)
    .where(
      and(
        inArray(users.id, [...ids]),
        inArray(users.role, ['inspector', 'regulator_admin']),
        isNull(users.disabledAt),
      ),
    );
}

/** A region's name, if the code exists. */
export async function regionName(db: Db, code: string): Promise<string | undefined> {
  const [row] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, code));
  return row?.name;
}

/** The mines of a region that are not archived, by county and name. */
export async function minesOfRegion(db: Db, region: string, limit: number) {
  return db
    .select({
      id: mines.id,
      name: mines.name,
      kind: mines.kind,
      status: mines.status,
      countyCode: mines.countyCode,
      enterpriseName: enterprises.name,
    })
    .from(mines)
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .where(and(mineInRegion(region), isNull(mines.archivedAt)))
    .orderBy(asc(mines.countyCode), asc(mines.name), asc(mines.id))
    .limit(limit);
}

/** Whether a user is in an arrangement's pool. */
export async function isMember(db: Db, arrangementId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: crossInspectionMembers.userId })
    .from(crossInspectionMembers)
    .where(
      and(
        eq(crossInspectionMembers.arrangementId, arrangementId),
        eq(crossInspectionMembers.userId, userId),
      ),
    );
  return row !== undefined;
}

/** An organisation's name. */
export async function organisationName(db: Db, id: string): Promise<string> {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row?.name ?? '';
}
