/**
 * @module Readings for the sensor chart: raw values or 5-minute statistics over a window, with the
 * sensor's thresholds (the bands) and the alarms in the window (the marks).
 */
import { DAY_MS } from '../../../shared/dates.ts';
import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { alarms } from './monitoring.table.ts';
import { readRaw, readStats } from './readings.repository.ts';
import { loadVisibleSensor } from './sensor.service.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';

const POINTS_MAX = 20_000;

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
      ? (await readRaw(deps.db, sensor.no, from, to, POINTS_MAX)).map((p) => ({
          ts: new Date(p.ts).toISOString(),
          value: Number(p.value),
        }))
      : (await readStats(deps.db, sensor.no, from, to, POINTS_MAX)).map((p) => ({
          ts: new Date(p.bucket).toISOString(),
          min: Number(p.min),
          max: Number(p.max),
          mean: Number(p.sum) / Number(p.count),
          count: Number(p.count),
        }));
  const marks = await deps.db
    .select({
      id: alarms.id,
      kind: alarms.kind,
      level: alarms.level,
      triggeredAt: alarms.triggeredAt,
      closedAt: alarms.closedAt,
    })
    .from(alarms)
    .where(
      and(
        eq(alarms.sensorId, sensorId),
        lte(alarms.triggeredAt, to),
        or(isNull(alarms.closedAt), gte(alarms.closedAt, from)),
      ),
    )
    .orderBy(asc(alarms.triggeredAt))
    .limit(500);
  return {
    sensorId,
    unit: sensor.unit,
    spec: sensor.spec,
    resolution: q.resolution,
    truncated: points.length >= POINTS_MAX,
    points,
    alarms: marks.map((m) => ({
      id: m.id,
      kind: m.kind,
      level: m.level,
      at: m.triggeredAt.toISOString(),
      closedAt: m.closedAt?.toISOString() ?? null,
    })),
  };
}
