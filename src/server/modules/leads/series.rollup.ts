/**
 * @module The monitoring side of the mine-level series (issue 6 §1): every hour of readings from
 * mine-level points (用电量, 井下人数, 涌水量, 风量, 瓦斯涌出量, 产量, 运输量; 井下人数 also per
 * 井下区域 facility = positioning area) is folded from the 5-minute statistics into `mine_series`, and
 * for every mine with safety-monitoring points the hour's reading count and how many points moved
 * (the 监控造假 rule's input). Hours in which the platform received nothing from anyone are skipped, so
 * our own downtime never reads as a mine's silence. The watermark lives in `leads_job_state`; the last
 * two hours are folded again on every run to take in late resends.
 */
import { eq, sql } from 'drizzle-orm';
import { factors, type Factor } from '../../../shared/leads.enums.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { safetyQuantities } from './frame.loader.ts';
import { leadsJobState } from './leads.table.ts';
import { HOUR_MS } from '../../../shared/dates.ts';
import { upsertSeries, type SeriesRow } from './series.repository.ts';

const rolledQuantities: Factor[] = [
  '用电量',
  '井下人数',
  '涌水量',
  '风量',
  '瓦斯涌出量',
  '产量',
  '运输量',
];
const MAX_CATCH_UP_MS = 7 * 24 * HOUR_MS;
const RESEND_MS = 2 * HOUR_MS;
const KEY = 'series.rollup';

const inList = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

async function watermark(db: Db, now: number): Promise<number | undefined> {
  const [state] = await db.select().from(leadsJobState).where(eq(leadsJobState.key, KEY));
  if (state) {
    return state.at.getTime();
  }
  const [first] = await queryRows<{ first: Date | string | null }>(
    db,
    sql`SELECT min(bucket) AS first FROM reading_stats_5m`,
  );
  if (!first?.first) {
    return undefined;
  }
  return Math.min(Math.floor(new Date(first.first).getTime() / HOUR_MS) * HOUR_MS, now);
}

/** Folds complete hours since the watermark; returns the series rows written. */
export async function rollupMonitoring(deps: ServiceDeps): Promise<number> {
  const now = deps.clock().getTime();
  const end0 = Math.floor(now / HOUR_MS) * HOUR_MS;
  const wm = await watermark(deps.db, end0);
  if (wm === undefined) {
    return 0;
  }
  const from = new Date(Math.max(wm - RESEND_MS, 0));
  const end = new Date(Math.min(end0, wm + MAX_CATCH_UP_MS));
  if (end.getTime() <= from.getTime()) {
    return 0;
  }
  const factorRows = await queryRows<{
    mine_id: string;
    quantity: string;
    area: string;
    hour: Date | string;
    sum: number;
    count: number;
    max: number;
  }>(
    deps.db,
    sql`SELECT s.mine_id, s.quantity,
          CASE WHEN f.kind = '井下区域' THEN f.name ELSE '' END AS area,
          date_trunc('hour', st.bucket) AS hour,
          sum(st.sum)::float8 AS sum, sum(st.count)::int AS count, max(st.max)::float8 AS max
        FROM reading_stats_5m st
        JOIN monitoring_sensors s ON s.no = st.sensor_no
        JOIN monitoring_facilities f ON f.id = s.facility_id
        WHERE st.bucket >= ${from.toISOString()}::timestamptz AND st.bucket < ${end.toISOString()}::timestamptz
          AND s.quantity IN (${inList(rolledQuantities)})
          AND (f.kind IN ('矿山', '数据网关') OR (f.kind = '井下区域' AND s.quantity = '井下人数'))
        GROUP BY 1, 2, 3, 4`,
  );
  const activity = await queryRows<{
    mine_id: string;
    hour: Date | string;
    readings: number;
    moving: number;
  }>(
    deps.db,
    sql`WITH hrs AS (
          SELECT h AS hour FROM generate_series(${from.toISOString()}::timestamptz,
            ${end.toISOString()}::timestamptz - interval '1 hour', interval '1 hour') AS h
          WHERE EXISTS (SELECT 1 FROM reading_stats_5m x WHERE x.bucket >= h AND x.bucket < h + interval '1 hour')
        ),
        watched AS (
          SELECT s.no, s.mine_id FROM monitoring_sensors s
          JOIN monitoring_facilities f ON f.id = s.facility_id
          WHERE s.archived_at IS NULL AND f.kind = '井下区域' AND s.quantity IN (${inList(safetyQuantities)})
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
  const rows: SeriesRow[] = [];
  const base = { granularity: 'hour' as const, source: 'monitoring' };
  for (const r of factorRows) {
    const factor = r.quantity as Factor;
    const fold = factors[factor].fold;
    const value = fold === 'sum' ? r.sum : fold === 'max' ? r.max : r.sum / Math.max(r.count, 1);
    rows.push({
      ...base,
      mineId: r.mine_id,
      factor,
      area: r.area,
      periodStart: new Date(r.hour),
      value,
    });
  }
  for (const r of activity) {
    const at = new Date(r.hour);
    rows.push({
      ...base,
      mineId: r.mine_id,
      factor: '监测读数',
      area: '',
      periodStart: at,
      value: r.readings,
    });
    rows.push({
      ...base,
      mineId: r.mine_id,
      factor: '监测变化测点数',
      area: '',
      periodStart: at,
      value: r.moving,
    });
  }
  await deps.db.transaction(async (tx) => {
    await upsertSeries(tx, rows, deps.clock());
    await tx
      .insert(leadsJobState)
      .values({ key: KEY, at: end })
      .onConflictDoUpdate({ target: leadsJobState.key, set: { at: end } });
  });
  return rows.length;
}
