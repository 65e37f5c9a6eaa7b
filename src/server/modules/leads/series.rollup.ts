/**
 * @module The monitoring side of the mine-level series (issue 6 §1): every hour of readings from
 * mine-level points (用电量, 井下人数, 涌水量, 风量, 瓦斯涌出量, 产量, 运输量; 井下人数 also per
 * 井下区域 facility = positioning area) is folded from the 5-minute statistics into `mine_series`, and
 * for every mine with safety-monitoring points the hour's reading count and how many points moved
 * (the 监控造假 rule's input). Hours in which the platform received nothing from anyone are skipped, so
 * our own downtime never reads as a mine's silence. The watermark lives in `leads_job_state`; the last
 * two hours are folded again on every run to take in late resends.
 */
import { factors, type Factor } from '../../../shared/leads.enums.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { safetyQuantities } from './frame.loader.ts';
import { readJobState, writeJobState } from './job-state.repository.ts';
import { HOUR_MS } from '../../../shared/dates.ts';
import {
  firstStatsBucket,
  monitoringActivityHours,
  monitoringFactorHours,
  upsertSeries,
  type SeriesRow,
} from './series.repository.ts';

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

async function watermark(db: Db, now: number): Promise<number | undefined> {
  const state = await readJobState(db, KEY);
  if (state) {
    return state.getTime();
  }
  const first = await firstStatsBucket(db);
  if (!first) {
    return undefined;
  }
  return Math.min(Math.floor(first.getTime() / HOUR_MS) * HOUR_MS, now);
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
  const rows = await monitoringSeriesRows(deps.db, from, end);
  await deps.db.transaction(async (tx) => {
    await upsertSeries(tx, rows, deps.clock());
    await writeJobState(tx, KEY, end);
  });
  return rows.length;
}

/**
 * Folds the hours of [from, end) of the given mines into their series, whatever the watermark — the
 * history a replay fed through the engine (replay.service.ts), which the job's window never reaches —
 * in the caller's transaction; returns the rows written.
 */
export async function rollupMonitoringSpan(
  tx: Db,
  mineIds: string[],
  from: Date,
  end: Date,
  now: Date,
): Promise<number> {
  const rows = await monitoringSeriesRows(tx, from, end, mineIds);
  await upsertSeries(tx, rows, now);
  return rows.length;
}

/** The series rows of the hours in [from, end), of every mine or of the given ones. */
async function monitoringSeriesRows(
  db: Db,
  from: Date,
  end: Date,
  mineIds?: string[],
): Promise<SeriesRow[]> {
  const factorRows = await monitoringFactorHours(db, from, end, rolledQuantities, mineIds);
  const activity = await monitoringActivityHours(db, from, end, safetyQuantities, mineIds);
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
  return rows;
}
