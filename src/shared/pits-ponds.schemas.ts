/**
 * @module Responses and queries of open pits, dumps and tailings ponds (server: modules/pits-ponds): the
 * records, the findings (missing or late records, radar offline, 闭库 not opened or late) and a pond's
 * 闭库 with its steps.
 */
import { z } from 'zod';
import { DateString, RegionCode, Uuid } from './common.schemas.ts';
import { closureReasons, closureSteps, recordKinds, slopeTargets } from './pits-ponds.ts';

export const PitPondListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
});
export type PitPondListQuery = z.infer<typeof PitPondListQuery>;

export const PitPondFindingsQuery = z.strictObject({
  region: RegionCode.optional(),
  on: DateString.optional().describe('判定日期 (默认今天)'),
});
export type PitPondFindingsQuery = z.infer<typeof PitPondFindingsQuery>;

export const PitPondRecordResponse = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  countyName: z.string(),
  kind: z.enum(recordKinds),
  slope: z.enum(slopeTargets).nullable(),
  recordedOn: z.string(),
  document: z.string(),
  note: z.string(),
  filedBy: z.string(),
});
export type PitPondRecordResponse = z.infer<typeof PitPondRecordResponse>;

export const PitPondFindingResponse = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyName: z.string(),
  mineKind: z.string(),
  item: z.string(),
  reason: z.enum(['未按期报送', '雷达监测未在线', '应闭库未启动', '闭库步骤逾期']),
  dueOn: z.string(),
});
export type PitPondFindingResponse = z.infer<typeof PitPondFindingResponse>;

export const ClosureStepResponse = z.object({
  step: z.enum(closureSteps),
  on: z.string(),
  document: z.string(),
  note: z.string(),
  by: z.string(),
});

export const PondClosureResponse = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  countyName: z.string(),
  reason: z.enum(closureReasons),
  openedOn: z.string(),
  note: z.string(),
  openedBy: z.string(),
  steps: z.array(ClosureStepResponse),
  /** The next step, null once 公告销号. */
  nextStep: z.enum(closureSteps).nullable(),
  /** When the next step is due (settings pitsPonds.rules). */
  nextDueOn: z.string().nullable(),
  delistedOn: z.string().nullable(),
  version: z.number(),
});
export type PondClosureResponse = z.infer<typeof PondClosureResponse>;

/** The mines of the register (open pits, dumps, ponds) the caller may file for, with their heights. */
export const PitPondMineResponse = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  countyName: z.string(),
  slopeHeightM: z.number().nullable(),
  dumpHeightM: z.number().nullable(),
  tailingsOverhead: z.boolean().nullable(),
  /** The records it must keep (kind and slope). */
  obligations: z.array(
    z.object({ kind: z.enum(recordKinds), slope: z.enum(slopeTargets).nullable() }),
  ),
});
export type PitPondMineResponse = z.infer<typeof PitPondMineResponse>;
