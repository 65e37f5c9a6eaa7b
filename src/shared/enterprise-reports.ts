/**
 * @module Enterprises report to the plan (issue 25 §7): 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六)
 * 及时总结报送 — 各有关企业按照要求负责及时报送治本攻坚行动推进落实情况, 2月29日前报送市应急管理局; 每年12月10日前,
 * 报送年度工作总结; 2026年11月30日前, 报送治本攻坚三年行动评估报告. The due dates are a setting (with the
 * clause); an enterprise with a mine in the schedule's region files one report per due date; a report
 * not filed by its due date is a finding that climbs the ladder. The rule (status, rungs) is pure here.
 */
import { z } from 'zod';
import { addDays } from './dates.ts';
import { DateString, RegionCode } from './common.schemas.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const EnterpriseReportScheduleSchema = z.strictObject({
  /** The region whose enterprises (a mine there) must report. */
  region: z.string().regex(/^\d{6}$/),
  dues: z
    .array(z.strictObject({ dueOn: Day, title: z.string().min(1).max(60) }))
    .min(1)
    .max(50),
  /** Days after the due date at which a missing report climbs each rung (第1级, 第2级, …). */
  ladderDays: z.array(z.number().int().min(0).max(365)).min(1).max(5),
  source: z.string().min(1).max(300),
});
export type EnterpriseReportSchedule = z.infer<typeof EnterpriseReportScheduleSchema>;
export const EnterpriseReportSchedulesSchema = z.array(EnterpriseReportScheduleSchema).max(50);

/** 原平四(六): 2024-02-29 (the plan is of 2024), 12-10 each year, the three-year report 2026-11-30. */
export const defaultEnterpriseReportSchedules: EnterpriseReportSchedule[] = [
  {
    region: '140981',
    dues: [
      { dueOn: '2024-02-29', title: '治本攻坚行动推进落实情况' },
      { dueOn: '2024-12-10', title: '2024 年度工作总结' },
      { dueOn: '2025-12-10', title: '2025 年度工作总结' },
      { dueOn: '2026-11-30', title: '治本攻坚三年行动评估报告' },
      { dueOn: '2026-12-10', title: '2026 年度工作总结' },
    ],
    ladderDays: [1, 15, 30],
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六) 及时总结报送 (2月29日前; 每年12月10日前年度工作总结; 2026年11月30日前三年行动评估报告); 未报送按四(四) 通报、约谈、曝光逐级升级, 各级天数为系统默认值',
  },
];

export const EnterpriseReportStatus = {
  OnTime: '按时报送',
  Late: '逾期报送',
  Missing: '未报送',
  Pending: '待报送',
} as const;
export type EnterpriseReportStatus =
  (typeof EnterpriseReportStatus)[keyof typeof EnterpriseReportStatus];
export const enterpriseReportStatuses = Object.values(EnterpriseReportStatus) as [
  EnterpriseReportStatus,
  ...EnterpriseReportStatus[],
];

/**
 * A report's standing on `today` (pure): filed on or before its due date is on time, after it late;
 * not filed is missing from the day after the due date, pending until then ("…前报送": the day counts).
 */
export function reportStatus(
  dueOn: string,
  filedOn: string | null,
  today: string,
): EnterpriseReportStatus {
  if (filedOn !== null) {
    return filedOn <= dueOn ? EnterpriseReportStatus.OnTime : EnterpriseReportStatus.Late;
  }
  return today > dueOn ? EnterpriseReportStatus.Missing : EnterpriseReportStatus.Pending;
}

/** The rungs a report missing since `dueOn` has reached by `today`. */
export function missingReportSteps(ladderDays: readonly number[], dueOn: string, today: string) {
  return ladderDays
    .map((d, i) => ({ step: `第${i + 1}级`, dueOn: addDays(dueOn, d) }))
    .filter((s) => s.dueOn <= today);
}

export const EnterpriseReportLimits = {
  /** The report's text. */
  textMax: 5000,
  /** One file (the signed report as PDF or scans) per report. */
  filesMax: 1,
};

export const EnterpriseReportInput = z.strictObject({
  dueOn: DateString.describe('所报送的截止日期 (计划所定)'),
  text: z.string().trim().min(1, '请填写报送内容').max(EnterpriseReportLimits.textMax),
});
export type EnterpriseReportInput = z.infer<typeof EnterpriseReportInput>;

export const EnterpriseReportQuery = z.strictObject({
  region: RegionCode.optional(),
  on: DateString.optional().describe('按哪一天判断 (默认今天)'),
});
export type EnterpriseReportQuery = z.infer<typeof EnterpriseReportQuery>;

export const EnterpriseReportResponse = z.object({
  id: z.string(),
  dueOn: z.string(),
  text: z.string(),
  filedOn: z.string().describe('报送日期 (北京时间)'),
  filedAt: z.string(),
  file: z.object({ id: z.string(), fileName: z.string(), sizeBytes: z.number().int() }).nullable(),
});
export type EnterpriseReportResponse = z.infer<typeof EnterpriseReportResponse>;

/** One due date of the plan: each obligated enterprise's standing, and the counts. */
export const EnterpriseReportDueResponse = z.object({
  dueOn: z.string(),
  title: z.string(),
  counts: z.object({
    onTime: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    pending: z.number().int(),
  }),
  rows: z.array(
    z.object({
      enterpriseId: z.string(),
      enterpriseName: z.string(),
      status: z.enum(enterpriseReportStatuses),
      report: EnterpriseReportResponse.nullable(),
    }),
  ),
});
export const EnterpriseReportBoardResponse = z.object({
  on: z.string(),
  source: z.string(),
  dues: z.array(EnterpriseReportDueResponse),
});
export type EnterpriseReportBoardResponse = z.infer<typeof EnterpriseReportBoardResponse>;
