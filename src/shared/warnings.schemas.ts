/**
 * @module Shapes of regulators' warnings (issue 24 "Warnings issued by the regulator"): a regulator issues a
 * warning — 暴雨、洪水、地震、极端天气、汛期, or the order 严禁入井 / 停产撤人 — to every mine of a region within its
 * jurisdiction, or only to mines of some kinds (《2024年矿山安全生产工作要点》第31条: "及时发布汛期等预警信息 … 及时
 * 启动临警、预警、响警、处警、应警机制"; 第30条: "落实紧急情况停产撤人制度"; 《拉萨市关于加强非煤矿山安全生产工作的
 * 实施意见》二(五)6: "强化灾害性天气预报预警，遇极端天气严禁人员入井"). Each mine is called through the 叫应 loop,
 * acknowledges, and reports its response: people withdrawn, when, and the measures taken.
 */
import { z } from 'zod';
import { RegionCode, Uuid } from './common.schemas.ts';
import { mineKinds } from './registry.enums.ts';

export const WarningValidation = {
  /** A warning's title. */
  titleMax: 100,
  /** A warning's text and a mine's measures. */
  textMax: 2000,
  /** People a mine reports withdrawn (an upper bound against typing slips). */
  peopleMax: 100_000,
} as const;

/** What a warning is about; the last two are orders (第30条 停产撤人; 二(五)6 遇极端天气严禁人员入井). */
export const warningKinds = [
  '暴雨',
  '洪水',
  '地震',
  '极端天气',
  '汛期',
  '严禁入井',
  '停产撤人',
] as const;
export type WarningKind = (typeof warningKinds)[number];

/** The orders after which nobody may remain underground: the mine's row shows who still is. */
export const withdrawalOrders: readonly WarningKind[] = ['严禁入井', '停产撤人'];

/** Where one mine stands: called and not yet acknowledged, acknowledged, response reported. */
export const warningCallStates = ['待确认', '已确认', '已回应'] as const;
export type WarningCallState = (typeof warningCallStates)[number];

export const WarningIssueInput = z.strictObject({
  kind: z.enum(warningKinds).describe('预警类别'),
  title: z.string().trim().min(1, '不能为空').max(WarningValidation.titleMax).describe('标题'),
  content: z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(WarningValidation.textMax)
    .describe('预警内容与要求'),
  regionCode: RegionCode.describe('发往的行政区域 (须在本单位管辖范围内)'),
  mineKinds: z
    .array(z.enum(mineKinds))
    .min(1)
    .max(mineKinds.length)
    .optional()
    .describe('只发往这些类别的矿山 (不填: 区域内全部矿山)'),
});
export type WarningIssueInput = z.infer<typeof WarningIssueInput>;

export const WarningRespondInput = z.strictObject({
  peopleWithdrawn: z
    .number()
    .int()
    .min(0)
    .max(WarningValidation.peopleMax)
    .describe('撤出人数 (无人员在井下时填 0)'),
  withdrawnAt: z.iso.datetime({ offset: true }).nullable().describe('撤人完成时间'),
  measures: z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(WarningValidation.textMax)
    .describe('采取的措施'),
});
export type WarningRespondInput = z.infer<typeof WarningRespondInput>;

export const WarningListQuery = z.strictObject({
  /** Only warnings with a mine still to acknowledge or respond (a mine user's open calls). */
  open: z.enum(['true', 'false']).optional(),
  /** Only calls to mines of this region (within the caller's jurisdiction). */
  region: RegionCode.optional(),
});

/** Who is underground at a mine as its positioning data last said (coal upload, MT/T 1201.3-2023). */
const Underground = z.object({
  count: z.number().int(),
  asOf: z.string(),
  /** Older than the setting coalUpload.positioningStaleMinutes allows: the count may be wrong. */
  stale: z.boolean(),
  /** Reported after the warning was issued (an older count says nothing about the order). */
  afterIssue: z.boolean(),
});

/** A warning's call to one mine, as the issuing unit and the mine see it. */
export const WarningCallResponse = z.object({
  id: z.uuid(),
  warningId: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  countyCode: z.string(),
  state: z.enum(warningCallStates),
  /** The policy step reached (its stage name: 预警, 响警 …). */
  stage: z.string(),
  escalatedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  respondedAt: z.string().nullable(),
  respondedBy: z.string().nullable(),
  peopleWithdrawn: z.number().int().nullable(),
  withdrawnAt: z.string().nullable(),
  measures: z.string().nullable(),
  /** After 严禁入井 / 停产撤人, people underground by positioning data (null: no data or not an order). */
  underground: Underground.nullable(),
});
export type WarningCallResponse = z.infer<typeof WarningCallResponse>;

export const WarningResponse = z.object({
  id: z.uuid(),
  kind: z.enum(warningKinds),
  title: z.string(),
  content: z.string(),
  regionCode: z.string(),
  mineKinds: z.array(z.enum(mineKinds)).nullable(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  issuingUnit: z.string(),
  /** Of the mines the caller may see. */
  mines: z.number().int(),
  acknowledged: z.number().int(),
  responded: z.number().int(),
  escalated: z.number().int(),
});
export type WarningResponse = z.infer<typeof WarningResponse>;

export const WarningDetailResponse = WarningResponse.extend({
  calls: z.array(WarningCallResponse),
});
export type WarningDetailResponse = z.infer<typeof WarningDetailResponse>;

/** A mine's call with the warning it belongs to (the duty officer's home). */
export const WarningCallWithWarning = WarningCallResponse.extend({
  kind: z.enum(warningKinds),
  title: z.string(),
  content: z.string(),
  issuedAt: z.string(),
  issuingUnit: z.string(),
});
export type WarningCallWithWarning = z.infer<typeof WarningCallWithWarning>;

export const WarningCallParams = z.strictObject({ id: Uuid });
