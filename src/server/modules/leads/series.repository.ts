/**
 * @module All SQL of the mine-level series: the idempotent upsert (a period written again replaces its
 * value and source), the range reads, and the hourly reads of the monitoring statistics
 * (reading_stats_5m) the roll-up folds into series.
 */
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Factor, SeriesGranularity } from '../../../shared/leads.enums.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { mineSeries } from './leads.table.ts';

export interface SeriesRow {
  mineId: string;
  factor: Factor;
  area: string;
  granularity: SeriesGranularity;
  periodStart: Date;
  value: number;
  source: string;
}

const CHUNK = 2000;

/** Writes the rows; returns how many were new and how many replaced an earlier value. */
export async function upsertSeries(
  tx: Db,
  rows: SeriesRow[],
  at: Date,
): Promise<{ inserted: number; replaced: number }> {
  let inserted = 0;
  let replaced = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const written = await tx
      .insert(mineSeries)
      .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, updatedAt: at })))
      .onConflictDoUpdate({
        target: [
          mineSeries.mineId,
          mineSeries.factor,
          mineSeries.area,
          mineSeries.granularity,
          mineSeries.periodStart,
        ],
        set: {
          value: sql`excluded.value`,
          source: sql`excluded.source`,
          updatedAt: sql`excluded.updated_at`,
        },
      })
      .returning({ fresh: sql<boolean>`(xmax = 0)` });
    for (const w of written) {
      if (w.fresh) {
        inserted++;
      } else {
        replaced++;
      }
    }
  }
  return { inserted, replaced };
}

/** A mine's rows in [from, to), by factor, area and time. */
export async function readSeriesRows(
  db: Db,
  mineId: string,
  from: Date,
  to: Date,
  factors?: readonly Factor[],
) {
  return db
    .select({
      factor: mineSeries.factor,
      area: mineSeries.area,
      granularity: mineSeries.granularity,
      periodStart: mineSeries.periodStart,
      value: mineSeries.value,
    })
    .from(mineSeries)
    .where(
      and(
        eq(mineSeries.mineId, mineId),
        gte(mineSeries.periodStart, from),
        lt(mineSeries.periodStart, to),
        factors?.length ? inArray(mineSeries.factor, [...factors]) : undefined,
      ),
    )
    .orderBy(asc(mineSeries.factor), asc(mineSeries.area), asc(mineSeries.periodStart));
}

/** Mines with any series in [from, to) (the ones the evaluation looks at). */
export async function minesWithSeries(db: Db, from: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ mineId: mineSeries.mineId })
    .from(mineSeries)
    .where(gte(mineSeries.periodStart, from));
  return rows.map((r) => r.mineId);
}

/** One mine's series written since a time whose periods lie before the evaluation's range. */
export interface SeriesBeforeRow {
  mineId: string;
  mineName: string;
  /** Written by imports (`import:<meter>`), which evaluate the periods they write themselves. */
  imported: boolean;
  first: Date;
  last: Date;
  rows: number;
}

/**
 * Per mine (and whether an import wrote them), the series rows written at or after `since` (all of
 * them without it) whose periods start before `before`: the history the lead job's range leaves out.
 * There is no index on `updated_at`: this reads the history before the range once per run, the same
 * order of work as the job's frames of the range itself.
 */
export async function seriesWrittenBefore(
  db: Db,
  before: Date,
  since: Date | undefined,
): Promise<SeriesBeforeRow[]> {
  const rows = await queryRows<{
    mine_id: string;
    name: string;
    imported: boolean;
    first: Date | string;
    last: Date | string;
    rows: number;
  }>(
    db,
    sql`SELECT s.mine_id, m.name, s.source LIKE 'import:%' AS imported,
          min(s.period_start) AS first, max(s.period_start) AS last, count(*)::int AS rows
        FROM mine_series s JOIN mines m ON m.id = s.mine_id
        WHERE s.period_start < ${before.toISOString()}::timestamptz
          ${since ? sql`AND s.updated_at >= ${since.toISOString()}::timestamptz` : sql``}
        GROUP BY 1, 2, 3
        ORDER BY 2, 3`,
  );
  return rows.map((r) => ({
    mineId: r.mine_id,
    mineName: r.name,
    imported: r.imported,
    first: new Date(r.first),
    last: new Date(r.last),
    rows: r.rows,
  }));
}

const inList = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

