/**
 * @module Plans and their tasks (issue 8 §1): each plan ends with "分年度制定攻坚清单，明确具体任务、
 * 完成时限、工作目标" (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》三(一), 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(二); 《拉萨市关于加强非煤矿山安全生产工作的实施意见》
 * 三(一) in its own words: 将工作任务分解细化到具体部门).
 */
import { z } from 'zod';
import { DateString, LongText, Uuid } from './common.schemas.ts';

/** 一次性 tasks end at their deadline; 持续推动 tasks run on (a deadline, when given, is a milestone). */
export const taskKinds = ['一次性', '持续推动'] as const;
export const TaskState = { NotStarted: '未开始', InProgress: '进行中', Done: '已完成' } as const;

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

export const TaskReportInput = z.strictObject({
  text: LongText.describe('进展情况'),
  percent: z.number().int().min(0).max(100).describe('完成百分比'),
});
export type TaskReportInput = z.infer<typeof TaskReportInput>;
