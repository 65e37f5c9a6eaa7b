/**
 * @module What the accountability API answers (问责闭环, issue 9): accidents with their chain notices and
 * 约谈, accident statistics, the qualification and contractor findings, and 举报 — the public side
 * (receipt, tracking, counties) and the regulators' cases — with the queries that select them. The web
 * infers its types from these; the inputs live beside their rules (accidents.ts, public-reports.ts).
 */
import { z } from 'zod';
import {
  accidentGrades,
  accidentKinds,
  chainRecorders,
  chainStepStates,
  interviewParties,
  interviewStates,
  noticeChannels,
} from './accidents.ts';
import {
  accidentStages,
  accidentWorkflowSteps,
  findingNatures,
  investigationLevels,
  responsiblePartyKinds,
} from './accident-workflow.ts';
import { DateString, QueryBool, RegionCode, SearchText } from './common.schemas.ts';
import {
  caseStates,
  caseSteps,
  outcomes,
  publicReportCategories,
  verificationResults,
} from './public-reports.ts';
import { mineKinds } from './registry.enums.ts';

const Year = z.coerce.number().int().min(1990).max(2100);

export const AccidentListQuery = z.strictObject({
  region: RegionCode.optional(),
  year: Year.optional(),
  grade: z.enum(accidentGrades).optional(),
  kind: z.enum(accidentKinds).optional(),
  q: SearchText.optional().describe('搜索: 矿山名称或事故地点'),
});
export type AccidentListQuery = z.infer<typeof AccidentListQuery>;

export const AccidentStatsQuery = z.strictObject({
  region: RegionCode.optional(),
  fromYear: Year,
  toYear: Year,
});
export type AccidentStatsQuery = z.infer<typeof AccidentStatsQuery>;

/** An accident as listed: where, when, what, and its grade. */
export const AccidentSummaryResponse = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  occurredAt: z.string(),
  kind: z.enum(accidentKinds),
  place: z.string(),
  deaths: z.number(),
  seriousInjuries: z.number(),
  directLossYuan: z.number(),
  grade: z.enum(accidentGrades),
});
export type AccidentSummaryResponse = z.infer<typeof AccidentSummaryResponse>;

/** One step of the chain of notices with its deadline and state (迟报 and 逾期未报 flagged). */
export const ChainStepResponse = z.object({
  key: z.string(),
  label: z.string(),
  due: z.string().nullable(),
  reportedAt: z.string().nullable(),
  state: z.enum(chainStepStates),
  lateMinutes: z.number(),
  /** The level that records the step (县级, 市级, 省级; null: any regulator). */
  recordedBy: z.enum(chainRecorders).nullable(),
  /** Whether the caller may record it: it holds accidents.manage and is of the step's level. */
  canRecord: z.boolean(),
});

/** A chain notice as recorded: the step, when and how it was given, who recorded it. */
export const ChainNoticeResponse = z.object({
  step: z.string(),
  reportedAt: z.string(),
  channel: z.enum(noticeChannels),
  note: z.string(),
  recordedBy: z.string(),
});

/** A 约谈 of the enterprise or its parent company. */
export const InterviewResponse = z.object({
  id: z.string(),
  party: z.enum(interviewParties),
  partyName: z.string(),
  state: z.enum(interviewStates),
  heldOn: z.string().nullable(),
  note: z.string(),
  version: z.number(),
});
export type InterviewResponse = z.infer<typeof InterviewResponse>;

