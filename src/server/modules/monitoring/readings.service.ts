/**
 * @module Readings for the sensor chart: raw values or 5-minute statistics over a window, with the
 * sensor's thresholds (the bands) and the alarms in the window (the marks).
 */
import { DAY_MS } from '../../../shared/dates.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { alarmMarks } from './alarm.repository.ts';
import { presentReadings } from './readings.presenter.ts';
import { readRaw, readStats } from './readings.repository.ts';
import { loadVisibleSensor } from './sensor.service.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';

const POINTS_MAX = 20_000;

/** A sensor's chart over a window (raw up to 31 days, 5-minute statistics up to 800). */
export async function readSeries(
  deps: ServiceDeps,
  principal: Principal,
  sensorId: string,
  q: { from: string; to: string; resolution: 'raw' | '5m' },
) {
  requirePermission(principal, MonitoringPermission.Read);
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (to <= from) {
    throw invalidField('to', '结束时间须晚于开始时间', q.to);
  }
  const span = to.getTime() - from.getTime();
  if (q.resolution === 'raw' && span > 31 * DAY_MS) {
    throw invalidField('to', '原始数据一次最多查询 31 天, 更长请用 5 分钟统计', q.to);
  }
  if (span > 800 * DAY_MS) {
    throw invalidField('to', '一次最多查询 800 天', q.to);
  }
  const { sensor } = await loadVisibleSensor(deps.db, principal, sensorId);
  const points =
    q.resolution === 'raw'
      ? { resolution: q.resolution, rows: await readRaw(deps.db, sensor.no, from, to, POINTS_MAX) }
      : {
          resolution: q.resolution,
          rows: await readStats(deps.db, sensor.no, from, to, POINTS_MAX),
        };
  const marks = await alarmMarks(deps.db, sensorId, from, to, 500);
  return presentReadings(sensor, points, marks, POINTS_MAX);
}
