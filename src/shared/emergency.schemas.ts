/**
 * @module Responses and queries of 应急准备与培训 (server: modules/emergency): a mine's registers with the
 * hours each person trained this year and last, its findings, the findings of a jurisdiction, and the
 * 逢查必考 results of an inspection.
 */
import { z } from 'zod';
import { DateString, RegionCode, Uuid } from './common.schemas.ts';
import { drillKinds, emergencyRuleNames, rescueKinds } from './emergency.ts';

export const EmergencyRegisterQuery = z.strictObject({ mineId: Uuid });
export const EmergencyFindingsQuery = z.strictObject({
  region: RegionCode.optional(),
  on: DateString.optional().describe('判定日期 (默认今天)'),
});
export type EmergencyFindingsQuery = z.infer<typeof EmergencyFindingsQuery>;

const Filed = { id: z.string(), filedBy: z.string(), createdAt: z.string() };

export const EmergencyFindingResponse = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyName: z.string(),
  rule: z.enum(emergencyRuleNames),
  dueOn: z.string(),
  message: z.string(),
  source: z.string(),
});
export type EmergencyFindingResponse = z.infer<typeof EmergencyFindingResponse>;

export const EmergencyRegisterResponse = z.object({
  mineId: z.string(),
  mineName: z.string(),
  underground: z.boolean(),
  date: z.string(),
  plans: z.array(
    z.object({ ...Filed, title: z.string(), revisedOn: z.string(), note: z.string() }),
  ),
  drills: z.array(
    z.object({
      ...Filed,
      kind: z.enum(drillKinds),
      drilledOn: z.string(),
      participants: z.number(),
      findings: z.string(),
    }),
  ),
  agreements: z.array(
    z.object({
      ...Filed,
      kind: z.enum(rescueKinds),
      teamName: z.string(),
      signedOn: z.string(),
      validUntil: z.string(),
      inForce: z.boolean(),
    }),
  ),
  trainings: z.array(
    z.object({
      ...Filed,
      trainedOn: z.string(),
      topic: z.string(),
      hours: z.number(),
      attendees: z.array(z.string()),
    }),
  ),
  /** Each active person's hours this year and last, against emergency.rules' yearly hours. */
  hours: z.object({
    required: z.number(),
    people: z.array(
      z.object({
        personId: z.string(),
        name: z.string(),
        thisYear: z.number(),
        lastYear: z.number(),
      }),
    ),
  }),
  practices: z.array(
    z.object({
      ...Filed,
      practisedOn: z.string(),
      limitSeconds: z.number(),
      results: z.array(
        z.object({
          personId: z.string(),
          name: z.string(),
          seconds: z.number(),
          passed: z.boolean(),
        }),
      ),
    }),
  ),
  postCards: z.array(
    z.object({
      ...Filed,
      post: z.string(),
      riskListOn: z.string().nullable(),
      dutyListOn: z.string().nullable(),
      operationCardOn: z.string().nullable(),
      emergencyCardOn: z.string().nullable(),
      complete: z.boolean(),
    }),
  ),
  findings: z.array(EmergencyFindingResponse),
});
export type EmergencyRegisterResponse = z.infer<typeof EmergencyRegisterResponse>;

export const ExamResponse = z.object({
  id: z.string(),
  examinedOn: z.string(),
  personId: z.string().nullable(),
  name: z.string(),
  post: z.string(),
  score: z.number(),
  passed: z.boolean(),
  examiner: z.string(),
});
export type ExamResponse = z.infer<typeof ExamResponse>;
