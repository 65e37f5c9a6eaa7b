/**
 * @module SQL of the dynamic analysis: one scan of the hazards in scope grouped by every dimension at
 * once (GROUPING SETS), plus the slowest open hazards and the repeat offenders.
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { HazardState } from '../../../shared/hazard.enums.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { regions } from '../registry/region.table.ts';
import { hazardCriteria, hazards } from './hazard.table.ts';
import { filterCondition, type HazardFilter } from './hazard.repository.ts';

/** The dimensions of the grouped scan; `all` is the grand total. */
export type Dimension =
  'all' | 'kind' | 'source' | 'category' | 'age' | 'foundMonth' | 'closedMonth' | 'foundYear';

export interface GroupRow {
  dim: Dimension;
  key: string | null;
  part: string | null;
  total: number;
  open: number;
  overdue: number;
  closed: number;
  /** Closed on or before `closedBy` (the stock target's due date). */
  closedBy: number;
}

/** Upper bounds (days since found, inclusive) of the age buckets of open hazards; the last is open-ended. */
export const ageBuckets = [30, 90, 180, 365] as const;

function ageBucketSql(today: string) {
  const days = sql`(${today}::date - ${hazards.foundOn})`;
  const whens = ageBuckets.map(
    (upTo, i) => sql`WHEN ${days} <= ${upTo} THEN ${String(i).padStart(2, '0')}`,
  );
  return sql`CASE ${sql.join(whens, sql` `)} ELSE ${String(ageBuckets.length).padStart(2, '0')} END`;
}

/**
 * Every breakdown in one pass over the hazards in scope. Months are YYYY-MM in China time; found and
 * closed months before `monthsFrom` are left out of their groups (their key is null).
 */
export async function groupedCounts(
  db: Db,
  f: HazardFilter,
  p: { today: string; monthsFrom: string; closedBy: string },
): Promise<GroupRow[]> {
  const open = sql`${hazards.state} <> ${HazardState.Closed}`;
  const closedOn = sql`(${hazards.closedAt} AT TIME ZONE 'Asia/Shanghai')::date`;
  const inner = sql`
    SELECT ${mines.kind} AS kind, ${hazards.source} AS source, ${hazardCriteria.part} AS part,
      COALESCE(${hazardCriteria.parentCode}, ${hazardCriteria.code}) AS category,
      (${open}) AS open,
      (${open} AND ${hazards.deadline} < ${p.today}::date) AS overdue,
      (NOT (${open}) AND ${closedOn} <= ${p.closedBy}::date) AS closed_by,
      CASE WHEN ${open} THEN ${ageBucketSql(p.today)} END AS age,
      CASE WHEN ${hazards.foundOn} >= ${p.monthsFrom}::date THEN to_char(${hazards.foundOn}, 'YYYY-MM') END AS found_month,
      CASE WHEN ${closedOn} >= ${p.monthsFrom}::date THEN to_char(${closedOn}, 'YYYY-MM') END AS closed_month,
      to_char(${hazards.foundOn}, 'YYYY') AS found_year
    FROM ${hazards}
    INNER JOIN ${mines} ON ${mines.id} = ${hazards.mineId}
    INNER JOIN ${hazardCriteria} ON ${hazardCriteria.id} = ${hazards.criterionId}
    WHERE ${filterCondition(f) ?? sql`true`}`;
  return queryRows<GroupRow>(
    db,
    sql`SELECT
      CASE WHEN GROUPING(kind) = 0 THEN 'kind' WHEN GROUPING(source) = 0 THEN 'source'
        WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(age) = 0 THEN 'age'
        WHEN GROUPING(found_month) = 0 THEN 'foundMonth' WHEN GROUPING(closed_month) = 0 THEN 'closedMonth'
        WHEN GROUPING(found_year) = 0 THEN 'foundYear' ELSE 'all' END AS dim,
      COALESCE(kind, source, category, age, found_month, closed_month, found_year) AS key,
      part,
      count(*)::int AS total,
      (count(*) FILTER (WHERE open))::int AS open,
      (count(*) FILTER (WHERE overdue))::int AS overdue,
      (count(*) FILTER (WHERE NOT open))::int AS closed,
      (count(*) FILTER (WHERE closed_by))::int AS "closedBy"
    FROM (${inner}) t
    GROUP BY GROUPING SETS ((), (kind), (source), (part, category), (age), (found_month), (closed_month), (found_year))`,
  );
}

/** Texts of the top-level items (categories) named by code, from any version of their standard. */
export async function categoryTexts(db: Db, codes: string[]) {
  if (codes.length === 0) {
    return new Map<string, string>();
  }
  const rows = await db
    .selectDistinctOn([hazardCriteria.code], {
      code: hazardCriteria.code,
      text: hazardCriteria.text,
    })
    .from(hazardCriteria)
    .where(inArray(hazardCriteria.code, codes))
    .orderBy(hazardCriteria.code);
  return new Map(rows.map((r) => [r.code, r.text]));
}

/** The open hazards found longest ago (整改进展缓慢). */
export async function oldestOpen(db: Db, f: HazardFilter, limit: number) {
  return db
    .select({
      id: hazards.id,
      mineId: mines.id,
      mineName: mines.name,
      countyName: regions.name,
      criterionCode: hazardCriteria.code,
      state: hazards.state,
      foundOn: hazards.foundOn,
      deadline: hazards.deadline,
      supervised: hazards.supervised,
    })
    .from(hazards)
    .innerJoin(mines, eq(mines.id, hazards.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .innerJoin(hazardCriteria, eq(hazardCriteria.id, hazards.criterionId))
    .where(and(filterCondition(f), sql`${hazards.state} <> ${HazardState.Closed}`))
    .orderBy(asc(hazards.foundOn), asc(hazards.id))
    .limit(limit);
}

/** Mines with the most 屡改屡犯 hazards, with their hazard counts. */
export async function repeatOffenders(db: Db, f: HazardFilter, limit: number) {
  const repeats = sql<number>`(count(*) FILTER (WHERE ${hazards.repeatOf} IS NOT NULL))::int`;
  return db
    .select({
      mineId: mines.id,
      mineName: mines.name,
      countyName: regions.name,
      repeats,
      hazards: count(),
      open: sql<number>`(count(*) FILTER (WHERE ${hazards.state} <> ${HazardState.Closed}))::int`,
    })
    .from(hazards)
    .innerJoin(mines, eq(mines.id, hazards.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(
      and(
        filterCondition(f),
        sql`${hazards.mineId} IN (SELECT mine_id FROM hazards WHERE repeat_of IS NOT NULL)`,
      ),
    )
    .groupBy(mines.id, mines.name, regions.name)
    .orderBy(sql`${repeats} DESC`, asc(mines.name))
    .limit(limit);
}
