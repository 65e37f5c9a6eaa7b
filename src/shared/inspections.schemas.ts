/**
 * @module Request and response shapes of the inspection records (issue 7 §2–3): inspections with their
 * team, checklist, findings, photos, on-site orders and rechecks, and the penalties decided on them.
 * Documents, schedules and statistics have their own files (inspection-*.schemas.ts).
 */
import { z } from 'zod';
import {
  DateString,
  ExportFormat,
  LongText,
  Name,
  QueryBool,
  RegionCode,
  SearchText,
  Uuid,
} from './common.schemas.ts';
import {
  announcedReasons,
  checklistResults,
  documentStates,
  documentTemplates,
  findingKinds,
  inspectionKinds,
  inspectionOrderKinds,
  penaltyStatuses,
  penaltyTargets,
} from './inspections.enums.ts';

const ShortText = z.string().trim().min(1, '不能为空').max(500);
/** The version a change is based on (optimistic locking; none = last writer wins). */
const Version = z.number().int().positive().optional();

export const ChecklistItem = z.strictObject({
  criterionId: Uuid.nullable().default(null).describe('判定标准条款; 自定义项为空'),
  text: ShortText.describe('检查内容'),
  result: z.enum(checklistResults).nullable().default(null),
  note: z.string().trim().max(2000).default(''),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/**
 * An inspection made known to the mine beforehand, and why (《2024年矿山安全生产工作要点》第41条: every other
 * inspection is 四不两直). 其他 needs the reason written out.
 */
export const AnnouncedInput = z
  .strictObject({
    reason: z.enum(announcedReasons).describe('事先告知的理由'),
    note: z.string().trim().max(500).default('').describe('说明 (理由为“其他”时必填)'),
  })
  .superRefine((v, ctx) => {
    if (v.reason === '其他' && v.note === '') {
      ctx.addIssue({ code: 'custom', path: ['note'], message: '事先告知的理由为“其他”时须写明' });
    }
  });
export type AnnouncedInput = z.infer<typeof AnnouncedInput>;

export const InspectionCreateInput = z.strictObject({
  mineId: Uuid,
  kind: z
    .enum(inspectionKinds)
    .describe('检查类型 (检查方式一律四不两直, 除非 announced 写明事先告知的理由)'),
  announced: AnnouncedInput.optional().describe(
    '事先告知矿山的理由 (如整改复查、复工复产验收); 不填即四不两直',
  ),
  inspectedOn: DateString,
  teamUserIds: z
    .array(Uuid)
    .min(2, '执法检查至少 2 名执法人员')
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, '执法人员重复')
    .describe('检查组 (至少 2 名执法人员)'),
  scheduleVisitId: Uuid.optional().describe('对应的年度检查计划中的一次检查'),
  crossArrangementId: Uuid.optional().describe(
    '异地交叉执法安排 (检查类型为交叉执法时必填; 检查组须全部来自其执法人才库)',
  ),
  checklistCriterionIds: z.array(Uuid).max(200).default([]).describe('从判定标准生成检查表的条款'),
  customItems: z.array(ShortText).max(100).default([]).describe('自定义检查项'),
  bodyCameraRef: z.string().trim().max(200).optional().describe('执法记录仪编号/视频编号'),
});
export type InspectionCreateInput = z.infer<typeof InspectionCreateInput>;

export const InspectionUpdateInput = z.strictObject({
  checklist: z.array(ChecklistItem).max(300).optional(),
  summary: z.string().trim().max(20_000).optional(),
  bodyCameraRef: z.string().trim().max(200).nullable().optional(),
  recheckOn: DateString.nullable().optional().describe('复查日期'),
  version: Version,
});
export type InspectionUpdateInput = z.infer<typeof InspectionUpdateInput>;

export const FindingInput = z
  .strictObject({
    kind: z.enum(findingKinds),
    criterionId: Uuid.optional().describe('重大事故隐患的判定标准条款'),
    description: LongText,
    location: ShortText,
    deadline: DateString.optional().describe('整改期限 (一般违法行为必填)'),
  })
  .superRefine((v, ctx) => {
    if (v.kind === '重大事故隐患' && !v.criterionId) {
      ctx.addIssue({
        code: 'custom',
        path: ['criterionId'],
        message: '重大事故隐患须选择判定标准条款',
      });
    }
    if (v.kind === '一般违法行为' && !v.deadline) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: '一般违法行为须给出整改期限' });
    }
  });