/** The accident's case after filing (issue 24): stage, investigating level, 督办, 认定, 整改, 结案, timeline. */
export const AccidentWorkflowResponse = z.object({
  stage: z.enum(accidentStages),
  /** The level investigating: the grade's own (条例第十九条) or the one it was raised to. */
  investigationLevel: z.enum(investigationLevels),
  investigationUnit: z.string().nullable(),
  escalated: z.boolean(),
  supervision: z.object({ unit: z.string(), deadline: z.string() }).nullable(),
  finding: z
    .object({
      concludedOn: z.string(),
      nature: z.enum(findingNatures),
      cause: z.string(),
      finding: z.string(),
      parties: z.array(
        z.object({
          kind: z.enum(responsiblePartyKinds),
          name: z.string(),
          role: z.string(),
          handling: z.string(),
        }),
      ),
    })
    .nullable(),
  rectificationAcceptedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** A 瞒报 accident found through a 举报 (the case's id, for the link). */
  concealed: z.boolean(),
  concealedReportId: z.string().nullable(),
  /** A concealed 较大 accident not yet 提级: its 调查认定 waits (要点第34条). */
  escalationRequired: z.boolean(),
  /** After a death the mine resumes only once the 整改 is accepted. */
  holdsResumption: z.boolean(),
  steps: z.array(
    z.object({
      step: z.enum(accidentWorkflowSteps),
      summary: z.string(),
      actor: z.string(),
      at: z.string(),
    }),
  ),
  /** Whether the caller may take the workflow's steps (accidents.manage). */
  canManage: z.boolean(),
});

/** An accident with its description, the chain of notices and the 约谈 it set off. */
export const AccidentResponse = AccidentSummaryResponse.extend({
  description: z.string(),
  reportedBy: z.string(),
  version: z.number(),
  chain: z.array(ChainStepResponse),
  notices: z.array(ChainNoticeResponse),
  interviews: z.array(InterviewResponse),
  workflow: AccidentWorkflowResponse,
});
export type AccidentResponse = z.infer<typeof AccidentResponse>;

/** Accidents, deaths, serious injuries and direct loss under one key (a year, a kind, a region). */
export const AccidentTallyResponse = z.object({
  key: z.string(),
  accidents: z.number(),
  deaths: z.number(),
  injuries: z.number(),
  lossYuan: z.number(),
});
export type AccidentTallyResponse = z.infer<typeof AccidentTallyResponse>;

export const AccidentStatsResponse = z.object({
  fromYear: z.number(),
  toYear: z.number(),
  byYear: z.array(AccidentTallyResponse),
  byKind: z.array(AccidentTallyResponse),
  /** The regions one level below the selected one, most deaths first. */
  byRegion: z.array(AccidentTallyResponse.extend({ name: z.string() })),
  byGrade: z.array(z.object({ grade: z.enum(accidentGrades), accidents: z.number() })),
});
export type AccidentStatsResponse = z.infer<typeof AccidentStatsResponse>;

export const MineComplianceQuery = z.strictObject({ date: DateString.optional() });
export const RegionComplianceQuery = z.strictObject({ region: RegionCode.optional() });

/** One qualification or contractor finding; `criterion` names the major-hazard criterion it matches. */
export const ComplianceFindingResponse = z.object({
  rule: z.string(),
  message: z.string(),
  source: z.string(),
  criterion: z.string().nullable(),
  subject: z.string(),
});
export type ComplianceFindingResponse = z.infer<typeof ComplianceFindingResponse>;

export const MineComplianceResponse = z.object({
  date: z.string(),
  findings: z.array(ComplianceFindingResponse),
});

/** The mines of a region with findings, hazard candidates first, and the findings per rule. */
export const RegionComplianceResponse = z.object({
  date: z.string(),
  mines: z.number(),
  byRule: z.array(z.object({ rule: z.string(), findings: z.number() })),
  withFindings: z.array(
    z.object({
      mineId: z.string(),
      mineName: z.string(),
      countyCode: z.string(),
      kind: z.enum(mineKinds),
      findings: z.number(),
      hazardCandidates: z.number(),
      rules: z.array(z.string()),
    }),
  ),
});
export type RegionComplianceResponse = z.infer<typeof RegionComplianceResponse>;

/** A 举报 tracking code (Crockford base32 after JB) and its secret. */
export const TrackingCode = z.string().regex(/^JB[0-9A-Z]{10}$/, '查询码格式不正确');
export const TrackingSecret = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '查询密码格式不正确');
export const PublicReportTrackInput = z.strictObject({
  trackingCode: TrackingCode,
  secret: TrackingSecret,
});

