/**
 * @module Responses and queries of 安全准入与分类处置 (server: modules/admission): the 三个一批 entries with
 * their steps, the 安全设施设计审查 → 安全生产许可 applications, the mines below the minimum scale, and the
 * mining-method findings.
 */
import { z } from 'zod';
import {
  disposalCategories,
  disposalStates,
  methodFindingKinds,
  miningMethods,
  permitStates,
} from './admission.ts';
import { QueryBool, RegionCode, Uuid } from './common.schemas.ts';

export const DisposalListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  category: z.enum(disposalCategories).optional(),
  state: z.enum(disposalStates).optional(),
  overdue: QueryBool.optional().describe('只看逾期'),
});
export type DisposalListQuery = z.infer<typeof DisposalListQuery>;

export const RegionQuery = z.strictObject({ region: RegionCode.optional() });
export type RegionQuery = z.infer<typeof RegionQuery>;

export const PermitListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  state: z.enum(permitStates).optional(),
});
export type PermitListQuery = z.infer<typeof PermitListQuery>;

const MineOf = {
  mineId: z.string(),
  mineName: z.string(),
  enterpriseName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
};

export const DisposalStepResponse = z.object({
  steppedOn: z.string(),
  description: z.string(),
  completes: z.boolean(),
  recordedBy: z.string(),
});

export const DisposalResponse = z.object({
  id: z.string(),
  ...MineOf,
  category: z.enum(disposalCategories),
  basis: z.string(),
  listedOn: z.string(),
  deadline: z.string(),
  note: z.string(),
  state: z.enum(disposalStates),
  completedOn: z.string().nullable(),
  /** Open past its deadline on the day asked (today). */
  overdue: z.boolean(),
  daysOverdue: z.number(),
  listedBy: z.string(),
  steps: z.array(DisposalStepResponse),
  version: z.number(),
});
export type DisposalResponse = z.infer<typeof DisposalResponse>;

export const PermitResponse = z.object({
  id: z.string(),
  ...MineOf,
  projectKind: z.string(),
  projectName: z.string(),
  appliedOn: z.string(),
  designer: z.string(),
  miningMethod: z.enum(miningMethods),
  fillingJustification: z.string(),
  mechanicalScaling: z.boolean(),
  designCapacityTpa: z.number(),
  serviceLifeYears: z.number(),
  note: z.string(),
  state: z.enum(permitStates),
  reviewedOn: z.string().nullable(),
  reviewExperts: z.array(z.string()),
  reviewNote: z.string(),
  constructionDueOn: z.string().nullable(),
  originalDueOn: z.string().nullable(),
  extensions: z.number(),
  extensionReason: z.string().nullable(),
  siteCheckedOn: z.string().nullable(),
  siteCheckPassed: z.boolean().nullable(),
  siteCheckNote: z.string().nullable(),
  issuedOn: z.string().nullable(),
  licenceNumber: z.string().nullable(),
  licenceExpiresOn: z.string().nullable(),
  appliedBy: z.string(),
  version: z.number(),
});
export type PermitResponse = z.infer<typeof PermitResponse>;

export const BelowScaleResponse = z.object({
  ...MineOf,
  kind: z.string(),
  designCapacityTpa: z.number().nullable(),
  serviceLifeYears: z.number().nullable(),
  reasons: z.array(z.string()),
  /** The list the mine is on now, if any. */
  onList: z.enum(disposalCategories).nullable(),
});
export type BelowScaleResponse = z.infer<typeof BelowScaleResponse>;

export const MethodFindingResponse = z.object({
  ...MineOf,
  kind: z.enum(methodFindingKinds),
  detail: z.string(),
  source: z.string(),
});
export type MethodFindingResponse = z.infer<typeof MethodFindingResponse>;
