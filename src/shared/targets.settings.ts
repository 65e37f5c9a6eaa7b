/**
 * @module The plans' numeric targets per jurisdiction and year (issue 8 §2; the 西藏, 原平 and 拉萨 plans
 * and the NMSA's 2024 bulletin, see docs/sources.md). They are configuration: each names its
 * indicator, region, year, goal and the plan clause it comes from, and regulators add their own.
 */
import { z } from 'zod';
import { quantityNames } from './monitoring.quantities.ts';
import { mineKinds, tailingsStackings } from './registry.enums.ts';

export const indicatorKeys = [
  'standardization2Plus',
  'standardization3Plus',
  'largeMediumShare',
  'smallMinesChange',
  'undergroundStaffChange',
  'monitoringCoverage',
  'hazardStockCleared',
  'tailingsClosure',
  'qualificationCompliance',
  'undergroundStandardization12',
  'mediumPondsStandardization2Plus',
  'deathsChange',
  'mechanizationShare',
  'videoMonitoringShare',
  'informatizationShare',
  'postCardsCoverage',
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
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标 (生产非煤矿山标准化二级及以上 ≥ 80%)',
  },
  {
    region: '540000',
    indicator: 'largeMediumShare',
    year: 2026,
    goal: 20,
    source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标 (大中型矿山占比 ≥ 20%)',
  },
  {
    region: '540000',
    indicator: 'smallMinesChange',
    year: 2026,
    goal: -10,
    source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第11条 (小型矿山数量减少 10%)',
  },
  {
    region: '540000',
    indicator: 'standardization3Plus',
    year: 2026,
    goal: 100,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第19条 (生产非煤矿山全部达到三级及以上)',
  },
  {
    region: '540000',
    indicator: 'monitoringCoverage',
    year: 2025,
    goal: 100,
    source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第15条 (监测预警系统 2025 年底全覆盖)',
  },
  {
    region: '540100',
    indicator: 'standardization3Plus',
    year: 2025,
    goal: 100,
    source: '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)5 (2025 年底三级 100%)',
  },
  {
    region: '540100',
    indicator: 'standardization2Plus',
    year: 2025,
    goal: 40,
    source: '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)5 (二级 ≥ 40%)',
  },
  {
    region: '220000',
    indicator: 'standardization3Plus',
    year: 2024,
    goal: 100,
    source: '国家矿山安全监察局 2024 年简报, 地方经验做法·吉林省 (2024 年三级 100%)',
  },
  {
    region: '220000',
    indicator: 'largeMediumShare',
    year: 2026,
    goal: 30,
    source: '国家矿山安全监察局 2024 年简报, 地方经验做法·吉林省 (2026 年大中型 ≥ 30%)',
  },
  {
    region: '350000',
    indicator: 'standardization2Plus',
    year: 2024,
    goal: 25,
    source: '国家矿山安全监察局 2024 年简报, 地方经验做法·福建省 (二级 ≥ 25%, 2024)',
  },
  {
    region: '350000',
    indicator: 'standardization2Plus',
    year: 2025,
    goal: 30,
    source: '国家矿山安全监察局 2024 年简报, 地方经验做法·福建省 (二级 ≥ 30%, 2025)',
  },
  {
    region: '140981',
    indicator: 'undergroundStaffChange',
    year: 2026,
    goal: -10,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》一、工作目标 (实现井下人员减少10%以上)',
  },
  {
    region: '140981',
    indicator: 'largeMediumShare',
    year: 2026,
    goal: 20,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》一、工作目标 (大中型非煤矿山占比达到20%以上)',
  },
  {
    region: '140981',
    indicator: 'standardization3Plus',
    year: 2026,
    goal: 100,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第21条 (2026 年底前所有正常生产的非煤矿山三级及以上)',
  },
  {
    region: '140981',
    indicator: 'tailingsClosure',
    year: 2024,
    goal: 100,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第16条 (2024 年底前停用超过 3 年的尾矿库闭库)',
  },
  {
    region: '140981',
    indicator: 'monitoringCoverage',
    year: 2025,
    goal: 100,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第17条 (2025 年底前矿山安全风险监测预警全覆盖)',
  },
  {
    // 原平's own target (not a national one): 2023 年及以前排查发现的存量, 2024 年底前基本消除.
    region: '140981',
    indicator: 'hazardStockCleared',
    year: 2024,
    goal: 100,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条 (2024 年底前基本消除 2023 年及以前排查发现的重大事故隐患存量)',
  },
  {
    region: '540000',
    indicator: 'undergroundStaffChange',
    year: 2026,
    goal: -10,
    source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标 (井下人员减少 10%)',
  },
  {
    region: '220000',
    indicator: 'undergroundStaffChange',
    year: 2026,
    goal: -10,
    source: '国家矿山安全监察局 2024 年简报, 地方经验做法·吉林省 (2026 年井下人员减少 10%)',
  },
  {
    region: '000000',
    indicator: 'tailingsClosure',
    year: 2026,
    goal: 100,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第14条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第16条; 《2024年矿山安全生产工作要点》第12条 (停用 3 年以上的尾矿库闭库)',
  },
  {
    region: '000000',
    indicator: 'qualificationCompliance',
    year: 2026,
    goal: 100,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1、2条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第1、2条 (五职矿长、特种作业人员持证)',
  },
  {
    region: '000000',
    indicator: 'monitoringCoverage',
    year: 2025,
    goal: 100,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第15条; 《2024年矿山安全生产工作要点》第27条 (2025 年底监测预警全覆盖)',
  },
  {
    region: '220000',
    indicator: 'undergroundStandardization12',
    year: 2026,
    goal: 30,
    source:
      '国家矿山安全监察局 2024 年简报, 地方经验做法·吉林省 (2026 年地下矿山安全生产标准化一、二级的占比 30% 以上)',
  },
  {
    region: '140981',
    indicator: 'mediumPondsStandardization2Plus',
    year: 2025,
    goal: 100,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第21条 (2025 年底前正常生产的中型及以上矿山、三等及以上尾矿库二级及以上)',
  },
  {
    region: '140981',
    indicator: 'deathsChange',
    year: 2026,
    goal: -10,
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》一、工作目标 (遇难人数下降不低于 10%)',
  },
  {
    region: '540100',
    indicator: 'mechanizationShare',
    year: 2025,
    goal: 100,
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)2 (2025 年底大中型非煤矿山重点作业机械化 100%)',
  },
  {
    region: '540100',
    indicator: 'videoMonitoringShare',
    year: 2025,
    goal: 100,
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)3 (2025 年底非煤矿山在线视频监控 100%)',
  },
  {
    region: '540100',
    indicator: 'informatizationShare',
    year: 2025,
    goal: 100,
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)3 (2025 年底非煤矿山安全管理信息化 100%)',
  },
  {
    region: '540100',
    indicator: 'postCardsCoverage',
    year: 2024,
    goal: 100,
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(七)5 (到2024年底非煤矿山企业重点岗位“两单两卡”编制率达到100%)',
  },
];

