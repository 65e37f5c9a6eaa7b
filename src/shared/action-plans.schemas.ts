/**
 * @module Requests and responses of the 攻坚清单 (issue 8): plans and their tasks — each plan ends with
 * "分年度制定攻坚清单，明确具体任务、完成时限、工作目标" (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》三(一),
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(二); 《拉萨市关于加强非煤矿山安全生产工作的实施意见》三(一) in its
 * own words: 将工作任务分解细化到具体部门) — task progress and its evidence, the targets board, the regional
 * risk grading and the periodic reports.
 */
import { z } from 'zod';
import { DateString, LongText, RegionCode, Uuid } from './common.schemas.ts';
import {
  indicatorDirections,
  indicatorMeasures,
  periodicReportTriggers,
  taskKinds,
  taskStates,
} from './action-plans.enums.ts';
import { periodicReportKinds } from './periodic-report.periods.ts';
import { indicatorKeys } from './targets.settings.ts';

export { TaskState, taskKinds } from './action-plans.enums.ts';

const Title = z.string().trim().min(1, '不能为空').max(200);

export const WorkPlanInput = z
  .strictObject({
    title: Title.describe('方案名称, 如 矿山安全生产治本攻坚三年行动'),
    fromYear: z.number().int().min(2000).max(2100),
    toYear: z.number().int().min(2000).max(2100),
    source: z.string().trim().max(500).default('').describe('所依据的文件'),
  })
  .refine((p) => p.toYear >= p.fromYear, { path: ['toYear'], message: '结束年度不能早于开始年度' });
export type WorkPlanInput = z.infer<typeof WorkPlanInput>;

export const WorkTaskInput = z.strictObject({
  number: z.string().trim().min(1).max(20).describe('序号, 如 3 或 2.1'),
  content: LongText.describe('任务内容'),
  leadUnitId: Uuid.describe('牵头单位'),
  coUnitIds: z.array(Uuid).max(30).default([]).describe('配合单位'),
  deadline: DateString.nullable().default(null).describe('完成时限 (持续推动的任务可为空)'),
  target: z.string().trim().max(2000).default('').describe('工作目标'),
  kind: z.enum(taskKinds),
});
export type WorkTaskInput = z.infer<typeof WorkTaskInput>;

/** A task's change, with the version read (optimistic locking). */
export const WorkTaskUpdateInput = WorkTaskInput.extend({
  version: z.number().int().positive().optional(),
});
export type WorkTaskUpdateInput = z.infer<typeof WorkTaskUpdateInput>;

export const TaskProgressInput = z.strictObject({
  text: LongText.describe('进展情况'),
  percent: z.number().int().min(0).max(100).describe('完成百分比'),
});
export type TaskProgressInput = z.infer<typeof TaskProgressInput>;

export const TaskProgressParams = z.strictObject({ id: z.uuid(), progressId: z.uuid() });
export const TaskFileParams = z.strictObject({ id: z.uuid(), fileId: z.uuid() });

