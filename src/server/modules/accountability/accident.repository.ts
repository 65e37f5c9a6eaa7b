/**
 * @module SQL for accidents, their chain notices and 约谈, and the accident statistics.
 */
import {
  and,
  asc,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { AccidentGrade, AccidentKind } from '../../../shared/accidents.ts';
import { groupBy } from '../../../shared/collections.ts';
import { shanghaiMidnight } from '../../../shared/dates.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { enterprises } from '../registry/enterprise.table.ts';
import { mines } from '../registry/mine.table.ts';
import { likeText, mineInRegion } from '../registry/registry.scope.ts';
import { regions } from '../registry/region.table.ts';
import {
  accidentInterviews,
  accidentParties,
  accidents,
  accidentSteps,
  chainNotices,
} from './accident.table.ts';

function selectAccidents(db: Db) {
  return db
    .select({
      accident: accidents,
      mineName: mines.name,
      mineKind: mines.kind,
      countyCode: mines.countyCode,
      countyName: regions.name,
    })
    .from(accidents)
    .innerJoin(mines, eq(mines.id, accidents.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode));
}
export type AccidentRow = Awaited<
  ReturnType<ReturnType<typeof selectAccidents>['execute']>
>[number];

/** The select of one accident with its mine's name and county, for visibleByMine. */
export function accidentSelect(db: Db) {
  return selectAccidents(db).$dynamic();
}

export interface AccidentFilter {
  mineScope: SQL | undefined;
  /** A region code: accidents at mines in its subtree. */
  region?: string | undefined;
  /** A Beijing calendar year. */
  year?: number | undefined;
  /** Accidents that occurred at or after this instant. */
  since?: Date | undefined;
  grade?: AccidentGrade | undefined;
  kind?: AccidentKind | undefined;
  /** Text in the mine's name or the place. */
  q?: string | undefined;
}

/** Accidents newest first, at most `limit`. */
export async function listAccidents(db: Db, f: AccidentFilter, limit: number) {
  return selectAccidents(db)
    .where(
      and(
        f.mineScope,
        mineInRegion(f.region),
        f.since ? gte(accidents.occurredAt, f.since) : undefined,
        f.year
          ? and(
              gte(accidents.occurredAt, shanghaiMidnight(`${f.year}-01-01`)),
              lt(accidents.occurredAt, shanghaiMidnight(`${f.year + 1}-01-01`)),
            )
          : undefined,
        f.grade ? eq(accidents.grade, f.grade) : undefined,
        f.kind ? eq(accidents.kind, f.kind) : undefined,
        f.q
          ? or(ilike(mines.name, likeText(f.q)), ilike(accidents.place, likeText(f.q)))
          : undefined,
      ),
    )
    .orderBy(desc(accidents.occurredAt))
    .limit(limit);
}

export async function insertAccident(db: Db, values: typeof accidents.$inferInsert) {
  const [row] = await db.insert(accidents).values(values).returning({ id: accidents.id });
  return row?.id;
}

/** The chain notices given for an accident, in the order they were given. */
export async function chainNoticesOf(db: Db, accidentId: string) {
  return db
    .select()
    .from(chainNotices)
    .where(eq(chainNotices.accidentId, accidentId))
    .orderBy(asc(chainNotices.reportedAt));
}

/** The chain notices of several accidents in one statement, by accident, each in reporting order. */
export async function chainNoticesOfMany(db: Db, accidentIds: string[]) {
  const rows =
    accidentIds.length === 0
      ? []
      : await db
          .select()
          .from(chainNotices)
          .where(inArray(chainNotices.accidentId, accidentIds))
          .orderBy(asc(chainNotices.reportedAt));
  return groupBy(rows, (r) => r.accidentId);
}

/** Records a chain notice; undefined when that step was recorded before (each step once). */
export async function insertChainNotice(db: Db, values: typeof chainNotices.$inferInsert) {
  const [row] = await db
    .insert(chainNotices)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: chainNotices.id });
  return row?.id;
}

export async function interviewsOf(db: Db, accidentId: string) {
  return db
    .select()
    .from(accidentInterviews)
    .where(eq(accidentInterviews.accidentId, accidentId))
    .orderBy(asc(accidentInterviews.party));
}

export async function findInterview(db: Db, accidentId: string, interviewId: string) {
  const [row] = await db
    .select()
    .from(accidentInterviews)
    .where(
      and(eq(accidentInterviews.id, interviewId), eq(accidentInterviews.accidentId, accidentId)),
    );
  return row;
}

export async function insertInterviews(db: Db, values: (typeof accidentInterviews.$inferInsert)[]) {
  await db.insert(accidentInterviews).values(values);
}

export async function updateInterview(
  db: Db,
  id: string,
  set: Partial<typeof accidentInterviews.$inferInsert>,
  at: Date,
) {
  await db
    .update(accidentInterviews)
    .set({ ...set, updatedAt: at, version: sql`${accidentInterviews.version} + 1` })
    .where(eq(accidentInterviews.id, id));
}

/** The enterprise's name and its parent company (the parties of a 约谈). */
export async function findEnterpriseParties(db: Db, enterpriseId: string) {
  const [row] = await db
    .select({ name: enterprises.name, parent: enterprises.parentCompany })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  return row;
}

export interface AccidentTallyRow {
  key: string;
  accidents: number;
  deaths: number;
  injuries: number;
  lossYuan: number;
}

