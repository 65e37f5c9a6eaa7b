/**
 * @module 举报 (issue 9 §1; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第24条, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第27条:
 * 向社会公布接收矿山安全生产举报的渠道 … 完善并落实举报受理、核实、办理、反馈、追责等闭环管理机制，及时兑现举报奖励): the public form, the case's steps
 * and their time limits, and the flood limits. No text gives the days or the limits: they are
 * configuration (UNVERIFIED).
 */
import { z } from 'zod';
import { accidentKinds } from './accidents.ts';

/** What a 举报 is about. */
export const publicReportCategories = [
  '重大事故隐患',
  '非法违法开采',
  '瞒报事故',
  '其他安全生产违法行为',
] as const;
export type PublicReportCategory = (typeof publicReportCategories)[number];

export const CaseState = {
  Received: '待受理',
  Accepted: '已受理',
  Verified: '已核实',
  Handled: '已办理',
  Answered: '已反馈',
  Rejected: '不予受理',
} as const;
export type CaseState = (typeof CaseState)[keyof typeof CaseState];
export const caseStates = Object.values(CaseState) as [CaseState, ...CaseState[]];

/** The steps on a case's timeline, as the reporter and the unit see them. */
export const caseSteps = [
  '收到举报',
  '受理',
  '不予受理',
  '核实',
  '办理',
  '反馈',
  '奖励',
  '追责',
] as const;
export type CaseStep = (typeof caseSteps)[number];

export const verificationResults = ['属实', '部分属实', '不属实'] as const;
export type VerificationResult = (typeof verificationResults)[number];
/**
 * What a 举报 can become when it is handled. A 瞒报事故 found true becomes an accident record marked 瞒报
 * (转为事故调查, issue 24; 《2024年矿山安全生产工作要点》第33条 压实瞒报事故举报核查属地责任, 第34条 瞒报谎报较大事故的一律提级调查).
 */
export const outcomes = [
  '转为重大事故隐患',
  '转为线索',
  '转为执法检查',
  '转为事故调查',
  '无需处理',
] as const;
export type CaseOutcome = (typeof outcomes)[number];

const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确');

/** The public form (no login). Named reports need a name and a phone; anonymous ones must give none. */
export const PublicReportInput = z
  .strictObject({
    category: z.enum(publicReportCategories),
    countyCode: z.string().regex(/^\d{6}$/, '请选择县级行政区'),
    location: z.string().trim().min(2).max(200),
    mineName: z.string().trim().max(100).optional(),
    content: z.string().trim().min(10, '请至少写 10 个字').max(2000),
    anonymous: z.boolean(),
    name: z.string().trim().min(1).max(50).optional(),
    phone: phone.optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.anonymous && (!v.name || !v.phone)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.name ? 'phone' : 'name'],
        message: '实名举报须留姓名和电话',
      });
    }
    if (v.anonymous && (v.name || v.phone)) {
      ctx.addIssue({ code: 'custom', path: ['anonymous'], message: '匿名举报不留姓名和电话' });
    }
  });
export type PublicReportInput = z.infer<typeof PublicReportInput>;

/** Days each step may take from the step before (受理 from receipt). */
export const CaseRulesSchema = z.strictObject({
  days: z.strictObject({
    accept: z.number().int().min(1).max(60),
    verify: z.number().int().min(1).max(120),
    handle: z.number().int().min(1).max(180),
    answer: z.number().int().min(1).max(60),
  }),
  /** Flood protection of the public form, per client address (kept as a keyed digest, not the address). */
  reportsPerHour: z.number().int().min(1).max(1000),
  reportsPerDay: z.number().int().min(1).max(10_000),
  /**
   * Wrong secrets from one client address in an hour before its look-ups are refused: counted per
   * address, never per code, so nobody who knows a code can lock its reporter out (the secret is 96
   * random bits; guessing it is hopeless without a per-code lock).
   */
  wrongSecretsPerHour: z.number().int().min(1).max(100),
  /** Tracking look-ups (and photo uploads) from one client address in an hour, right or wrong. */
  lookupsPerHour: z.number().int().min(1).max(10_000).default(60),
  photosMax: z.number().int().min(0).max(10),
  photoBytesMax: z.number().int().min(10_000).max(20_000_000),
});
export type CaseRules = z.infer<typeof CaseRulesSchema>;
export const defaultCaseRules: CaseRules = {
  days: { accept: 5, verify: 15, handle: 30, answer: 5 },
  reportsPerHour: 5,
  reportsPerDay: 20,
  wrongSecretsPerHour: 10,
  lookupsPerHour: 60,
  photosMax: 3,
  photoBytesMax: 5_000_000,
};

