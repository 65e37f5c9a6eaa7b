/** @module Meter and registered-area rows → API shapes. */
import type { AreaRow, MeterRow } from './meter.repository.ts';

/** A meter row → the API's meter (without its archive date). */
export const presentMeter = (m: MeterRow) => ({
  id: m.id,
  mineId: m.mineId,
  code: m.code,
  factor: m.factor,
  area: m.area,
  granularity: m.granularity,
  provider: m.provider,
  createdAt: m.createdAt.toISOString(),
});

/** A registered-area row → the API's area. */
export const presentArea = (a: AreaRow) => ({
  id: a.id,
  mineId: a.mineId,
  name: a.name,
  kind: a.kind,
  state: a.state,
  updatedAt: a.updatedAt.toISOString(),
});