export interface AccidentStatsFilter {
  mineScope: SQL | undefined;
  region?: string | undefined;
  fromYear: number;
  toYear: number;
}

/** The Beijing calendar year of an accident (a = accidents). */
const yearOf = sql`extract(year from (a.occurred_at AT TIME ZONE 'UTC') + interval '8 hours')::int`;

function statsWhere(f: AccidentStatsFilter) {
  const where = and(f.mineScope, mineInRegion(f.region)) ?? sql`TRUE`;
  return sql`${where} AND ${yearOf} BETWEEN ${f.fromYear} AND ${f.toYear}`;
}

/** Accidents, deaths, serious injuries and loss per year or per kind. */
export async function accidentTallies(
  db: Db,
  f: AccidentStatsFilter,
  by: 'year' | 'kind',
): Promise<AccidentTallyRow[]> {
  const key = by === 'year' ? yearOf : sql`a.kind`;
  const rows = await queryRows<AccidentTallyRow>(
    db,
    sql`SELECT ${key} AS key, count(*)::int AS accidents, coalesce(sum(a.deaths), 0)::int AS deaths,
              coalesce(sum(a.serious_injuries), 0)::int AS injuries, coalesce(sum(a.direct_loss_yuan), 0)::float AS "lossYuan"
            FROM accidents a JOIN mines ON mines.id = a.mine_id
           WHERE ${statsWhere(f)}
           GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => ({ ...r, key: String(r.key) }));
}

/**
 * The same per region at the level whose codes share their first `prefixLength` digits (a province's
 * cities: 4, a city's counties: 6), most deaths first, with the region's name where it is registered.
 */
export async function accidentTalliesByRegion(
  db: Db,
  f: AccidentStatsFilter,
  prefixLength: number,
) {
  const child = sql`rpad(substr(mines.county_code, 1, ${prefixLength}), 6, '0')`;
  return queryRows<AccidentTallyRow & { name: string | null }>(
    db,
    sql`SELECT t.*, r.name FROM (
          SELECT ${child} AS key, count(*)::int AS accidents, coalesce(sum(a.deaths), 0)::int AS deaths,
                 coalesce(sum(a.serious_injuries), 0)::int AS injuries, coalesce(sum(a.direct_loss_yuan), 0)::float AS "lossYuan"
            FROM accidents a JOIN mines ON mines.id = a.mine_id
           WHERE ${statsWhere(f)} GROUP BY 1) t
        LEFT JOIN regions r ON r.code = t.key ORDER BY t.deaths DESC, t.accidents DESC, t.key`,
  );
}

/** Accidents per grade. */
export async function accidentGradeCounts(db: Db, f: AccidentStatsFilter) {
  return queryRows<{ grade: AccidentGrade; n: number }>(
    db,
    sql`SELECT a.grade, count(*)::int AS n FROM accidents a JOIN mines ON mines.id = a.mine_id
         WHERE ${statsWhere(f)} GROUP BY 1 ORDER BY 1`,
  );
}

/** Changes the accident's workflow columns, with its version. */
export async function updateAccident(
  db: Db,
  id: string,
  set: Partial<typeof accidents.$inferInsert>,
  at: Date,
) {
  await db
    .update(accidents)
    .set({ ...set, updatedAt: at, version: sql`${accidents.version} + 1` })
    .where(eq(accidents.id, id));
}

export async function insertParties(db: Db, values: (typeof accidentParties.$inferInsert)[]) {
  if (values.length > 0) {
    await db.insert(accidentParties).values(values);
  }
}

/** The responsible parties of the 调查认定, in the order given. */
export async function partiesOf(db: Db, accidentId: string) {
  return db
    .select()
    .from(accidentParties)
    .where(eq(accidentParties.accidentId, accidentId))
    .orderBy(asc(accidentParties.sortOrder));
}

export async function insertStep(db: Db, values: typeof accidentSteps.$inferInsert) {
  await db.insert(accidentSteps).values(values);
}

/** The accident's timeline after its filing, oldest first. */
export async function stepsOf(db: Db, accidentId: string) {
  return db
    .select()
    .from(accidentSteps)
    .where(eq(accidentSteps.accidentId, accidentId))
    .orderBy(asc(accidentSteps.seq));
}

/** The accidents with a death at a mine whose 整改 is not yet accepted (they hold back its resumption). */
export async function fatalAccidentsNotRectified(db: Db, mineId: string) {
  return db
    .select({
      id: accidents.id,
      occurredAt: accidents.occurredAt,
      kind: accidents.kind,
      place: accidents.place,
      deaths: accidents.deaths,
    })
    .from(accidents)
    .where(
      and(
        eq(accidents.mineId, mineId),
        gte(accidents.deaths, 1),
        isNull(accidents.rectificationAcceptedOn),
        // Not an accident the mine already resumed production after (recorded before this rule, or
        // resumed by a decision of its own): from the day of its latest return to 生产 on.
        sql`${accidents.occurredAt} >= coalesce(
          (SELECT (max(c.effective_date)::timestamp AT TIME ZONE 'Asia/Shanghai')
             FROM mine_status_changes c WHERE c.mine_id = ${mineId} AND c.to_status = '生产'),
          '-infinity'::timestamptz)`,
      ),
    )
    .orderBy(asc(accidents.occurredAt));
}
