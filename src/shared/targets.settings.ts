/**
 * @module The plans' numeric targets per jurisdiction and year (issue 8 §2; REFERENCE.md H, seeds 000,
 * 002 and 003). They are configuration: each names its indicator, region, year, goal and the seed
 * clause it comes from, and regulators add their own.
 */
import { z } from 'zod';

export const indicatorKeys = [
  'standardization2Plus',
  'standardization3Plus',
  'largeMediumShare',
  'smallMinesChange',
  'monitoringCoverage',
  'hazardStockCleared',
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

export const TargetSchema = z.strictObject({
  region: z.string().regex(/^\d{6}$/),
  indicator: z.enum(indicatorKeys),
  year: z.number().int().min(2020).max(2100),
  /** ≥ goal for shares (percent), ≤ goal for changes (percent, negative = a reduction). */
  goal: z.number().min(-100).max(100),
  source: z.string().min(1).max(300),
});
export type Target = z.infer<typeof TargetSchema>;
export const TargetsSchema = z.array(TargetSchema).max(1000);

export const defaultTargets: Target[] = [
  {
    region: '540000',
    indicator: 'standardization2Plus',
    year: 2026,
    goal: 80,
    source: 'seed 000 一 (西藏: 生产非煤矿山标准化二级及以上 ≥ 80%)',
  },
  {
    region: '540000',
    indicator: 'largeMediumShare',
    year: 2026,
    goal: 20,
    source: 'seed 000 一 (大中型矿山占比 ≥ 20%)',
  },
  {
    region: '540000',
    indicator: 'smallMinesChange',
    year: 2026,
    goal: -10,
    source: 'seed 000 一 (小型矿山数量减少 10%)',
  },
  {
    region: '540000',
    indicator: 'standardization3Plus',
    year: 2026,
    goal: 100,
    source: 'seed 000 一 (生产非煤矿山全部达到三级及以上)',
  },
  {
    region: '540000',
    indicator: 'monitoringCoverage',
    year: 2025,
    goal: 100,
    source: 'seed 000 第15条 (监测预警系统 2025 年底全覆盖)',
  },
  {
    region: '540100',
    indicator: 'standardization3Plus',
    year: 2025,
    goal: 100,
    source: 'seed 002 七.5 (拉萨: 2025 年底三级 100%)',
  },
  {
    region: '540100',
    indicator: 'standardization2Plus',
    year: 2025,
    goal: 40,
    source: 'seed 002 七.5 (拉萨: 二级 ≥ 40%)',
  },
  {
    region: '220000',
    indicator: 'standardization3Plus',
    year: 2024,
    goal: 100,
    source: 'seed 003 (吉林: 2024 年三级 100%)',
  },
  {
    region: '220000',
    indicator: 'largeMediumShare',
    year: 2026,
    goal: 30,
    source: 'seed 003 (吉林: 2026 年大中型 ≥ 30%)',
  },
  {
    region: '350000',
    indicator: 'standardization2Plus',
    year: 2024,
    goal: 25,
    source: 'seed 003 (福建: 二级 ≥ 25%, 2024)',
  },
  {
    region: '350000',
    indicator: 'standardization2Plus',
    year: 2025,
    goal: 30,
    source: 'seed 003 (福建: 二级 ≥ 30%, 2025)',
  },
  {
    region: '000000',
    indicator: 'hazardStockCleared',
    year: 2024,
    goal: 100,
    source: 'seed 001 第8条 (2024 年底前动态清零存量重大事故隐患)',
  },
];
