/**
 * @module Request and response shapes of 异地交叉执法 (《2024年矿山安全生产工作要点》第41条: 建立完善异地执法人才库,
 * 开展异地交叉执法; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第23条): an
 * arrangement made by a common superior unit — the units whose inspectors go, the region they inspect,
 * the period and the pool of inspectors (执法人才库) — its mines, and its early end.
 */
import { z } from 'zod';
import { DateString, LongText, Name, RegionCode, Uuid } from './common.schemas.ts';

/** The limits of an arrangement. */
export const CrossArrangementValidation = {
  /** At most this many units send inspectors. */
  maxUnits: 20,
  /** A team is at least two inspectors, so the pool is too; at most this many. */
  minMembers: 2,
  maxMembers: 200,
  /** The longest period, in days (a minewatch limit: arrangements are made per campaign, not for good). */
  maxDays: 366,
} as const;

export const CrossArrangementCreateInput = z.strictObject({
  name: Name.describe('交叉执法安排的名称 (如 2026年第二季度异地交叉执法)'),
  targetRegion: RegionCode.describe('被检查地区 (行政区划代码)'),
  unitIds: z
    .array(Uuid)
    .min(1)
    .max(CrossArrangementValidation.maxUnits)
    .refine((ids) => new Set(ids).size === ids.length, '单位重复')
    .describe('派出执法人员的监管单位'),
  memberUserIds: z
    .array(Uuid)
    .min(CrossArrangementValidation.minMembers, '执法人才库至少 2 名执法人员')
    .max(CrossArrangementValidation.maxMembers)
    .refine((ids) => new Set(ids).size === ids.length, '执法人员重复')
    .describe('执法人才库: 各派出单位的执法人员'),
  startsOn: DateString.describe('开始日期'),
  endsOn: DateString.describe('结束日期 (含当日)'),
});
export type CrossArrangementCreateInput = z.infer<typeof CrossArrangementCreateInput>;

export const CrossArrangementEndInput = z.strictObject({
  reason: LongText.describe('提前结束的理由'),
});
export type CrossArrangementEndInput = z.infer<typeof CrossArrangementEndInput>;

/** 未开始, 进行中, 已结束 (its end date passed, or ended early). */
export const crossArrangementStates = ['未开始', '进行中', '已结束'] as const;
export type CrossArrangementState = (typeof crossArrangementStates)[number];

/** An arrangement as its creating unit (and its superiors) or, during its period, its members see it. */
export const CrossArrangementResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  organisationName: z.string(),
  targetRegion: z.string(),
  targetRegionName: z.string(),
  units: z.array(z.object({ id: z.uuid(), name: z.string(), regionCode: z.string() })),
  members: z.array(z.object({ userId: z.uuid(), name: z.string(), unit: z.string() })),
  startsOn: z.string(),
  endsOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  state: z.enum(crossArrangementStates),
  createdAt: z.string(),
});
export type CrossArrangementResponse = z.infer<typeof CrossArrangementResponse>;

/** A mine of the arrangement's region, which its members may inspect during its period. */
export const CrossArrangementMineResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  status: z.string(),
  countyCode: z.string(),
  enterpriseName: z.string(),
});
export type CrossArrangementMineResponse = z.infer<typeof CrossArrangementMineResponse>;
