/**
 * @module Request and response schemas of the major-hazard database.
 */
import { z } from 'zod';
import {
  DateString,
  LongText,
  Name,
  PageQuery,
  QueryBool,
  RegionCode,
  SearchText,
  Uuid,
  csvList,
  pageOf,
} from './common.schemas.ts';
import {
  evidencePurposes,
  hazardActions,
  hazardSources,
  hazardStates,
  selfInspectionKinds,
} from './hazard.enums.ts';
import { mineKinds, mineStatuses } from './registry.enums.ts';

export const HazardReportInput = z.strictObject({
  mineId: Uuid,
  criterionId: Uuid.describe('判定标准条款 (须适用于该矿山类型)'),
  description: LongText.describe('隐患描述'),
  location: z.string().trim().min(1).max(500).describe('隐患部位'),
  source: z.enum(hazardSources),
  foundBy: Name.describe('发现人或检查组'),
  foundOn: DateString,
});
export type HazardReportInput = z.infer<typeof HazardReportInput>;

/** 五落实: 责任、措施、资金、时限、预案 (《2024年矿山安全生产工作要点》第19条; 原安监总局令第16号, UNVERIFIED: docs/sources.md). */
export const HazardPlanInput = z.strictObject({
  responsiblePerson: Name.describe('责任人'),
  measures: LongText.describe('治理措施'),
  fundsYuan: z.number().finite().min(0).max(1e11).describe('治理资金 (元)'),
  deadline: DateString.describe('治理时限'),
  contingencyPlan: LongText.describe('安全措施和应急预案'),
  version: z.number().int().positive().optional(),
});
export type HazardPlanInput = z.infer<typeof HazardPlanInput>;

export const HazardSubmitInput = z.strictObject({
  rectificationNote: LongText.describe('整改情况及证据说明'),
  version: z.number().int().positive().optional(),
});
export type HazardSubmitInput = z.infer<typeof HazardSubmitInput>;

export const HazardDecisionInput = z.strictObject({
  note: LongText.describe('验收意见或退回理由'),
  version: z.number().int().positive().optional(),
});
export type HazardDecisionInput = z.infer<typeof HazardDecisionInput>;

export const HazardSuperviseInput = z.strictObject({
  supervised: z.boolean().describe('挂牌督办'),
  note: LongText,
});

export const HazardSuspendMineInput = z.strictObject({
  effectiveDate: DateString,
  reason: LongText.describe('责令停产整顿的理由与文书编号'),
});

export const HazardEventResponse = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  fromState: z.enum(hazardStates).nullable(),
  toState: z.enum(hazardStates).nullable(),
  note: z.string().nullable(),
});

export const HazardResponse = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  criterion: z.object({
    id: z.string(),
    code: z.string(),
    text: z.string(),
    standard: z.string(),
    verified: z.boolean(),
  }),
  description: z.string(),
  location: z.string(),
  source: z.enum(hazardSources),
  foundBy: z.string(),
  foundOn: z.string(),
  state: z.enum(hazardStates),
  supervised: z.boolean(),
  responsiblePerson: z.string().nullable(),
  measures: z.string().nullable(),
  fundsYuan: z.number().nullable(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  contingencyPlan: z.string().nullable(),
  rectificationNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  repeatOf: z.string().nullable().describe('屡改屡犯: 此前同一条款已销号的隐患'),
  allowedActions: z.array(z.enum(hazardActions)).describe('当前用户此刻可执行的操作'),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HazardResponse = z.infer<typeof HazardResponse>;

export const AttachmentQuery = z.strictObject({
  purpose: z.enum(evidencePurposes).default('发现证据'),
});

export const AttachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

export const AttachmentResponse = z.object({
  id: z.string(),
  purpose: z.enum(evidencePurposes),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

export const HazardDetailResponse = HazardResponse.extend({
  timeline: z.array(HazardEventResponse),
  attachments: z.array(AttachmentResponse),
});

export const HazardListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  state: csvList(z.enum(hazardStates)).optional(),
  source: csvList(z.enum(hazardSources)).optional(),
  overdue: QueryBool.optional().describe('已超过治理时限且未销号'),
  supervised: QueryBool.optional(),
  q: SearchText.optional(),
  from: DateString.optional().describe('发现日期起'),
  to: DateString.optional().describe('发现日期止'),
  ...PageQuery,
});
export type HazardListQuery = z.infer<typeof HazardListQuery>;
export const HazardPage = pageOf(HazardResponse);

export const CriterionResponse = z.object({
  id: z.string(),
  code: z.string(),
  parentCode: z.string().nullable(),
  part: z.string(),
  text: z.string(),
  applicableKinds: z.array(z.string()),
  verified: z.boolean(),
});

export const HazardStandardResponse = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  version: z.string(),
  effectiveOn: z.string(),
  source: z.string(),
  items: z.number(),
});

