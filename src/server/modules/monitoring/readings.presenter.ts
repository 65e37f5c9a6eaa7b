/**
 * @module Reading rows → a sensor's chart: raw readings or 5-minute statistics, the sensor's thresholds
 * (the bands) and the alarms in the window (the marks).
 */
import type { SensorReadingsResponse } from '../../../shared/monitoring.schemas.ts';
import type { AlarmMarkRow } from './alarm.repository.ts';
import { presentAlarmMark } from './alarm.presenter.ts';
import type { readRaw, readStats } from './readings.repository.ts';
import type { SensorRow } from './sensor.repository.ts';

type RawRow = Awaited<ReturnType<typeof readRaw>>[number];
type StatsRow = Awaited<ReturnType<typeof readStats>>[number];

/** The chart of a sensor; `truncated` when the points reached the limit of one answer. */
export function presentReadings(
  sensor: SensorRow,
  points: { resolution: 'raw'; rows: RawRow[] } | { resolution: '5m'; rows: StatsRow[] },
  marks: AlarmMarkRow[],
  pointsMax: number,
): SensorReadingsResponse {
  const out =
    points.resolution === 'raw'
      ? points.rows.map((p) => ({ ts: new Date(p.ts).toISOString(), value: Number(p.value) }))
      : points.rows.map((p) => ({
          ts: new Date(p.bucket).toISOString(),
          min: Number(p.min),
          max: Number(p.max),
          mean: Number(p.sum) / Number(p.count),
          count: Number(p.count),
        }));
  return {
    sensorId: sensor.id,
    unit: sensor.unit,
    spec: sensor.spec,
    resolution: points.resolution,
    truncated: out.length >= pointsMax,
    points: out,
    alarms: marks.map(presentAlarmMark),
  };
}
