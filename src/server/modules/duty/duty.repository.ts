/**
 * @module SQL of 企业主体责任: duty records and 记分 entries with their mine and person, the leaders a
 * monthly minimum applies to, their filed dates, and the days the positioning files show them underground.
 */
import {
  and,
  arrayOverlaps,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  ne,
  sql,
  type SQL,
} from 'drizzle-orm';
import { MineStatus } from '../../../shared/registry.enums.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { people } from '../registry/person.table.ts';
import { regions } from '../registry/region.table.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import { dutyRecords, dutyScores } from './duty.table.ts';

export interface DutyFilter {
  mineScope: SQL | undefined;
  id?: string | undefined;
  region?: string | undefined;
  mineId?: string | undefined;
  personId?: string | undefined;
  /** Inclusive date range. */
  from?: string | undefined;
  to?: string | undefined;
}

/** Duty records newest first, at most `limit`. */
export function listRecords(db: Db, f: DutyFilter, limit: number) {
  return db
    .select({ record: dutyRecords, mineName: mines.name, personName: people.name })
    .from(dutyRecords)
    .innerJoin(mines, eq(mines.id, dutyRecords.mineId))
    .innerJoin(people, eq(people.id, dutyRecords.personId))
    .where(
      and(
        f.mineScope,
        mineInRegion(f.region),
        f.id ? eq(dutyRecords.id, f.id) : undefined,
        f.mineId ? eq(dutyRecords.mineId, f.mineId) : undefined,
        f.personId ? eq(dutyRecords.personId, f.personId) : undefined,
        f.from ? gte(dutyRecords.dutyOn, f.from) : undefined,
        f.to ? sql`${dutyRecords.dutyOn} <= ${f.to}` : undefined,
      ),
    )
    .orderBy(desc(dutyRecords.dutyOn), asc(people.name))
    .limit(limit);
}
export type DutyRecordRow = Awaited<ReturnType<typeof listRecords>>[number];

/** Stores a record; undefined when the person already has one of that kind on that day. */
export async function insertRecord(db: Db, values: typeof dutyRecords.$inferInsert) {
  const [row] = await db
    .insert(dutyRecords)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: dutyRecords.id });
  return row?.id;
}

/** One record with its mine and person names. */
export async function findRecord(db: Db, id: string) {
  const [row] = await listRecords(db, { mineScope: undefined, id }, 1);
  return row;
}

/**
 * The active people holding any of `roles` at the mines (not archived, not closed) of a scope, with their
 * mine's kind and status.
 */
export function leaders(
  db: Db,
  roles: string[],
  f: { mineScope: SQL | undefined; region?: string | undefined; mineId?: string | undefined },
) {
  return db
    .select({
      personId: people.id,
      personName: people.name,
      roles: people.roles,
      registeredAt: people.createdAt,
      mineId: mines.id,
      mineName: mines.name,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
      countyName: regions.name,
      kind: mines.kind,
      status: mines.status,
    })
    .from(people)
    .innerJoin(mines, eq(mines.id, people.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(
      and(
        f.mineScope,
        mineInRegion(f.region),
        f.mineId ? eq(mines.id, f.mineId) : undefined,
        isNull(people.archivedAt),
        isNull(mines.archivedAt),
        ne(mines.status, MineStatus.Closed),
        arrayOverlaps(people.roles, roles as (typeof people.$inferSelect)['roles']),
      ),
    )
    .orderBy(asc(mines.countyCode), asc(mines.name), asc(people.name));
}
export type LeaderRow = Awaited<ReturnType<typeof leaders>>[number];

/** The filed dates of these people in [from, to] (inclusive dates). */
export function filedDates(db: Db, personIds: string[], from: string, to: string) {
  if (personIds.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .select({ personId: dutyRecords.personId, kind: dutyRecords.kind, dutyOn: dutyRecords.dutyOn })
    .from(dutyRecords)
    .where(
      and(
        inArray(dutyRecords.personId, personIds),
        gte(dutyRecords.dutyOn, from),
        sql`${dutyRecords.dutyOn} <= ${to}`,
      ),
    );
}

/**
 * For the mines, the months (China time) of [from, to) in which they sent positioning data (a descent or a
 * headcount), and the China days each named card began a descent: the 带班下井 of a person is read by
 * their registered name.
 */
export async function positioning(db: Db, mineIds: string[], from: Date, to: Date) {
  if (mineIds.length === 0) {
    return { months: [], days: [] };
  }
  const ids = sql.join(
    mineIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const range = (col: string) =>
    sql`${sql.raw(col)} >= ${from.toISOString()}::timestamptz AND ${sql.raw(col)} < ${to.toISOString()}::timestamptz`;
  const months = await queryRows<{ mine_id: string; month: string }>(
    db,
    sql`SELECT DISTINCT mine_id, to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month
          FROM coal_headcounts WHERE mine_id IN (${ids}) AND ${range('at')}
        UNION
        SELECT DISTINCT mine_id, to_char(in_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month
          FROM coal_descents WHERE mine_id IN (${ids}) AND ${range('in_at')}`,
  );
  const days = await queryRows<{ mine_id: string; name: string; day: string }>(
    db,
    sql`SELECT DISTINCT d.mine_id, COALESCE(c.name, d.name) AS name,
          to_char(d.in_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
        FROM coal_descents d
        LEFT JOIN coal_cards c ON c.mine_id = d.mine_id AND c.card_code = d.card_code
        WHERE d.mine_id IN (${ids}) AND ${range('d.in_at')}`,
  );
  return { months, days };
}

/** 记分 entries with their mine and person, newest first, at most `limit`. */
export function listScores(db: Db, f: DutyFilter, limit: number) {
  return db
    .select({
      score: dutyScores,
      mineName: mines.name,
      personName: people.name,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
      countyName: regions.name,
    })
    .from(dutyScores)
    .innerJoin(mines, eq(mines.id, dutyScores.mineId))
    .innerJoin(people, eq(people.id, dutyScores.personId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(
      and(
        f.mineScope,
        mineInRegion(f.region),
        f.id ? eq(dutyScores.id, f.id) : undefined,
        f.mineId ? eq(dutyScores.mineId, f.mineId) : undefined,
        f.personId ? eq(dutyScores.personId, f.personId) : undefined,
        f.from ? gte(dutyScores.deductedOn, f.from) : undefined,
        f.to ? lt(dutyScores.deductedOn, f.to) : undefined,
      ),
    )
    .orderBy(desc(dutyScores.deductedOn), desc(dutyScores.createdAt))
    .limit(limit);
}
export type ScoreRow = Awaited<ReturnType<typeof listScores>>[number];

export async function insertScore(db: Db, values: typeof dutyScores.$inferInsert) {
  const [row] = await db.insert(dutyScores).values(values).returning({ id: dutyScores.id });
  return row?.id;
}

/** One 记分 entry with its mine and person. */
export async function findScore(db: Db, id: string) {
  const [row] = await listScores(db, { mineScope: undefined, id }, 1);
  return row;
}
