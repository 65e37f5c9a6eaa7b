/**
 * @module Shapes of the stopped-mines loop (issue 24 "Stopped mines"): a mine under 停产整顿 or 停工停产 files
 * its 整改方案 and declares any work in advance — purpose, places, people per site, days, the power it will
 * draw — (《2024年矿山安全生产工作要点》第18条: "按照定时、定量、定人、定措施等要求制定整改方案,同一作业地点严格控制在9人以内";
 * 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5: "同一作业地点控制在10人以内,并向非煤矿山安全监管监察部门报告后方可进行整改作业");
 * the regulators of its region see each declaration and may reject it with a reason; the responsible
 * officials (包保责任人) record their 驻矿盯守 / 巡查 visits.
 */
import { z } from 'zod';
import { DateString, LongText, Name, Uuid } from './common.schemas.ts';

export const StoppedValidation = {
  /** Work sites of one declaration. */
  maxSites: 20,
  /** Days one declaration may cover (a longer stretch is declared again). */
  maxDays: 31,
} as const;

/** What the work at a stopped mine is for. */
export const stoppedWorkPurposes = ['设备检修', '排水', '通风', '安全设施整改', '其他'] as const;
export type StoppedWorkPurpose = (typeof stoppedWorkPurposes)[number];

/** 已申报 (explains power and people in its window), 已驳回 (explains nothing). */
export const declarationStates = ['已申报', '已驳回'] as const;
export type DeclarationState = (typeof declarationStates)[number];

export const RectificationPlanInput = z.strictObject({
  mineId: Uuid,
  measures: LongText.describe('整改内容与措施 (定时、定量、定人、定措施)'),
  responsiblePerson: Name.describe('整改负责人'),
  completeBy: DateString.describe('计划完成日期'),
});
export type RectificationPlanInput = z.infer<typeof RectificationPlanInput>;

export const RectificationPlanResponse = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  measures: z.string(),
  responsiblePerson: z.string(),
  completeBy: z.string(),
  filedAt: z.string(),
  filedBy: z.string(),
});
export type RectificationPlanResponse = z.infer<typeof RectificationPlanResponse>;

const Site = z.strictObject({
  place: Name.describe('作业地点 (与人员定位区域名称一致)'),
  people: z.number().int().min(1).describe('该地点单班下井人数'),
});

export const DeclarationInput = z.strictObject({
  mineId: Uuid,
  purpose: z.enum(stoppedWorkPurposes).describe('作业目的'),
  description: LongText.describe('作业内容'),
  sites: z
    .array(Site)
    .min(1)
    .max(StoppedValidation.maxSites)
    .refine((s) => new Set(s.map((x) => x.place)).size === s.length, '作业地点重复')
    .describe('作业地点及每处人数'),
  maxPowerKwh: z.number().min(0).max(1e6).describe('作业期间每小时最大用电量 (kWh)'),
  startsOn: DateString.describe('开始日期'),
  endsOn: DateString.describe('结束日期 (含当日)'),
});
export type DeclarationInput = z.infer<typeof DeclarationInput>;

export const DeclarationRejectInput = z.strictObject({
  reason: LongText.describe('驳回理由'),
});
export type DeclarationRejectInput = z.infer<typeof DeclarationRejectInput>;

export const DeclarationResponse = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  purpose: z.enum(stoppedWorkPurposes),
  description: z.string(),
  sites: z.array(z.object({ place: z.string(), people: z.number() })),
  maxPowerKwh: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  state: z.enum(declarationStates),
  rejectReason: z.string().nullable(),
  /** The per-site limit that applied to the mine's region when filed, and its source. */
  perSiteLimit: z.number(),
  filedAt: z.string(),
  filedBy: z.string(),
});
export type DeclarationResponse = z.infer<typeof DeclarationResponse>;

export const DeclarationListQuery = z.strictObject({
  mineId: Uuid.optional(),
});

export const WardenInput = z.strictObject({
  mineId: Uuid,
  userId: Uuid.describe('包保责任人 (监管单位的用户)'),
});
export type WardenInput = z.infer<typeof WardenInput>;

export const WardenResponse = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  userId: z.uuid(),
  name: z.string(),
  since: z.string(),
  /** The last visit, and when the next is due (the setting stopped.patrolIntervalDays). */
  lastVisitAt: z.string().nullable(),
  nextDueAt: z.string(),
  overdue: z.boolean(),
});
export type WardenResponse = z.infer<typeof WardenResponse>;

export const patrolKinds = ['驻矿盯守', '巡查'] as const;

export const PatrolInput = z.strictObject({
  mineId: Uuid,
  kind: z.enum(patrolKinds),
  visitedAt: z.iso.datetime({ offset: true }).describe('到矿时间'),
  findings: LongText.describe('发现的情况 (井下人数、用电、作业地点……)'),
});
export type PatrolInput = z.infer<typeof PatrolInput>;

export const PatrolResponse = z.object({
  id: z.uuid(),
  mineId: z.uuid(),
  mineName: z.string(),
  kind: z.enum(patrolKinds),
  visitedAt: z.string(),
  findings: z.string(),
  officialName: z.string(),
  recordedAt: z.string(),
  /** Photos of the visit (GET /api/stopped/patrols/:id/photos/:photoId). */
  photos: z.array(z.object({ id: z.uuid(), fileName: z.string() })),
});
export type PatrolResponse = z.infer<typeof PatrolResponse>;
