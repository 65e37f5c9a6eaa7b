/**
 * @module Builds a mine's frame (rules/frame.ts) from the database: registry facts, the status in force
 * on each day (from the dated status history), the series, the registered areas, whether the mine
 * has safety-monitoring points, the work declared at it while stopped and the inspections recorded at it.
 */
import { factors } from '../../../shared/leads.enums.ts';
import type { MineStatus } from '../../../shared/registry.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  findFrameMine,
  hasSafetyMonitoring,
  inspectionsBetween,
  statusChanges,
} from './frame.repository.ts';
import { areaStatesOf } from './meter.repository.ts';
import {
  SHANGHAI_OFFSET_MS,
  DAY_MS,
  HOUR_MS,
  addDays,
  shanghaiMidnight,
} from '../../../shared/dates.ts';
import { type MineFrame } from './rules/frame.ts';
import { readSeriesRows } from './series.repository.ts';
import { declarationsOverlapping } from '../stopped/stopped.repository.ts';

/** Quantities of the safety-monitoring points the 监控造假 rule watches. */
export const safetyQuantities = ['CH4', 'CO', 'O2', '风速', '温度', '地压'];

/** The CST calendar date (YYYY-MM-DD) of day `d` of a frame starting at `start`. */
function dateOf(start: number, d: number): string {
  return new Date(start + d * DAY_MS + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** A mine's frame over `days` days from `start`, or undefined when there is no such mine. */
export async function loadFrame(
  db: Db,
  mineId: string,
  start: number,
  days: number,
): Promise<MineFrame | undefined> {
  const mine = await findFrameMine(db, mineId);
  if (!mine) {
    return undefined;
  }
  const changes = await statusChanges(db, mineId);
  // Before the first recorded change the mine had that change's "from" status (or its current one).
  let status = changes[0]?.from ?? mine.status;
  let next = 0;
  const dayStatus: MineStatus[] = [];
  for (let d = 0; d < days; d++) {
    const date = dateOf(start, d);
    for (let c = changes[next]; c && c.date <= date; c = changes[++next]) {
      status = c.to;
    }
    dayStatus.push(status);
  }

  const hours = days * 24;
  const frame: MineFrame = {
    mineId,
    kind: mine.kind,
    countyCode: mine.countyCode,
    designCapacityTpa: mine.designCapacityTpa,
    approvedStaff: mine.approvedUndergroundStaff,
    start,
    days,
    dayStatus,
    hourly: {},
    daily: {},
    areas: new Map(),
    registeredAreas: new Map(),
    monitored: false,
  };
  const rows = await readSeriesRows(db, mineId, new Date(start), new Date(start + days * DAY_MS));
  for (const r of rows) {
    const factor = r.factor;
    if (!Object.hasOwn(factors, factor)) {
      continue;
    }
    const t = r.periodStart.getTime() - start;
    if (r.granularity === 'hour') {
      const i = Math.floor(t / HOUR_MS);
      let target: Float64Array | undefined;
      if (r.area === '') {
        target = frame.hourly[factor] ??= new Float64Array(hours).fill(NaN);
      } else if (factor === '井下人数') {
        target = frame.areas.get(r.area) ?? new Float64Array(hours).fill(NaN);
        frame.areas.set(r.area, target);
      }
      if (target && i >= 0 && i < hours) {
        target[i] = r.value;
      }
    } else if (r.area === '') {
      const d = Math.floor(t / DAY_MS);
      const target = (frame.daily[factor] ??= new Float64Array(days).fill(NaN));
      if (d >= 0 && d < days) {
        target[d] = r.value;
      }
    }
  }
  const areas = await areaStatesOf(db, mineId);
  for (const a of areas) {
    frame.registeredAreas.set(a.name, { sealed: a.state === '停用封闭' });
  }
  frame.monitored = await hasSafetyMonitoring(db, mineId, safetyQuantities);
  // Work declared at the stopped mine (not rejected): its days run from the first day's China midnight
  // to the midnight after the last.
  const declared = await declarationsOverlapping(
    db,
    mineId,
    dateOf(start, 0),
    dateOf(start, days - 1),
  );
  frame.declaredWork = declared.map((d) => ({
    id: d.id,
    label: `${d.purpose} ${d.startsOn}至${d.endsOn}`,
    from: shanghaiMidnight(d.startsOn).getTime(),
    to: shanghaiMidnight(addDays(d.endsOn, 1)).getTime(),
    maxPowerKwh: d.maxPowerKwh,
    sites: d.sites,
  }));
  // Inspections recorded at the mine (停产迎检), each on its China day.
  const recorded = await inspectionsBetween(db, mineId, dateOf(start, 0), dateOf(start, days - 1));
  frame.inspections = recorded.map((i) => ({
    id: i.id,
    on: shanghaiMidnight(i.inspectedOn).getTime(),
    label: `${i.inspectedOn} ${i.unit}${i.kind}检查`,
  }));
  return frame;
}
