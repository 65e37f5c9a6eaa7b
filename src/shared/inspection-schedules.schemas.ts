/**
 * @module Request and response shapes of the yearly inspection schedule (issue 7 §1): the mines' risk
 * classes it is drawn from, the preview within a unit's capacity, and the stored schedule with its
 * visits, every one 四不两直 (《2024年矿山安全生产工作要点》第41条; their dates are for regulators only).
 */
import { z } from 'zod';
import { RegionCode, SearchText } from './common.schemas.ts';

/** What a yearly schedule is generated from: the unit's capacity (every visit is 四不两直, no share to set). */
const scheduleParams = {
  capacityPerMonth: z
    .array(z.number().min(0).max(100_000))
    .length(12)
    .describe('每月可用于常规检查的执法人日 (12 个月)'),
  inspectorsPerVisit: z
    .number()
    .int()
    .min(2)
    .max(20)
    .default(2)
    .describe('每次检查的执法人员数 (至少 2 人)'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
};
export const SchedulePreviewInput = z.strictObject({
  region: RegionCode.optional(),
  ...scheduleParams,
});
export type SchedulePreviewInput = z.infer<typeof SchedulePreviewInput>;
export const ScheduleSaveInput = z.strictObject({
  year: z.number().int().min(2020).max(2100),
  ...scheduleParams,
});
export type ScheduleSaveInput = z.infer<typeof ScheduleSaveInput>;

export const ScheduleListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const RiskClassQuery = z.strictObject({
  region: RegionCode.optional(),
  q: SearchText.optional().describe('搜索: 矿山名称'),
  className: z.string().trim().min(1).max(20).optional().describe('风险等级名称'),
});
export type RiskClassQuery = z.infer<typeof RiskClassQuery>;

/** A mine's risk score, class and routine visits a year, with each contribution listed. */
export const MineRiskClassResponse = z.object({
  mineId: z.uuid(),
  mineName: z.string(),
  countyCode: z.string(),
  score: z.number(),
  className: z.string(),
  perYear: z.number().int(),
  reasons: z.array(z.object({ factor: z.string(), fact: z.string(), points: z.number() })),
});
export type MineRiskClassResponse = z.infer<typeof MineRiskClassResponse>;

/** A mine the capacity could not give all its visits: wanted and planned. */
export const ScheduleShortfall = z.object({
  mineId: z.uuid(),
  wanted: z.number().int(),
  planned: z.number().int(),
});

/** A schedule previewed from the live risk classes; nothing is stored. */
export const SchedulePreviewResponse = z.object({
  mines: z.number().int(),
  visits: z.array(
    z.object({
      mineId: z.uuid(),
      mineName: z.string(),
      /** 0 = January. */
      month: z.number().int(),
    }),
  ),
  /** Inspector-days used per month. */
  load: z.array(z.number()),
  shortfall: z.array(ScheduleShortfall),
});
export type SchedulePreviewResponse = z.infer<typeof SchedulePreviewResponse>;

/** A stored schedule as listed: whose it is and for which year. */
export const ScheduleSummaryResponse = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number().int(),
  createdAt: z.string(),
  organisationId: z.uuid(),
});
export type ScheduleSummaryResponse = z.infer<typeof ScheduleSummaryResponse>;

/** A planned visit: a month (1 = January) and a drawn date; linked to its inspection once made. */
export const ScheduleVisitResponse = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  month: z.number().int(),
  plannedOn: z.string(),
  inspectionId: z.string().nullable(),
});
export type ScheduleVisitResponse = z.infer<typeof ScheduleVisitResponse>;

/** A unit's stored yearly schedule with the parameters it was made from and every visit. */
export const ScheduleResponse = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  year: z.number().int(),
  createdAt: z.string(),
  capacityPerMonth: z.array(z.number()),
  inspectorsPerVisit: z.number().int(),
  load: z.array(z.number()),
  shortfall: z.array(ScheduleShortfall),
  mines: z.number().int(),
  visits: z.array(ScheduleVisitResponse),
});
export type ScheduleResponse = z.infer<typeof ScheduleResponse>;
