/**
 * @module API shapes of the leads module (issue 6): leads and their steps, meters, registered areas,
 * mine-level series.
 */
import { z } from 'zod';
import {
  areaKinds,
  areaStates,
  factorNames,
  leadRules,
  leadStatuses,
  meterFactors,
  seriesGranularities,
} from './leads.enums.ts';
import {
  DateString,
  LongText,
  Name,
  PageQuery,
  RegionCode,
  SearchText,
  Uuid,
  csvList,
} from './common.schemas.ts';
import { mineStatuses } from './registry.enums.ts';

export const LeadListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  rule: csvList(z.enum(leadRules)).optional(),
  status: csvList(z.enum(leadStatuses)).optional(),
  open: z.enum(['true', 'false']).optional(),
  assignedToMe: z.enum(['true', 'false']).optional(),
  q: SearchText.optional().describe('搜索: 矿山名称或线索摘要'),
  from: DateString.optional().describe('发现日期起'),
  to: DateString.optional().describe('发现日期止'),
  ...PageQuery,
});
export type LeadListQuery = z.infer<typeof LeadListQuery>;

export const BreachSchema = z.object({
  factor: z.string(),
  area: z.string().optional(),
  from: z.string(),
  to: z.string(),
  peak: z.number(),
  threshold: z.number(),
  baseline: z.number().nullable(),
  expected: z.array(z.object({ t: z.string(), v: z.number() })).optional(),
});
/** One breach of a lead's evidence: the factor (and area) over its window, against its threshold. */
export type Breach = z.infer<typeof BreachSchema>;

export const LeadResponse = z.object({
  id: Uuid,
  mineId: Uuid,
  mineName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  mineStatus: z.enum(mineStatuses),
  rule: z.enum(leadRules),
  status: z.enum(leadStatuses),
  score: z.number().int(),
  windowStart: z.string(),
  windowEnd: z.string(),
  summary: z.string(),
  criterionCode: z.string().nullable(),
  majorHazard: z.boolean(),
  assigneeId: Uuid.nullable(),
  assigneeName: z.string().nullable(),
  assignedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verification: z.string().nullable(),
  hazardId: Uuid.nullable(),
  inspectionRef: z.string().nullable(),
  closeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  detectedAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type LeadResponse = z.infer<typeof LeadResponse>;

export const LeadEventResponse = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  actor: z.string(),
  note: z.string().nullable(),
  /** What the step recorded; its fields depend on the event type (score, assignee, hazard …). */
  detail: z.record(z.string(), z.unknown()).nullable(),
});

export const LeadDetailResponse = LeadResponse.extend({
  breaches: z.array(BreachSchema),
  /** The recorded inspections a 停产迎检 lead is about (empty for the other rules). */
  inspections: z.array(z.object({ id: Uuid, label: z.string() })),
  events: z.array(LeadEventResponse),
});
export type LeadDetailResponse = z.infer<typeof LeadDetailResponse>;

export const LeadSummaryQuery = z.strictObject({ region: RegionCode.optional() });

export const LeadSummaryResponse = z.object({
  open: z.number().int(),
  unassigned: z.number().int(),
  byRule: z.array(z.object({ rule: z.enum(leadRules), open: z.number().int() })),
  byStatus: z.array(z.object({ status: z.enum(leadStatuses), count: z.number().int() })),
  newLast7Days: z.number().int(),
});

/** An inspector a lead may be assigned to (of a unit covering the lead's mine). */
export const LeadAssigneeResponse = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  organisationName: z.string(),
});

const Version = z.number().int().positive().optional().describe('乐观锁: 读取时的 version');

