/**
 * @module Facility and sensor rows → the API's shapes: a sensor with its current level, a facility with
 * its rolled-up colour and open alarms, and a newly registered facility as its audit event records it.
 */
import type { WarningLevel } from '../../../shared/monitoring.enums.ts';
import type { FacilityResponse, SensorResponse } from '../../../shared/monitoring.schemas.ts';
import type { FacilityRow } from './facility.repository.ts';
import type { SensorRow } from './sensor.repository.ts';

/** A sensor's state now: the level of its open level alarms (null = none) and whether it is cut off. */
export interface SensorState {
  level: WarningLevel | null;
  /** An open 断线 of its own or 断网 of its mine: its colour is unknown, not 正常. */
  offline: boolean;
}

/** A sensor with its state now. */
export function presentSensor(s: SensorRow, state: SensorState): SensorResponse {
  return {
    id: s.id,
    no: s.no,
    mineId: s.mineId,
    facilityId: s.facilityId,
    code: s.code,
    name: s.name,
    quantity: s.quantity,
    item: s.item,
    location: s.location,
    unit: s.unit,
    spec: s.spec,
    version: s.version,
    lastReadingAt: s.lastReadingAt?.toISOString() ?? null,
    lastValue: s.lastValue,
    level: state.level,
    offline: state.offline,
  };
}

/** A facility with its mine, how many points it has, its rolled-up colour and its open alarms. */
export function presentFacility(
  f: FacilityRow,
  mine: { name: string; countyCode: string },
  figures: {
    sensorCount: number;
    level: WarningLevel | null;
    offlineSensors: number;
    openAlarms: number;
  },
): FacilityResponse {
  return {
    id: f.id,
    mineId: f.mineId,
    mineName: mine.name,
    countyCode: mine.countyCode,
    code: f.code,
    name: f.name,
    kind: f.kind,
    sensorCount: figures.sensorCount,
    level: figures.level,
    offlineSensors: figures.offlineSensors,
    openAlarms: figures.openAlarms,
  };
}

/** A facility as registered: its row with its mine (the `after` of `monitoring.facility.created`). */
export function presentFacilityRecord(f: FacilityRow, mine: { name: string; countyCode: string }) {
  return {
    ...f,
    createdAt: f.createdAt.toISOString(),
    mineName: mine.name,
    countyCode: mine.countyCode,
  };
}