export const CriteriaQuery = z.strictObject({
  kind: z.enum(mineKinds).optional().describe('只列出适用于该矿山类型的条款'),
  q: z.string().trim().max(100).optional(),
});

export const CriterionInput = z.strictObject({
  code: z.string().trim().min(1).max(50),
  parentCode: z.string().trim().min(1).max(50).nullable(),
  part: z.string().trim().min(1).max(50),
  number: z.string().trim().min(1).max(10),
  text: z.string().trim().min(1).max(2000),
  verified: z.boolean(),
});

export const HazardStandardInput = z.strictObject({
  code: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(200),
  version: z.string().trim().min(1).max(40),
  effectiveOn: DateString,
  source: z.string().trim().min(1).max(500),
  items: z.array(CriterionInput).min(1).max(2000),
});
export type HazardStandardInput = z.infer<typeof HazardStandardInput>;

export const HazardSummaryQuery = z.strictObject({ region: RegionCode.optional() });

/** The hazards card of the home dashboard. */
export const HazardSummary = z.object({
  total: z.number().int(),
  open: z.number().int().describe('未销号'),
  overdue: z.number().int().describe('超过治理时限且未销号'),
  supervised: z.number().int().describe('挂牌督办中'),
  byState: z.array(z.object({ key: z.string(), count: z.number().int() })),
  bySource: z.array(z.object({ key: z.string(), count: z.number().int() })),
});
export type HazardSummary = z.infer<typeof HazardSummary>;

export const ClosureCandidate = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyName: z.string(),
  hazardsInWindow: z.array(z.object({ id: z.string(), foundOn: z.string() })),
  windowMonths: z.number().int(),
  licenceProblems: z.array(z.string()),
});

export const Period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM')
  .describe('报告月份 YYYY-MM');

export const SelfInspectionReportInput = z.strictObject({
  mineId: Uuid,
  period: Period,
  zeroReport: z.boolean().describe('零报告: 本月未发现重大事故隐患'),
  signedBy: Name.describe('签字的主要负责人 (须为该矿登记的主要负责人)'),
  note: z.string().trim().max(2000).optional(),
});
export type SelfInspectionReportInput = z.infer<typeof SelfInspectionReportInput>;

export const Quarter = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, '季度格式为 YYYY-Qn')
  .describe('季度 YYYY-Qn');

/** The parent company's quarterly inspection of a mine (《2024年矿山安全生产工作要点》第19条). */
export const ParentInspectionInput = z.strictObject({
  mineId: Uuid,
  period: Quarter,
  inspectedOn: DateString.describe('检查日期 (须在该季度内)'),
  leader: Name.describe('带队的上级公司主要负责人'),
  wentUnderground: z.boolean().describe('主要负责人是否下井检查'),
  zeroReport: z.boolean().describe('零报告: 本次排查未发现重大事故隐患'),
  note: z.string().trim().max(2000).optional(),
});
export type ParentInspectionInput = z.infer<typeof ParentInspectionInput>;

export const SelfInspectionReportResponse = z.object({
  id: z.string(),
  kind: z.enum(selfInspectionKinds).describe('月度自查 或 上级公司季度排查'),
  inspectedOn: z.string().nullable(),
  wentUnderground: z.boolean().nullable(),
  mineId: z.string(),
  mineName: z.string(),
  period: z.string(),
  zeroReport: z.boolean(),
  hazardCount: z.number().int(),
  signedBy: z.string(),
  note: z.string().nullable(),
  submittedAt: z.string(),
});

/** The queries of a periodic inspection's records (period optional) and of who has not filed. */
export function inspectionQueries(period: typeof Period) {
  return {
    list: z.strictObject({ period: period.optional(), region: RegionCode.optional() }),
    missing: z.strictObject({ period, region: RegionCode.optional() }),
  };
}

export const MissingReport = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyName: z.string(),
  status: z.enum(mineStatuses),
  dueOn: z.string(),
  overdue: z.boolean(),
});