export type FindingInput = z.infer<typeof FindingInput>;

export const SuspendOrderInput = z.strictObject({
  effectiveDate: DateString,
  reason: LongText.describe('责令停产整顿的理由和依据'),
});
export type SuspendOrderInput = z.infer<typeof SuspendOrderInput>;
export const ResumptionInput = z.strictObject({
  acceptedOn: DateString,
  passed: z.boolean().describe('复工复产验收是否通过'),
  note: LongText.describe('验收意见'),
});
export type ResumptionInput = z.infer<typeof ResumptionInput>;
export const RecheckInput = z.strictObject({
  recheckedOn: DateString,
  result: LongText.describe('复查意见'),
  version: Version,
});
export type RecheckInput = z.infer<typeof RecheckInput>;
export const TypicalInput = z.strictObject({
  typical: z.boolean(),
  note: z.string().trim().max(2000).default(''),
  version: Version,
});
export type TypicalInput = z.infer<typeof TypicalInput>;

/** Which inspections to list: within the caller's jurisdiction, at most 500, newest first. */
export const InspectionListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  from: DateString.optional(),
  to: DateString.optional(),
  kind: z.enum(inspectionKinds).optional(),
  /** true: announced inspections only; false: 四不两直 only. */
  announced: QueryBool.optional(),
  typical: QueryBool.optional(),
  q: SearchText.optional().describe('搜索: 矿山名称'),
});
export type InspectionListQuery = z.infer<typeof InspectionListQuery>;

export const EligibleInspectorsQuery = z.strictObject({ mineId: Uuid });

export const TypicalCasesExportQuery = z.strictObject({
  region: RegionCode.optional(),
  format: ExportFormat.default('xlsx'),
});

/** A checklist item as stored: its result is null until filled in. */
export const ChecklistItemResponse = z.object({
  criterionId: z.string().nullable(),
  text: z.string(),
  result: z.enum(checklistResults).nullable(),
  note: z.string(),
});
export type ChecklistItemResponse = z.infer<typeof ChecklistItemResponse>;

export const InspectionTeamMember = z.object({ userId: z.string(), name: z.string() });

export const FindingResponse = z.object({
  id: z.uuid(),
  kind: z.enum(findingKinds),
  criterionId: z.string().nullable(),
  criterionCode: z.string().nullable(),
  /** The hazards ledger entry of a major hazard, and its state now. */
  hazardId: z.string().nullable(),
  hazardState: z.string().nullable(),
  description: z.string(),
  location: z.string(),
  deadline: z.string().nullable(),
});
export type FindingResponse = z.infer<typeof FindingResponse>;

export const InspectionPhotoResponse = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});

export const InspectionOrderResponse = z.object({
  id: z.uuid(),
  kind: z.enum(inspectionOrderKinds),
  orderedOn: z.string(),
  reason: z.string(),
  acceptedOn: z.string().nullable(),
  acceptancePassed: z.boolean().nullable(),
  acceptanceNote: z.string().nullable(),
});

/** A penalty as listed on its inspection. */
export const InspectionPenaltyResponse = z.object({
  id: z.uuid(),
  target: z.enum(penaltyTargets),
  partyName: z.string(),
  amountYuan: z.number(),
  status: z.enum(penaltyStatuses),
  decidedOn: z.string(),
});

/** A document as listed on its inspection. */
export const InspectionDocumentResponse = z.object({
  id: z.uuid(),
  template: z.enum(documentTemplates),
  number: z.string(),
  state: z.enum(documentStates),
  headSeq: z.number().int(),
});