export const LeadAssignInput = z.strictObject({
  assigneeId: Uuid.describe('核查的执法人员'),
  note: z.string().trim().max(2000).optional(),
  version: Version,
});
export const LeadVerifyInput = z.strictObject({
  result: LongText.describe('现场核查结果'),
  confirmed: z.boolean().describe('现场是否证实'),
  version: Version,
});
export const LeadConvertInput = z.discriminatedUnion('to', [
  z.strictObject({
    to: z.literal('hazard'),
    criterionId: Uuid.describe('判定标准条款'),
    description: LongText,
    location: z.string().trim().min(1).max(500),
    foundBy: Name,
    foundOn: z.iso.date(),
    version: Version,
  }),
  z.strictObject({
    to: z.literal('inspection'),
    reference: Name.describe('执法检查记录或文书编号'),
    note: LongText,
    version: Version,
  }),
]);
export type LeadConvertInput = z.infer<typeof LeadConvertInput>;
export const LeadDismissInput = z.strictObject({
  reason: LongText.describe('排除理由'),
  version: Version,
});

/** The series of one mine for the comparison view and the lead charts. */
export const SeriesQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  factors: csvList(z.enum(factorNames)).optional(),
  granularity: z.enum(seriesGranularities).default('hour'),
  areas: z.enum(['true', 'false']).optional(),
});
export const SeriesResponse = z.object({
  mineId: Uuid,
  granularity: z.enum(seriesGranularities),
  from: z.string(),
  to: z.string(),
  series: z.array(
    z.object({
      factor: z.enum(factorNames),
      area: z.string(),
      unit: z.string(),
      /** 'day' in an hourly view: the factor is only reported per day (drawn as steps). */
      granularity: z.enum(seriesGranularities),
      points: z.array(z.tuple([z.string(), z.number()])),
    }),
  ),
  statusChanges: z.array(z.object({ date: z.string(), status: z.enum(mineStatuses) })),
});
export type SeriesResponse = z.infer<typeof SeriesResponse>;

export const MeterInput = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w\-./#]+$/u, '表号只能含字母、数字和 - _ . / #')
    .describe('表号 (电表、地磅、民爆台账的编号)'),
  factor: z.enum(meterFactors),
  area: z.string().trim().max(100).default(''),
  granularity: z.enum(seriesGranularities),
  provider: z.string().trim().max(200).optional(),
});
export const MeterResponse = z.object({
  id: Uuid,
  mineId: Uuid,
  code: z.string(),
  factor: z.enum(factorNames),
  area: z.string(),
  granularity: z.enum(seriesGranularities),
  provider: z.string().nullable(),
  createdAt: z.string(),
});

export const AreaInput = z.strictObject({
  name: Name.describe('区域名称 (与人员定位系统中的名称一致)'),
  kind: z.enum(areaKinds),
  state: z.enum(areaStates).default('在用'),
});
export const AreaUpdateInput = z.strictObject({
  kind: z.enum(areaKinds).optional(),
  state: z.enum(areaStates).optional(),
});
export const AreaResponse = z.object({
  id: Uuid,
  mineId: Uuid,
  name: z.string(),
  kind: z.enum(areaKinds),
  state: z.enum(areaStates),
  updatedAt: z.string(),
});

/**
 * What an import's re-evaluation of the lead rules looked at and found: per mine and calendar year, the
 * China days the import wrote, [from, to); the leads it opened or extended.
 */
export const SeriesImportEvaluation = z.object({
  periods: z.array(
    z.object({
      mineId: Uuid,
      mineName: z.string(),
      from: z.string(),
      to: z.string(),
      /** Whether the scheduled evaluation also covers the period (false: history, evaluated only here). */
      scheduled: z.boolean(),
    }),
  ),
  findings: z.number().int(),
  opened: z.number().int(),
  extended: z.number().int(),
  leads: z.array(
    z.object({
      id: Uuid,
      mineId: Uuid,
      mineName: z.string(),
      rule: z.enum(leadRules),
      outcome: z.enum(['opened', 'extended']),
      windowStart: z.string(),
      windowEnd: z.string(),
    }),
  ),
});
export type SeriesImportEvaluation = z.infer<typeof SeriesImportEvaluation>;

export const SeriesImportResponse = z.object({
  imported: z.number().int(),
  replaced: z.number().int(),
  meters: z.number().int(),
  mines: z.number().int(),
  ignoredColumns: z.array(z.string()),
  /** The lead rules re-run over the imported periods (history included). */
  evaluation: SeriesImportEvaluation,
});
