/**
 * @module Request and response shapes of the acts of an overdue hazard's ladder steps
 * (《2024年矿山安全生产工作要点》第20条: 对重大事故隐患整改进展缓慢的及时采取函告、通报、约谈、曝光等措施): the
 * numbered 函告 and 通报 documents, the 约谈 meeting with its commitments, the public 曝光 and its
 * withdrawal, and the public list of exposures.
 */
import { z } from 'zod';
import { DateString, LongText, Name, RegionCode } from './common.schemas.ts';
import { documentStates, hazardDocumentTemplates } from './inspections.enums.ts';

/** The four acts, by the name of the ladder step each is made from. */
export const HazardActStep = {
  Letter: '函告',
  Circular: '通报',
  Interview: '约谈',
  Exposure: '曝光',
} as const;
export type HazardActStep = (typeof HazardActStep)[keyof typeof HazardActStep];
export const hazardActSteps = Object.values(HazardActStep) as [HazardActStep, ...HazardActStep[]];

export const InterviewAttendee = z.strictObject({
  name: Name,
  post: z.string().trim().max(100).default(''),
});
const Attendees = z.array(InterviewAttendee).max(30);

/** A commitment made at a 约谈 and its deadline. */
export const InterviewCommitmentInput = z.strictObject({
  text: LongText,
  deadline: DateString,
});

/** Makes the act of a reached step: a 函告 or 通报 document, a 约谈 record, or an 曝光. */
export const HazardActInput = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal(HazardActStep.Letter) }),
  z.strictObject({ step: z.literal(HazardActStep.Circular) }),
  z.strictObject({
    step: z.literal(HazardActStep.Interview),
    heldOn: DateString,
    place: Name,
    enterpriseAttendees: Attendees.min(1, '须有企业参加人员'),
    parentAttendees: Attendees.min(1, '须有上级公司参加人员'),
    regulatorAttendees: Attendees.min(1, '须有监管部门参加人员'),
    summary: z.string().trim().max(5000).default(''),
    commitments: z.array(InterviewCommitmentInput).min(1, '须有至少一项整改承诺').max(30),
  }),
  z.strictObject({
    step: z.literal(HazardActStep.Exposure),
    reason: LongText.describe('曝光原因 (公开显示)'),
  }),
]);
export type HazardActInput = z.infer<typeof HazardActInput>;

export const ExposureWithdrawInput = z.strictObject({
  reason: LongText.describe('撤回原因 (记入审计)'),
});
export type ExposureWithdrawInput = z.infer<typeof ExposureWithdrawInput>;

export const CommitmentFulfilInput = z.strictObject({ fulfilledOn: DateString });

export const InterviewAttendeeResponse = z.object({ name: z.string(), post: z.string() });

/** A 约谈 as recorded. */
export const InterviewResponse = z.object({
  id: z.uuid(),
  unitName: z.string(),
  heldOn: z.string(),
  place: z.string(),
  enterpriseAttendees: z.array(InterviewAttendeeResponse),
  parentAttendees: z.array(InterviewAttendeeResponse),
  regulatorAttendees: z.array(InterviewAttendeeResponse),
  summary: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  commitments: z.array(
    z.object({
      id: z.uuid(),
      text: z.string(),
      deadline: z.string(),
      fulfilledOn: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
});
export type InterviewResponse = z.infer<typeof InterviewResponse>;

/** An 曝光 of the hazard, in force or withdrawn (the withdrawal's reason is for the regulators). */
export const ExposureResponse = z.object({
  id: z.uuid(),
  unitName: z.string(),
  reason: z.string(),
  exposedOn: z.string(),
  withdrawn: z
    .object({ at: z.string(), reason: z.string().nullable(), by: z.string().nullable() })
    .nullable(),
});
export type ExposureResponse = z.infer<typeof ExposureResponse>;

/** A 函告 or 通报 made from the step. */
export const ActDocumentResponse = z.object({
  id: z.uuid(),
  template: z.enum(hazardDocumentTemplates),
  number: z.string(),
  state: z.enum(documentStates),
});

/** One act step of the hazard's ladder: whether it was reached, and its act if made. */
export const HazardActStepResponse = z.object({
  step: z.enum(hazardActSteps),
  /** The day the step fell due, once the ladder reached it; null while not reached. */
  reachedOn: z.string().nullable(),
  /** Whether the caller may make the act now (reached, not yet made, caller's unit covers the mine). */
  canAct: z.boolean(),
  document: ActDocumentResponse.nullable(),
  interview: InterviewResponse.nullable(),
  exposures: z.array(ExposureResponse),
});
export type HazardActStepResponse = z.infer<typeof HazardActStepResponse>;

export const HazardActsResponse = z.object({
  steps: z.array(HazardActStepResponse),
  /** Whether the caller may withdraw an exposure or mark a commitment fulfilled. */
  canManage: z.boolean(),
});
export type HazardActsResponse = z.infer<typeof HazardActsResponse>;

export const PublicExposuresQuery = z.strictObject({ region: RegionCode.optional() });

/** The public page of exposures: mines and hazards exposed, with the reason and the day. */
export const PublicExposuresResponse = z.object({
  exposures: z.array(
    z.object({
      exposedOn: z.string(),
      unitName: z.string(),
      countyName: z.string(),
      mineName: z.string(),
      enterpriseName: z.string(),
      criterionCode: z.string(),
      hazard: z.string(),
      reason: z.string(),
    }),
  ),
});
export type PublicExposuresResponse = z.infer<typeof PublicExposuresResponse>;
