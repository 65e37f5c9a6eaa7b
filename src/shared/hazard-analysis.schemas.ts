/**
 * @module Schemas of the dynamic analysis of the major-hazard database (重大事故隐患动态分析,
 * 《2024年矿山安全生产工作要点》第20条: 清单管理和动态分析机制) and of the stock targets of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条.
 */
import { z } from 'zod';
import { DateString, RegionCode } from './common.schemas.ts';
import { hazardStates } from './hazard.enums.ts';

export const HazardAnalysisQuery = z.strictObject({
  region: RegionCode.optional(),
  months: z.coerce.number().int().min(1).max(36).default(12).describe('月度趋势的月数'),
});
export type HazardAnalysisQuery = z.infer<typeof HazardAnalysisQuery>;

export const HazardAnalysisExportQuery = HazardAnalysisQuery.extend({
  format: z.literal('xlsx').default('xlsx'),
});

/** Open, overdue and closed counts of one group. */
export const Breakdown = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number().int(),
  open: z.number().int().describe('未销号'),
  overdue: z.number().int().describe('超过治理时限且未销号'),
  closed: z.number().int().describe('已销号'),
});
export type Breakdown = z.infer<typeof Breakdown>;

export const StockTarget = z.object({
  key: z.enum(['stock', 'increment', 'dynamicZero']),
  label: z.string(),
  dueOn: z.string(),
  source: z.string(),
  status: z.enum(['已完成', '进行中', '未完成']),
  figures: z.record(z.string(), z.number()),
  explanation: z.string(),
});
export type StockTarget = z.infer<typeof StockTarget>;

export const HazardAnalysis = z.object({
  asOf: z.string(),
  totals: Breakdown,
  byCategory: z.array(Breakdown.extend({ part: z.string() })).describe('按判定标准条款大类'),
  byMineKind: z.array(Breakdown),
  bySource: z.array(Breakdown),
  byAge: z.array(Breakdown).describe('未销号隐患按发现至今天数分段'),
  monthly: z.array(
    z.object({ month: z.string(), found: z.number().int(), closed: z.number().int() }),
  ),
  slowest: z
    .array(
      z.object({
        id: z.string(),
        mineId: z.string(),
        mineName: z.string(),
        countyName: z.string(),
        criterionCode: z.string(),
        state: z.enum(hazardStates),
        foundOn: z.string(),
        deadline: z.string().nullable(),
        daysOpen: z.number().int(),
        daysOverdue: z.number().int(),
        supervised: z.boolean(),
      }),
    )
    .describe('整改进展缓慢: 未销号时间最长的隐患 (《2024年矿山安全生产工作要点》第20条)'),
  repeatOffenders: z
    .array(
      z.object({
        mineId: z.string(),
        mineName: z.string(),
        countyName: z.string(),
        repeats: z.number().int().describe('屡改屡犯次数'),
        hazards: z.number().int().describe('隐患总数'),
        open: z.number().int(),
      }),
    )
    .describe('屡改屡犯的矿山'),
  stockTargets: z
    .array(StockTarget)
    .describe(
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条: 存量清零、遏制增量、动态清零 (原平的目标: 仅在所分析地区属于设定的地区时给出)',
    ),
});
export type HazardAnalysis = z.infer<typeof HazardAnalysis>;

/**
 * The dates of the three targets of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条 (setting hazards.stockTargets), and
 * the region they are set for: they are 原平's, not a national rule, so an analysis of another region
 * shows none.
 */
export const StockTargetsSchema = z.strictObject({
  region: RegionCode.default('140981').describe('目标适用的地区 (原平市实施方案第8条: 原平市)'),
  stockFoundBefore: DateString.describe('存量: 此日期前发现的隐患'),
  stockDueOn: DateString.describe('存量清零时限'),
  incrementYear: z.number().int().min(2000).max(2100).describe('遏制增量考核年度'),
  incrementDueOn: DateString,
  dynamicZeroDueOn: DateString.describe('动态清零时限'),
});
export type StockTargets = z.infer<typeof StockTargetsSchema>;
