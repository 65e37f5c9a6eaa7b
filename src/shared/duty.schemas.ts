/**
 * @module Responses and queries of 企业主体责任 (server: modules/duty): dated duty records, each leader's
 * month against its minimum (from positioning data or filed records), the months below it (findings), and
 * the 矿长安全生产记分 entries with each principal's year total.
 */
import { z } from 'zod';
import { RegionCode, Uuid } from './common.schemas.ts';
import { dutyKinds, dutySources } from './duty.ts';

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份须为 YYYY-MM');
export const Year = z.string().regex(/^\d{4}$/, '年份须为 YYYY');

export const DutyRecordListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  personId: Uuid.optional(),
  month: Month.optional().describe('月份 YYYY-MM'),
});
export type DutyRecordListQuery = z.infer<typeof DutyRecordListQuery>;

export const DutyMonthQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  month: Month.optional().describe('月份 YYYY-MM (默认上月)'),
});
export type DutyMonthQuery = z.infer<typeof DutyMonthQuery>;

export const DutyFindingsQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
});
export type DutyFindingsQuery = z.infer<typeof DutyFindingsQuery>;

export const ScoreListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  year: Year.optional().describe('年份 (默认今年)'),
});
export type ScoreListQuery = z.infer<typeof ScoreListQuery>;

export const DutyRecordResponse = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  personId: z.string(),
  personName: z.string(),
  kind: z.enum(dutyKinds),
  dutyOn: z.string(),
  note: z.string(),
  filedBy: z.string(),
});
export type DutyRecordResponse = z.infer<typeof DutyRecordResponse>;

/** One person's month under one role's rule. */
export const DutyMonthResponse = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyName: z.string(),
  personId: z.string(),
  personName: z.string(),
  role: z.string(),
  month: z.string(),
  minDays: z.number(),
  days: z.number(),
  /** Whether the days come from the mine's personnel positioning or from filed records. */
  source: z.enum(dutySources),
  /** The month is over and below the minimum. */
  short: z.boolean(),
  ruleSource: z.string(),
});
export type DutyMonthResponse = z.infer<typeof DutyMonthResponse>;

export const ScoreResponse = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  personId: z.string(),
  personName: z.string(),
  deductedOn: z.string(),
  points: z.number(),
  reason: z.string(),
  filedBy: z.string(),
});
export type ScoreResponse = z.infer<typeof ScoreResponse>;

/** A principal's points in a year against the threshold of duty.scoreRules. */
export const ScoreTotalResponse = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyName: z.string(),
  personId: z.string(),
  personName: z.string(),
  year: z.string(),
  total: z.number(),
  threshold: z.number(),
  overThreshold: z.boolean(),
});
export type ScoreTotalResponse = z.infer<typeof ScoreTotalResponse>;