/** `AND <column> IN (mines)` when mines are given (a replay's roll-up), nothing otherwise. */
const ofMines = (column: SQL, mineIds: string[] | undefined) =>
  mineIds ? sql`AND ${column} = ANY(${`{${mineIds.join(',')}}`}::uuid[])` : sql``;

/** The first 5-minute bucket of the monitoring statistics, if there is any. */
export async function firstStatsBucket(db: Db): Promise<Date | undefined> {
  const [first] = await queryRows<{ first: Date | string | null }>(
    db,
    sql`SELECT min(bucket) AS first FROM reading_stats_5m`,
  );
  return first?.first ? new Date(first.first) : undefined;
}

/** One mine, quantity, area and hour of the monitoring statistics: sum, count and max. */
export interface MonitoringHourRow {
  mine_id: string;
  quantity: string;
  area: string;
  hour: Date | string;
  sum: number;
  count: number;
  max: number;
}

/**
 * The hours in [from, end) of the mine-level points measuring `quantities` (at a 矿山 or 数据网关
 * facility), and of 井下人数 per 井下区域 facility (its name is the area); of every mine or of `mineIds`.
 */
export async function monitoringFactorHours(
  db: Db,
  from: Date,
  end: Date,
  quantities: readonly string[],
  mineIds?: string[],
): Promise<MonitoringHourRow[]> {
  return queryRows<MonitoringHourRow>(
    db,
    sql`SELECT s.mine_id, s.quantity,
          CASE WHEN f.kind = '井下区域' THEN f.name ELSE '' END AS area,
          date_trunc('hour', st.bucket) AS hour,
          sum(st.sum)::float8 AS sum, sum(st.count)::int AS count, max(st.max)::float8 AS max
        FROM reading_stats_5m st
        JOIN monitoring_sensors s ON s.no = st.sensor_no
        JOIN monitoring_facilities f ON f.id = s.facility_id
        WHERE st.bucket >= ${from.toISOString()}::timestamptz AND st.bucket < ${end.toISOString()}::timestamptz
          AND s.quantity IN (${inList(quantities)})
          AND (f.kind IN ('矿山', '数据网关') OR (f.kind = '井下区域' AND s.quantity = '井下人数'))
          ${ofMines(sql`s.mine_id`, mineIds)}
        GROUP BY 1, 2, 3, 4`,
  );
}

/** One mine and hour of its safety monitoring: readings received and points whose value moved. */
export interface MonitoringActivityRow {
  mine_id: string;
  hour: Date | string;
  readings: number;
  moving: number;
}

/**
 * For every mine (or those of `mineIds`) with live safety-monitoring points (`quantities` in a 井下区域
 * facility), each hour in [from, end) in which the platform received anything from anyone: the mine's
 * readings and how many of its points moved.
 */
export async function monitoringActivityHours(
  db: Db,
  from: Date,
  end: Date,
  quantities: readonly string[],
  mineIds?: string[],
): Promise<MonitoringActivityRow[]> {
  return queryRows<MonitoringActivityRow>(
    db,
    sql`WITH hrs AS (
          SELECT h AS hour FROM generate_series(${from.toISOString()}::timestamptz,
            ${end.toISOString()}::timestamptz - interval '1 hour', interval '1 hour') AS h
          WHERE EXISTS (SELECT 1 FROM reading_stats_5m x WHERE x.bucket >= h AND x.bucket < h + interval '1 hour')
        ),
        watched AS (
          SELECT s.no, s.mine_id FROM monitoring_sensors s
          JOIN monitoring_facilities f ON f.id = s.facility_id
          WHERE s.archived_at IS NULL AND f.kind = '井下区域' AND s.quantity IN (${inList(quantities)})
            ${ofMines(sql`s.mine_id`, mineIds)}
        ),
        per AS (
          SELECT w.mine_id, w.no, date_trunc('hour', st.bucket) AS hour,
            sum(st.count) AS c, max(st.max) > min(st.min) AS moved
          FROM reading_stats_5m st JOIN watched w ON w.no = st.sensor_no
          WHERE st.bucket >= ${from.toISOString()}::timestamptz AND st.bucket < ${end.toISOString()}::timestamptz
          GROUP BY 1, 2, 3
        )
        SELECT m.mine_id, hrs.hour, COALESCE(sum(per.c), 0)::int AS readings,
          (count(*) FILTER (WHERE per.moved))::int AS moving
        FROM (SELECT DISTINCT mine_id FROM watched) m CROSS JOIN hrs
        LEFT JOIN per ON per.mine_id = m.mine_id AND per.hour = hrs.hour
        GROUP BY 1, 2`,
  );
}
