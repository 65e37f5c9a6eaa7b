/**
 * @module SQL of the dynamic analysis. The open working set is read live in one grouped scan
 * (GROUPING SETS over the partial index of open hazards); the closed history comes from the
 * trigger-kept rollup `hazard_closed_stats` when the caller sees whole counties, and from a live
 * grouped scan otherwise (an enterprise's or a mine's own hazards). Both give rows of the same shape.
 */
import { and, asc, count, eq, inArray, like, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { regions } from '../registry/region.table.ts';
import { hazardClosedStats, hazardCriteria, hazards } from './hazard.table.ts';
import { filterCondition, isClosed, isOpen, type HazardFilter } from './hazard.repository.ts';

/** Dimensions of the open working set; `all` is its total. */
export type OpenDimension =
  'all' | 'state' | 'kind' | 'source' | 'category' | 'age' | 'foundMonth' | 'foundYear';

export interface OpenRow {
  dim: OpenDimension;
  key: string | null;
  part: string | null;
  open: number;
  overdue: number;
  supervised: number;
}

/** Dimensions of the closed history (as kept in hazard_closed_stats). */
export type ClosedDimension =
  'kind' | 'source' | 'category' | 'foundMonth' | 'closedMonth' | 'foundYearClosedMonth';

export interface ClosedRow {
  dim: ClosedDimension;
  key: string;
  part: string;
  closed: number;
}

/** Upper bounds (days since found, inclusive) of the age buckets of open hazards; the last is open-ended. */
export const ageBuckets = [30, 90, 180, 365] as const;

const category = sql`COALESCE(${hazardCriteria.parentCode}, ${hazardCriteria.code})`;
const closedMonth = sql`to_char((${hazards.closedAt} AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM')`;

function ageBucketSql(today: string) {
  const days = sql`(${today}::date - ${hazards.foundOn})`;
  const whens = ageBuckets.map(
    (upTo, i) => sql`WHEN ${days} <= ${upTo} THEN ${String(i).padStart(2, '0')}`,
  );
  return sql`CASE ${sql.join(whens, sql` `)} ELSE ${String(ageBuckets.length).padStart(2, '0')} END`;
}

function joinedWhere(where: ReturnType<typeof sql>) {
  return sql`FROM ${hazards}
    INNER JOIN ${mines} ON ${mines.id} = ${hazards.mineId}
    INNER JOIN ${hazardCriteria} ON ${hazardCriteria.id} = ${hazards.criterionId}
    WHERE ${where}`;
}

/** The open hazards in scope, grouped by every dimension in one pass. */
export async function openGroupedCounts(
  db: Db,
  f: HazardFilter,
  p: { today: string; monthsFrom: string },
): Promise<OpenRow[]> {
  const inner = sql`
    SELECT ${hazards.state} AS state, ${mines.kind} AS kind, ${hazards.source} AS source,
      ${hazardCriteria.part} AS part, ${category} AS category,
      (${hazards.deadline} < ${p.today}::date) AS overdue, ${hazards.supervised} AS supervised,
      ${ageBucketSql(p.today)} AS age,
      CASE WHEN ${hazards.foundOn} >= ${p.monthsFrom}::date THEN to_char(${hazards.foundOn}, 'YYYY-MM') END AS found_month,
      to_char(${hazards.foundOn}, 'YYYY') AS found_year
    ${joinedWhere(and(isOpen, filterCondition(f)) ?? isOpen)}`;
  return queryRows<OpenRow>(
    db,
    sql`SELECT
      CASE WHEN GROUPING(state) = 0 THEN 'state' WHEN GROUPING(kind) = 0 THEN 'kind'
        WHEN GROUPING(source) = 0 THEN 'source' WHEN GROUPING(category) = 0 THEN 'category'
        WHEN GROUPING(age) = 0 THEN 'age' WHEN GROUPING(found_month) = 0 THEN 'foundMonth'
        WHEN GROUPING(found_year) = 0 THEN 'foundYear' ELSE 'all' END AS dim,
      COALESCE(state, kind, source, category, age, found_month, found_year) AS key,
      part,
      count(*)::int AS open,
      (count(*) FILTER (WHERE overdue))::int AS overdue,
      (count(*) FILTER (WHERE supervised))::int AS supervised
    FROM (${inner}) t
    GROUP BY GROUPING SETS ((), (state), (kind), (source), (part, category), (age), (found_month), (found_year))`,
  );
}

/** The closed history of the counties under `countyPrefix` (all counties when empty), from the rollup. */
export async function closedStatsFromRollup(db: Db, countyPrefix: string): Promise<ClosedRow[]> {
  const total = sql<number>`sum(${hazardClosedStats.closed})::int`;
  return (await db
    .select({
      dim: hazardClosedStats.dim,
      key: hazardClosedStats.key,
      part: hazardClosedStats.part,
      closed: total,
    })
    .from(hazardClosedStats)
    .where(countyPrefix ? like(hazardClosedStats.countyCode, `${countyPrefix}%`) : undefined)
    .groupBy(hazardClosedStats.dim, hazardClosedStats.key, hazardClosedStats.part)
    .having(sql`${total} > 0`)) as ClosedRow[];
}

/** The closed history of the hazards matching `f`, grouped live like the rollup. */
export async function closedStatsLive(db: Db, f: HazardFilter): Promise<ClosedRow[]> {
  const inner = sql`
    SELECT ${mines.kind} AS kind, ${hazards.source} AS source, ${hazardCriteria.part} AS part,
      ${category} AS category, to_char(${hazards.foundOn}, 'YYYY-MM') AS found_month,
      ${closedMonth} AS closed_month,
      to_char(${hazards.foundOn}, 'YYYY') || '|' || ${closedMonth} AS fy_cm
    ${joinedWhere(and(isClosed, filterCondition(f)) ?? isClosed)}`;
  return queryRows<ClosedRow>(
    db,
    sql`SELECT
      CASE WHEN GROUPING(kind) = 0 THEN 'kind' WHEN GROUPING(source) = 0 THEN 'source'
        WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(found_month) = 0 THEN 'foundMonth'
        WHEN GROUPING(closed_month) = 0 THEN 'closedMonth' ELSE 'foundYearClosedMonth' END AS dim,
      COALESCE(kind, source, category, found_month, closed_month, fy_cm) AS key,
      COALESCE(part, '') AS part,
      count(*)::int AS closed
    FROM (${inner}) t
    GROUP BY GROUPING SETS ((kind), (source), (part, category), (found_month), (closed_month), (fy_cm))`,
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
    .where(and(filterCondition(f), isOpen))
    .orderBy(asc(hazards.foundOn), asc(hazards.id))
    .limit(limit);
}

/** Mines with the most 屡改屡犯 hazards (read through the partial index of repeats), with their hazard counts. */
export async function repeatOffenders(db: Db, f: HazardFilter, limit: number) {
  const repeats = sql<number>`count(*)::int`;
  const top = await db
    .select({ mineId: mines.id, mineName: mines.name, countyName: regions.name, repeats })
    .from(hazards)
    .innerJoin(mines, eq(mines.id, hazards.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(and(filterCondition(f), sql`${hazards.repeatOf} IS NOT NULL`))
    .groupBy(mines.id, mines.name, regions.name)
    .orderBy(sql`${repeats} DESC`, asc(mines.name))
    .limit(limit);
  if (top.length === 0) {
    return [];
  }
  const counts = await db
    .select({
      mineId: hazards.mineId,
      hazards: count(),
      open: sql<number>`(count(*) FILTER (WHERE ${isOpen}))::int`,
    })
    .from(hazards)
    .where(
      inArray(
        hazards.mineId,
        top.map((m) => m.mineId),
      ),
    )
    .groupBy(hazards.mineId);
  return top.map((m) => {
    const c = counts.find((x) => x.mineId === m.mineId);
    return { ...m, hazards: c?.hazards ?? 0, open: c?.open ?? 0 };
  });
}