/** What the reporter keeps after filing: the tracking code, its secret, and when 受理 is due. */
export const PublicReportReceiptResponse = z.object({
  trackingCode: z.string(),
  secret: z.string(),
  dueOn: z.string(),
});

/** A county where 举报 can be filed, with its path (province / city / county). */
export const PublicReportCountyResponse = z.object({
  code: z.string(),
  name: z.string(),
  path: z.string(),
});
export type PublicReportCountyResponse = z.infer<typeof PublicReportCountyResponse>;

/** A photo added to a 举报 before it is accepted. */
export const PublicReportPhotoResponse = z.object({ id: z.string(), sizeBytes: z.number() });

/** What the reporter sees of the case: the state, each public step, the feedback and the reward. */
export const PublicReportTrackingResponse = z.object({
  trackingCode: z.string(),
  category: z.enum(publicReportCategories),
  location: z.string(),
  state: z.enum(caseStates),
  receivedAt: z.string(),
  dueOn: z.string().nullable(),
  photos: z.number(),
  events: z.array(z.object({ step: z.enum(caseSteps), note: z.string(), at: z.string() })),
  feedback: z.string().nullable(),
  reward: z.object({ amountYuan: z.number(), paidOn: z.string().nullable() }).nullable(),
});
export type PublicReportTrackingResponse = z.infer<typeof PublicReportTrackingResponse>;

export const PublicReportListQuery = z.strictObject({
  state: z.enum(caseStates).optional(),
  category: z.enum(publicReportCategories).optional(),
  overdue: QueryBool.optional().describe('下一步已过期限'),
  q: SearchText.optional().describe('搜索: 查询码、矿山名称或地点'),
  from: DateString.optional().describe('收到日期起'),
  to: DateString.optional().describe('收到日期止'),
});
export type PublicReportListQuery = z.infer<typeof PublicReportListQuery>;

/** A 举报 case on the regulators' board: its state and when the next step is due. */
export const PublicReportSummaryResponse = z.object({
  id: z.string(),
  trackingCode: z.string(),
  category: z.enum(publicReportCategories),
  countyCode: z.string(),
  unitId: z.string(),
  location: z.string(),
  mineName: z.string().nullable(),
  mineId: z.string().nullable(),
  state: z.enum(caseStates),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  receivedAt: z.string(),
  version: z.number(),
});
export type PublicReportSummaryResponse = z.infer<typeof PublicReportSummaryResponse>;

/** The reporter as far as the caller may know: named only for the handling unit's administrators. */
export const PublicReporterResponse = z.object({
  anonymous: z.boolean(),
  identityProtected: z.boolean(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
});
export type PublicReporterResponse = z.infer<typeof PublicReporterResponse>;

/** A 举报 case with its content, the reporter as far as the caller may know, photos and timeline. */
export const PublicReportResponse = PublicReportSummaryResponse.extend({
  content: z.string(),
  verification: z.enum(verificationResults).nullable(),
  outcome: z.enum(outcomes).nullable(),
  linkId: z.string().nullable().describe('办理: the hazard, lead or inspection the case became'),
  feedback: z.string().nullable(),
  rewardYuan: z.number().nullable(),
  rewardPaidOn: z.string().nullable(),
  /** 追责: what was done about the people responsible (issue 24). */
  accountability: z
    .object({
      measures: z.string(),
      parties: z.array(z.object({ name: z.string(), role: z.string(), handling: z.string() })),
    })
    .nullable(),
  handlingUnit: z.boolean().describe('the caller belongs to the unit handling the case'),
  reporter: PublicReporterResponse,
  photos: z.array(z.object({ id: z.string(), contentType: z.string() })),
  events: z.array(
    z.object({
      step: z.enum(caseSteps),
      publicNote: z.string(),
      internalNote: z.string(),
      actor: z.string(),
      at: z.string(),
    }),
  ),
});
export type PublicReportResponse = z.infer<typeof PublicReportResponse>;