export const WorkPlanResponse = z.object({
  id: z.string(),
  organisationId: z.string().describe('制定方案的单位'),
  regionCode: z.string(),
  title: z.string(),
  fromYear: z.number().int(),
  toYear: z.number().int(),
  source: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type WorkPlanResponse = z.infer<typeof WorkPlanResponse>;

export const WorkTaskResponse = z.object({
  id: z.string(),
  planId: z.string(),
  number: z.string(),
  content: z.string(),
  leadUnitId: z.string(),
  leadUnitName: z.string(),
  coUnitIds: z.array(z.string()),
  coUnitNames: z.array(z.string()),
  deadline: z.string().nullable(),
  target: z.string(),
  kind: z.enum(taskKinds),
  percent: z.number().int().describe('最近一次报送的完成百分比'),
  progressCount: z.number().int().describe('进展报送次数'),
  state: z.enum(taskStates),
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type WorkTaskResponse = z.infer<typeof WorkTaskResponse>;

export const WorkPlanDetailResponse = WorkPlanResponse.extend({
  units: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .describe('任务可指定的单位: 方案辖区内的监管单位'),
  tasks: z.array(WorkTaskResponse).describe('辖区外的单位只见本单位承担的任务'),
});
export type WorkPlanDetailResponse = z.infer<typeof WorkPlanDetailResponse>;

/** An evidence file of a task's progress, without its content. */
export const TaskFileResponse = z.object({
  id: z.string(),
  progressId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type TaskFileResponse = z.infer<typeof TaskFileResponse>;

/** One progress report on a task, by a unit that leads or supports it. */
export const TaskProgressResponse = z.object({
  id: z.string(),
  taskId: z.string(),
  text: z.string(),
  percent: z.number().int(),
  organisationId: z.string(),
  unitName: z.string(),
  reportedBy: z.string(),
  reportedLabel: z.string(),
  reportedAt: z.string(),
  files: z.array(TaskFileResponse),
});
export type TaskProgressResponse = z.infer<typeof TaskProgressResponse>;

export const WorkTaskDetailResponse = WorkTaskResponse.extend({
  progress: z.array(TaskProgressResponse).describe('进展报送, 最早的在前'),
});
export type WorkTaskDetailResponse = z.infer<typeof WorkTaskDetailResponse>;

export const TaskImportResponse = z.object({ imported: z.number().int() });

/** The board's region, date and baseline (all optional: the caller's jurisdiction, today, 2023). */
export const TargetBoardQuery = z.strictObject({
  region: RegionCode.optional(),
  date: DateString.optional(),
  baselineYear: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type TargetBoardQuery = z.infer<typeof TargetBoardQuery>;
export const TargetTrendQuery = TargetBoardQuery.extend({
  months: z.coerce.number().int().min(2).max(36).optional(),
});
export const IndicatorKeyParams = z.strictObject({ key: z.enum(indicatorKeys) });

/** An indicator's figure for a jurisdiction on a date, with how it was counted and its source. */
export const IndicatorResponse = z.object({
  key: z.enum(indicatorKeys),
  name: z.string(),
  source: z.string(),
  measure: z.enum(indicatorMeasures),
  direction: z.enum(indicatorDirections),
  value: z.number().nullable().describe('百分比; 分母为 0 时为空'),
  numerator: z.number(),
  denominator: z.number(),
  unit: z.literal('%'),
});
export type IndicatorResponse = z.infer<typeof IndicatorResponse>;

/** A target that applies to the board's region, and whether today's figure meets it. */
export const IndicatorTargetResponse = z.object({
  region: z.string(),
  indicator: z.enum(indicatorKeys),
  year: z.number().int(),
  goal: z.number(),
  source: z.string(),
  met: z.boolean().nullable(),
});

export const IndicatorWithTargetsResponse = IndicatorResponse.extend({
  targets: z.array(IndicatorTargetResponse),
});
export type IndicatorWithTargetsResponse = z.infer<typeof IndicatorWithTargetsResponse>;

export const TargetBoardResponse = z.object({
  region: z.string().nullable(),
  date: z.string(),
  baselineYear: z.number().int(),
  indicators: z.array(IndicatorWithTargetsResponse),
});
export type TargetBoardResponse = z.infer<typeof TargetBoardResponse>;

export const TargetTrendResponse = z.object({
  key: z.enum(indicatorKeys),
  points: z.array(
    z.object({
      date: z.string(),
      value: z.number().nullable(),
      numerator: z.number(),
      denominator: z.number(),
    }),
  ),
});
export type TargetTrendResponse = z.infer<typeof TargetTrendResponse>;

/** A mine that holds an indicator back, with its share of the figure and why. */
export const HoldingBackResponse = z.object({
  mineId: z.string(),
  mineName: z.string(),
  countyCode: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  note: z.string(),
});
export type HoldingBackResponse = z.infer<typeof HoldingBackResponse>;

export const TargetMinesResponse = z.object({
  key: z.enum(indicatorKeys),
  date: z.string(),
  indicator: IndicatorResponse,
  mines: z.array(HoldingBackResponse),
});
export type TargetMinesResponse = z.infer<typeof TargetMinesResponse>;

export const RegionalRiskQuery = z.strictObject({
  region: RegionCode.optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});

/** A region's grade for the month and its place in the ranking. */
export const RegionalGradeResponse = z.object({
  rank: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  coefficient: z.number(),
  level: z.string(),
  mines: z.number().int(),
  highMines: z.number().int(),
  meanScore: z.number(),
});
export type RegionalGradeResponse = z.infer<typeof RegionalGradeResponse>;

export const RegionalRiskResponse = z.object({
  month: z.string(),
  live: z.boolean().describe('当月实时分级; 往月为月末留存'),
  formula: z.string(),
  model: z.object({
    highClasses: z.array(z.string()),
    levels: z.array(z.object({ name: z.string(), min: z.number() })),
  }),
  regions: z.array(RegionalGradeResponse),
});
export type RegionalRiskResponse = z.infer<typeof RegionalRiskResponse>;

export const PeriodicReportListQuery = z.strictObject({
  kind: z.enum(periodicReportKinds).optional(),
  region: RegionCode.optional(),
});
export const PeriodicReportInput = z.strictObject({
  kind: z.enum(periodicReportKinds),
  region: RegionCode.optional(),
});
export type PeriodicReportInput = z.infer<typeof PeriodicReportInput>;
export const PeriodicReportFileQuery = z.strictObject({
  format: z.enum(['pdf', 'xlsx']).default('pdf'),
});

export const PeriodicReportResponse = z.object({
  id: z.string(),
  kind: z.enum(periodicReportKinds),
  regionCode: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  title: z.string(),
  trigger: z.enum(periodicReportTriggers),
  generatedAt: z.string(),
});
export type PeriodicReportResponse = z.infer<typeof PeriodicReportResponse>;

/**
 * The figures of a periodic report, frozen when it was made and archived with it (its xlsx and PDF are
 * rendered from them). Stored JSON outlives the code: a key changes only with a migration.
 */
export const PeriodicReportData = z.object({
  kind: z.enum(periodicReportKinds),
  title: z.string(),
  region: z.object({ code: z.string(), name: z.string() }),
  period: z.object({ start: z.string(), end: z.string() }),
  generatedAt: z.string(),
  indicators: z.array(IndicatorWithTargetsResponse),
  trend: z.object({
    dates: z.array(z.string()),
    series: z.array(
      z.object({ key: z.string(), name: z.string(), values: z.array(z.number().nullable()) }),
    ),
  }),
  tasks: z.object({
    total: z.number().int(),
    done: z.number().int(),
    inProgress: z.number().int(),
    notStarted: z.number().int(),
    overdue: z.number().int(),
    /** Progress reports on the tasks within the period (the stored key predates the name). */
    reportsInPeriod: z.number().int(),
    overdueList: z.array(
      z.object({
        plan: z.string(),
        number: z.string(),
        content: z.string(),
        leadUnit: z.string(),
        deadline: z.string(),
        percent: z.number().int(),
      }),
    ),
  }),
  hazards: z.object({
    found: z.number().int(),
    closed: z.number().int(),
    openAtEnd: z.number().int(),
    overdueAtEnd: z.number().int(),
  }),
  enforcement: z.object({
    inspections: z.number().int(),
    findings: z.number().int(),
    penalties: z.number().int(),
    fineYuan: z.number(),
  }),
  regionalRisk: z.object({
    formula: z.string(),
    regions: z.array(
      z.object({
        rank: z.number().int(),
        regionName: z.string(),
        coefficient: z.number(),
        level: z.string(),
        mines: z.number().int(),
      }),
    ),
  }),
});
export type PeriodicReportData = z.infer<typeof PeriodicReportData>;

export const PeriodicReportDetailResponse = PeriodicReportResponse.extend({
  data: PeriodicReportData,
});
export type PeriodicReportDetailResponse = z.infer<typeof PeriodicReportDetailResponse>;