/**
 * What a mine of each kind must monitor for the 监测预警 coverage indicator: groups of quantities, each
 * met when any of its quantities reported in the 24 hours of the date. A 尾矿库 entry may be for one
 * stacking (湿排/干排); a pond without its stacking on record is held to the kind-only entry.
 */
export const MonitoringRequirementSchema = z.strictObject({
  kind: z.enum(mineKinds),
  stacking: z.enum(tailingsStackings).optional(),
  groups: z
    .array(
      z.strictObject({
        /** What the group is called in the drill-down (e.g. 坝体位移). */
        name: z.string().min(1).max(30),
        quantities: z.array(z.enum(quantityNames)).min(1).max(10),
      }),
    )
    .min(1)
    .max(20),
  source: z.string().min(1).max(300),
});
export type MonitoringRequirement = z.infer<typeof MonitoringRequirementSchema>;
export const MonitoringRequirementsSchema = z.array(MonitoringRequirementSchema).max(50);

const displacement = ['表面位移累计', '表面位移速率', '内部位移', '雷达形变'] as const;
const slopeSource =
  '矿安〔2023〕119号 附件: 边坡 (含排土场) 在线监测须有表面位移 (GNSS 和/或边坡雷达) 和视频';
/** The defaults, each from the text that requires it (docs/sources.md; REFERENCE §B2). */
export const defaultMonitoringRequirements: MonitoringRequirement[] = [
  {
    kind: '尾矿库',
    stacking: '湿排',
    groups: [
      { name: '坝体位移', quantities: [...displacement] },
      { name: '浸润线', quantities: ['浸润线埋深'] },
      { name: '干滩长度', quantities: ['干滩长度'] },
      { name: '降水量', quantities: ['降雨量'] },
      { name: '库水位', quantities: ['库水位'] },
    ],
    source:
      'GB 39496-2020《尾矿库安全规程》5.5.2: 湿式尾矿库监测坝体位移、浸润线、干滩长度及坡度、降水量、库水位 (库区地质滑坡体位移 where there is one)',
  },
  {
    kind: '尾矿库',
    stacking: '干排',
    groups: [
      { name: '坝体位移', quantities: [...displacement] },
      { name: '浸润线', quantities: ['浸润线埋深'] },
      { name: '降水量', quantities: ['降雨量'] },
    ],
    source:
      'GB 39496-2020《尾矿库安全规程》5.5.2: 干式尾矿库监测坝体位移、最大坝体剖面的浸润线、降水量',
  },
  {
    kind: '尾矿库',
    groups: [
      { name: '坝体位移', quantities: [...displacement] },
      { name: '浸润线', quantities: ['浸润线埋深'] },
      { name: '降水量', quantities: ['降雨量'] },
    ],
    source:
      'GB 39496-2020《尾矿库安全规程》5.5.2: what wet and dry ponds both monitor (the stacking is not on record)',
  },
  {
    kind: '金属非金属露天矿山',
    groups: [{ name: '表面位移', quantities: [...displacement] }],
    source: slopeSource,
  },
  {
    kind: '露天煤矿',
    groups: [{ name: '表面位移', quantities: [...displacement] }],
    source: slopeSource,
  },
  {
    kind: '排土场',
    groups: [{ name: '表面位移', quantities: [...displacement] }],
    source: slopeSource,
  },
  {
    kind: '金属非金属地下矿山',
    groups: [
      { name: '一氧化碳', quantities: ['CO'] },
      { name: '风速', quantities: ['风速'] },
    ],
    source:
      '《金属非金属地下矿山感知数据接入规范（试行）》 (有毒有害气体 CO 等、风速…每 20 s 上传, as reported); AQ 2031-2011 (有毒有害气体、风速…)',
  },
  {
    kind: '煤矿井工',
    groups: [
      { name: '甲烷', quantities: ['CH4'] },
      { name: '一氧化碳', quantities: ['CO'] },
      { name: '风速', quantities: ['风速'] },
    ],
    source:
      '《煤矿安全规程》安全监控 (甲烷、一氧化碳、风速传感器); the minimal set is minewatch’s reading',
  },
];

