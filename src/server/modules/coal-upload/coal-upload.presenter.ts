/**
 * @module Rows of the coal upload module → the API's shapes (coal-upload.schemas.ts): files, points with
 * both sets of thresholds and which applies, episodes, findings, abnormal-alarm records.
 */
import type { z } from 'zod';
import type {
  CoalAbnormalResponse,
  CoalEpisodeResponse,
  CoalFileResponse,
  CoalFindingResponse,
  CoalPointResponse,
} from '../../../shared/coal-upload.schemas.ts';
import type { CoalFileRow } from './coal-file.repository.ts';
import type { PointState, PointWithSensor } from './coal-point.repository.ts';
import { statusMeaning } from './coal.status.ts';
import type { AbnormalRow, FindingRow } from './coal-review.repository.ts';
import type { coalPointEpisodes } from './coal-review.table.ts';
import { appliedThreshold } from './coal-point.spec.ts';
import { codeName, lookupSensorType } from './coal.codes.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentFile(f: CoalFileRow): z.infer<typeof CoalFileResponse> {
  return {
    id: f.id,
    type: f.type,
    fileName: f.fileName,
    fileAt: f.fileAt.toISOString(),
    receivedAt: f.receivedAt.toISOString(),
    outcome: f.outcome,
    records: f.records,
    stored: f.stored,
    duplicates: f.duplicates,
    refused: f.refused,
    problems: f.problems.map((p) => ({ ...p })),
  };
}

export function presentPoint(
  { point: p, thresholds: t, sensor }: PointWithSensor,
  state?: PointState,
): CoalPointResponse {
  const mine = t
    ? {
        version: t.version,
        definedAt: t.definedAt.toISOString(),
        upperAlarm: t.upperAlarm,
        upperAlarmClear: t.upperAlarmClear,
        lowerAlarm: t.lowerAlarm,
        lowerAlarmClear: t.lowerAlarmClear,
        upperPowerOff: t.upperPowerOff,
        upperPowerOn: t.upperPowerOn,
        lowerPowerOff: t.lowerPowerOff,
        lowerPowerOn: t.lowerPowerOn,
      }
    : null;
  return {
    id: p.id,
    pointCode: p.pointCode,
    sensorId: p.sensorId,
    sensorType: p.sensorType,
    sensorTypeName: lookupSensorType(p.sensorType)?.name ?? null,
    valueType: p.valueType,
    quantity: sensor?.quantity ?? null,
    unit: p.unit,
    rangeLow: p.rangeLow,
    rangeHigh: p.rangeHigh,
    location: p.location,
    substationCode: p.substationCode,
    relations: p.relations.map((g) =>
      g.map((l) => ({ ...l, typeName: codeName('relationType', l.type) ?? l.type })),
    ),
    mineThresholds: mine,
    minewatchThresholds: sensor
      ? { direction: sensor.spec.direction, thresholds: sensor.spec.thresholds }
      : null,
    applies: sensor && t ? appliedThreshold(sensor.spec, t) : { stricter: null, value: null },
    state: state
      ? {
          at: state.ts.toISOString(),
          value: state.value,
          // A switch reports 1 (开) or 0 (停): shown in the mine's own words for it.
          text:
            p.valueType === 'KG'
              ? (state.value === 1 ? p.onText : state.value === 0 ? p.offText : '') || null
              : null,
          status: statusMeaning(state.status)?.names ?? String(state.status),
        }
      : null,
    definedAt: p.definedAt.toISOString(),
  };
}

export function presentEpisode(r: {
  episode: typeof coalPointEpisodes.$inferSelect;
  pointCode: string;
  location: string;
  sensorId: string | null;
}): z.infer<typeof CoalEpisodeResponse> {
  return {
    id: r.episode.id,
    pointCode: r.pointCode,
    location: r.location,
    sensorId: r.sensorId,
    kind: r.episode.kind,
    startedAt: r.episode.startedAt.toISOString(),
    endedAt: r.episode.endedAt.toISOString(),
    detail: r.episode.detail,
  };
}

export function presentFinding(r: {
  finding: FindingRow;
  pointCode: string | null;
  location: string | null;
}): z.infer<typeof CoalFindingResponse> {
  const f = r.finding;
  return {
    id: f.id,
    kind: f.kind,
    pointCode: r.pointCode,
    location: r.location,
    alarmId: f.alarmId,
    at: f.at.toISOString(),
    summary: f.summary,
    foundAt: f.foundAt.toISOString(),
  };
}

export function presentAbnormal(r: {
  alarm: AbnormalRow;
  location: string | null;
}): z.infer<typeof CoalAbnormalResponse> {
  const a = r.alarm;
  return {
    id: a.id,
    pointCode: a.pointCode,
    location: r.location,
    abnormalType: a.abnormalType,
    abnormalTypeName: codeName('abnormalType', a.abnormalType),
    startTime: a.startTime.toISOString(),
    endTime: iso(a.endTime),
    max: a.max,
    min: a.min,
    avg: a.avg,
    cause: a.cause,
    measures: a.measures,
    enteredBy: a.enteredBy,
    enteredAt: iso(a.enteredAt),
    alarmId: a.alarmId,
  };
}