export const AcceptInput = z.strictObject({
  accept: z.boolean(),
  note: z.string().trim().min(1).max(2000),
});
export type AcceptInput = z.infer<typeof AcceptInput>;
export const VerifyInput = z.strictObject({
  result: z.enum(verificationResults),
  note: z.string().trim().min(1).max(2000),
});
export type VerifyInput = z.infer<typeof VerifyInput>;
/**
 * The hazard, lead or inspection made from the report as it is handled: the mine (default: the one the
 * report names), and for a hazard its criterion, for an inspection its team (at least 2) and date.
 * A hazard and an inspection reach the enterprise (its hazard ledger, the 现场检查记录 it receives), so
 * what they say is written by the handler: the report's tracking code and wording never leave the case
 * (with the code an enterprise could try secrets against its reporter's case; the wording can tell who
 * reported).
 */
export const HandleCreate = z.strictObject({
  mineId: z.uuid().optional(),
  description: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .optional()
    .describe(
      '转为重大事故隐患: 隐患描述; 转为执法检查: 检查项 — 企业可见, 由办理人撰写, 勿抄录举报原文和查询码',
    ),
  location: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .optional()
    .describe('转为重大事故隐患: 隐患部位 (企业可见, 由办理人撰写)'),
  criterionId: z.uuid().optional().describe('转为重大事故隐患: 判定标准条款'),
  teamUserIds: z.array(z.uuid()).max(20).optional().describe('转为执法检查: 检查组'),
  inspectedOn: z.iso.date().optional().describe('转为执法检查: 检查日期 (默认今天)'),
  accident: z
    .strictObject({
      occurredAt: z.iso.datetime({ offset: true }),
      kind: z.enum(accidentKinds),
      place: z.string().trim().min(1).max(200),
      deaths: z.number().int().min(0).max(1000),
      seriousInjuries: z.number().int().min(0).max(10_000),
      directLossYuan: z.number().min(0).max(1e11),
      description: z.string().trim().min(1).max(4000),
    })
    .optional()
    .describe('转为事故调查: 查实的事故 (企业可见, 由办理人撰写, 勿抄录举报原文和查询码)'),
});
export type HandleCreate = z.infer<typeof HandleCreate>;
export const HandleInput = z
  .strictObject({
    outcome: z.enum(outcomes),
    note: z.string().trim().min(1).max(2000),
    /** A hazard, lead or inspection made before, through its own page. */
    linkId: z.uuid().optional(),
    /** Or: make it now, from the report, in the same step. */
    create: HandleCreate.optional(),
  })
  .refine((h) => !(h.linkId && h.create), {
    path: ['create'],
    message: '关联已有记录与新建记录只能选一项',
  });
export type HandleInput = z.infer<typeof HandleInput>;
export const AnswerInput = z.strictObject({ feedback: z.string().trim().min(1).max(2000) });
export type AnswerInput = z.infer<typeof AnswerInput>;
export const RewardInput = z.strictObject({
  amountYuan: z.number().min(0).max(10_000_000),
  paidOn: z.iso.date().optional(),
  note: z.string().trim().max(500).optional(),
});
export type RewardInput = z.infer<typeof RewardInput>;

/**
 * 追责: what was done about the people responsible, after the case was handled (西藏方案第24条, 原平方案第27条:
 * 举报受理、核实、办理、反馈、追责闭环).
 */
export const CaseAccountabilityInput = z.strictObject({
  measures: z.string().trim().min(1).max(4000).describe('追责情况'),
  parties: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        role: z.string().trim().min(1).max(200),
        handling: z.string().trim().min(1).max(1000),
      }),
    )
    .max(50)
    .default([]),
});
export type CaseAccountabilityInput = z.infer<typeof CaseAccountabilityInput>;
