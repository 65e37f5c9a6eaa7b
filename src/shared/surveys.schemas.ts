/**
 * @module Responses and queries of 隐蔽致灾因素普查 (server: modules/surveys): a survey with its factors,
 * zones, review and report files, the findings (mines without a survey in date) and the public grade list.
 */
import { z } from 'zod';
import { DateString, RegionCode, Uuid } from './common.schemas.ts';
import { disasterGrades, factorKinds, surveyStates, zoneClasses } from './surveys.ts';

export const SurveyListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: Uuid.optional(),
  state: z.enum(surveyStates).optional(),
});
export type SurveyListQuery = z.infer<typeof SurveyListQuery>;

export const SurveyFindingsQuery = z.strictObject({
  region: RegionCode.optional(),
  on: DateString.optional().describe('判定日期 (默认今天)'),
});
export type SurveyFindingsQuery = z.infer<typeof SurveyFindingsQuery>;

export const PublicGradesQuery = z.strictObject({ region: RegionCode });

export const SurveyFileResponse = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

export const SurveySummaryResponse = z.object({
  id: z.string(),
  mineId: z.string(),
  mineName: z.string(),
  enterpriseName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  surveyedOn: z.string(),
  surveyor: z.string(),
  grade: z.enum(disasterGrades),
  state: z.enum(surveyStates),
  reviewedOn: z.string().nullable(),
  /** When the survey must be renewed (its survey date plus the period of surveys.rules). */
  renewalDueOn: z.string(),
  factorCount: z.number(),
});
export type SurveySummaryResponse = z.infer<typeof SurveySummaryResponse>;

export const SurveyResponse = SurveySummaryResponse.extend({
  areaKm2: z.number(),
  scopeYears: z.number(),
  scopeDescription: z.string(),
  factors: z.array(
    z.object({
      kind: z.enum(factorKinds),
      level: z.enum(disasterGrades),
      location: z.string(),
      note: z.string(),
    }),
  ),
  zones: z.array(z.object({ zoneClass: z.enum(zoneClasses), name: z.string(), note: z.string() })),
  note: z.string(),
  reviewNote: z.string(),
  reviewedBy: z.string().nullable(),
  filedBy: z.string(),
  files: z.array(SurveyFileResponse),
  version: z.number(),
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;

export const SurveyFindingResponse = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyName: z.string(),
  reason: z.enum(['未普查', '普查过期']),
  dueOn: z.string(),
  lastPassedSurveyOn: z.string().nullable(),
  disasterGrade: z.enum(disasterGrades).nullable(),
});
export type SurveyFindingResponse = z.infer<typeof SurveyFindingResponse>;

export const PublicGradeResponse = z.object({
  regionName: z.string(),
  mines: z.array(
    z.object({
      mineName: z.string(),
      enterpriseName: z.string(),
      countyName: z.string(),
      grade: z.enum(disasterGrades),
      surveyedOn: z.string(),
      reviewedOn: z.string().nullable(),
    }),
  ),
});
export type PublicGradeResponse = z.infer<typeof PublicGradeResponse>;