/** One inspection with everything recorded on it. */
export const InspectionResponse = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  mineKind: z.string(),
  mineStatus: z.string(),
  enterpriseName: z.string(),
  countyCode: z.string(),
  kind: z.enum(inspectionKinds),
  /** 四不两直 unless announced with a reason. */
  unannounced: z.boolean(),
  announcedReason: z.enum(announcedReasons).nullable(),
  announcedNote: z.string().nullable(),
  inspectedOn: z.string(),
  scheduleVisitId: z.string().nullable(),
  /** The 异地交叉执法 arrangement it was made under. */
  crossArrangementId: z.string().nullable(),
  team: z.array(InspectionTeamMember),
  bodyCameraRef: z.string().nullable(),
  checklist: z.array(ChecklistItemResponse),
  summary: z.string(),
  recheckOn: z.string().nullable(),
  recheckedOn: z.string().nullable(),
  recheckResult: z.string().nullable(),
  typical: z.boolean(),
  typicalNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  findings: z.array(FindingResponse),
  photos: z.array(InspectionPhotoResponse),
  orders: z.array(InspectionOrderResponse),
  penalties: z.array(InspectionPenaltyResponse),
  documents: z.array(InspectionDocumentResponse),
});
export type InspectionResponse = z.infer<typeof InspectionResponse>;

/** An inspection as a row of the list. */
export const InspectionRowResponse = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  kind: z.enum(inspectionKinds),
  unannounced: z.boolean(),
  announcedReason: z.enum(announcedReasons).nullable(),
  inspectedOn: z.string(),
  /** The team's display names. */
  team: z.array(z.string()),
  recheckOn: z.string().nullable(),
  recheckedOn: z.string().nullable(),
  typical: z.boolean(),
  typicalNote: z.string().nullable(),
  findings: z.number().int(),
  /** Penalties not revoked. */
  penalties: z.number().int(),
});
export type InspectionRowResponse = z.infer<typeof InspectionRowResponse>;

export const InspectionListResponse = z.object({
  truncated: z.boolean(),
  items: z.array(InspectionRowResponse),
});
export type InspectionListResponse = z.infer<typeof InspectionListResponse>;

/** A regulator user whose unit covers a mine: someone a team may be formed from. */
export const EligibleInspectorResponse = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.string(),
  unit: z.string(),
});
export type EligibleInspectorResponse = z.infer<typeof EligibleInspectorResponse>;

export const PenaltyInput = z.strictObject({
  inspectionId: Uuid,
  target: z.enum(penaltyTargets),
  partyName: Name.describe('被处罚单位或个人'),
  legalBasis: LongText.describe('法律依据'),
  facts: LongText.describe('违法事实'),
  amountYuan: z.number().finite().min(0).max(1e9).describe('罚款金额 (元)'),
  decidedOn: DateString,
});
export type PenaltyInput = z.infer<typeof PenaltyInput>;
export const PenaltyUpdateInput = z.strictObject({
  status: z.enum(penaltyStatuses),
  paidOn: DateString.optional(),
  paidAmountYuan: z.number().finite().min(0).max(1e9).optional(),
  version: Version,
});
export type PenaltyUpdateInput = z.infer<typeof PenaltyUpdateInput>;

export const PenaltyListQuery = z.strictObject({
  region: RegionCode.optional(),
  from: DateString.optional(),
  to: DateString.optional(),
  inspectionId: Uuid.optional(),
  status: z.enum(penaltyStatuses).optional(),
  target: z.enum(penaltyTargets).optional(),
  q: SearchText.optional().describe('搜索: 矿山名称或被处罚人'),
});
export type PenaltyListQuery = z.infer<typeof PenaltyListQuery>;

/** An administrative penalty on one party (一案双罚: the enterprise and its principal person). */
export const PenaltyResponse = z.object({
  id: z.uuid(),
  inspectionId: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  target: z.enum(penaltyTargets),
  partyName: z.string(),
  legalBasis: z.string(),
  facts: z.string(),
  amountYuan: z.number(),
  decidedOn: z.string(),
  status: z.enum(penaltyStatuses),
  paidOn: z.string().nullable(),
  paidAmountYuan: z.number().nullable(),
  version: z.number().int(),
  /** Whether the same inspection penalised the other party too (一案双罚). */
  doublePenalty: z.boolean(),
});
export type PenaltyResponse = z.infer<typeof PenaltyResponse>;

export const PenaltyListResponse = z.object({
  truncated: z.boolean(),
  items: z.array(PenaltyResponse),
});
export type PenaltyListResponse = z.infer<typeof PenaltyListResponse>;