/**
 * The regional risk grading (issue 8 §4; 国家矿山安全监察局 2024 年简报, 地方经验做法·福建省:
 * 研究福建矿山风险系数模型，定期通报各地风险等级).
 * Fujian's model is not published: the coefficient and the level boundaries are configuration.
 * K = 平均风险分 × (1 + 高风险矿山占比), where high-risk mines are those of `highClasses`.
 */
export const RegionalRiskSchema = z.strictObject({
  highClasses: z.array(z.string().min(1).max(20)).max(10),
  /** Highest first: a region is at the first level whose minimum its coefficient reaches. */
  levels: z
    .array(z.strictObject({ name: z.string().min(1).max(20), min: z.number() }))
    .min(1)
    .max(10),
});
export type RegionalRisk = z.infer<typeof RegionalRiskSchema>;
export const defaultRegionalRisk: RegionalRisk = {
  highClasses: ['A'],
  levels: [
    { name: '重大风险', min: 50 },
    { name: '较大风险', min: 35 },
    { name: '一般风险', min: 20 },
    { name: '低风险', min: -1000 },
  ],
};

export const PeriodicReportScheduleSchema = z.strictObject({
  annualOn: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
  threeYear: z.strictObject({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
});
/**
 * Made ahead of the deadlines of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六) (12-10 each year; 2026-11-30),
 * leaving time to review.
 */
export const defaultPeriodicReportSchedule = {
  annualOn: '12-01',
  threeYear: { from: '2024-01-01', on: '2026-11-20' },
};
