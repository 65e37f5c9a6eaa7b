/**
 * @module Request shapes of the enforcement records (issue 7 §2–5): inspections, findings, orders,
 * penalties, documents and statistics.
 */
import { z } from 'zod';
import { DateString, LongText, Name, RegionCode, Uuid } from './common.schemas.ts';
import {
  checklistResults,
  documentTemplates,
  findingKinds,
  inspectionKinds,
  penaltyStatuses,
  penaltyTargets,
} from './inspections.enums.ts';

const ShortText = z.string().trim().min(1, '不能为空').max(500);
const Version = z.number().int().positive().optional();
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM');

export const ChecklistItem = z.strictObject({
  criterionId: Uuid.nullable().default(null).describe('判定标准条款; 自定义项为空'),
  text: ShortText.describe('检查内容'),
  result: z.enum(checklistResults).nullable().default(null),
  note: z.string().trim().max(2000).default(''),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const InspectionCreateInput = z.strictObject({
  mineId: Uuid,
  kind: z.enum(inspectionKinds),
  inspectedOn: DateString,
  teamUserIds: z
    .array(Uuid)
    .min(2, '执法检查至少 2 名执法人员')
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, '执法人员重复')
    .describe('检查组 (至少 2 名执法人员)'),
  planVisitId: Uuid.optional().describe('对应的计划检查'),
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
export const ResumptionInput = z.strictObject({
  acceptedOn: DateString,
  passed: z.boolean().describe('复工复产验收是否通过'),
  note: LongText.describe('验收意见'),
});
export const RecheckInput = z.strictObject({
  recheckedOn: DateString,
  result: LongText.describe('复查意见'),
  version: Version,
});
export const TypicalInput = z.strictObject({
  typical: z.boolean(),
  note: z.string().trim().max(2000).default(''),
  version: Version,
});

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

export const DocumentCreateInput = z.strictObject({
  inspectionId: Uuid,
  template: z.enum(documentTemplates),
  penaltyId: Uuid.optional().describe('行政处罚决定书对应的处罚'),
});
export const DocumentFields = z.record(z.string().max(60), z.string().max(20_000));
export const DocumentReviseInput = z.strictObject({
  fields: DocumentFields,
  baseSeq: z.number().int().positive().describe('编辑所基于的修订号'),
});
export const DocumentSignInput = z.strictObject({
  seq: z.number().int().positive().describe('签名的修订号'),
});

/** What a yearly plan is generated from: the unit's capacity and the 四不两直 share. */
const planParams = {
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
  unannouncedShare: z.number().min(0).max(1).default(0.3).describe('四不两直 比例'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
};
export const PlanPreviewInput = z.strictObject({ region: RegionCode.optional(), ...planParams });
export const PlanSaveInput = z.strictObject({
  year: z.number().int().min(2020).max(2100),
  ...planParams,
});

/** An enforcement tally (statistics per region, month or inspector). */
export interface EnforcementTotals {
  inspections: number;
  unannounced: number;
  findings: number;
  penalties: number;
  penaltyYuan: number;
  rechecksDue: number;
  rechecksOnTime: number;
}

export const StatsQuery = z.strictObject({
  region: RegionCode.optional(),
  from: Month,
  to: Month,
});
export type StatsQuery = z.infer<typeof StatsQuery>;
