/**
 * @module 矿山安全准入与分类处置 (issue 25 §5), pure: the 三个一批 lists and when an entry is overdue
 * (《2024年矿山安全生产工作要点》第4条: 列出清单、明确时限要求; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第10–12条;
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第12–13条), the 安全设施设计审查 → 建设工期 → 现场核查 → 安全生产许可
 * workflow and its order (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(三)2: 延期原则上不超过1年, 延期后再延期的应当
 * 重新履行安全设施设计审查程序; 首次申请安全生产许可证的应进行现场核查), the 充填采矿法 rule for new designs
 * (西藏第9、12条), and the rules on registry data: the minimum scale and service life (拉萨 二(四)1), the
 * production levels (西藏第9、12条, 原平第13条; 拉萨 二(六)2) and 机械撬毛 (西藏第9条, 原平第13条). Numbers the texts
 * do not give are UNVERIFIED settings, never law in code.
 */
import { z } from 'zod';
import { DateString, Uuid } from './common.schemas.ts';
import { addDays, addMonths } from './dates.ts';

const Text = (max: number) => z.string().trim().max(max);

// ------------------------------------------------------------------ 三个一批

/** The three lists (要点第4条: 关闭退出一批、整合重组一批、升级改造一批). */
export const DisposalCategory = {
  Close: '关闭取缔',
  Merge: '整合重组',
  Upgrade: '升级改造',
} as const;
export type DisposalCategory = (typeof DisposalCategory)[keyof typeof DisposalCategory];
export const disposalCategories = Object.values(DisposalCategory) as [
  DisposalCategory,
  ...DisposalCategory[],
];

export const DisposalState = { Open: '处置中', Done: '已完成' } as const;
export type DisposalState = (typeof DisposalState)[keyof typeof DisposalState];
export const disposalStates = Object.values(DisposalState) as [DisposalState, ...DisposalState[]];

export const DisposalInput = z.strictObject({
  mineId: Uuid,
  category: z.enum(disposalCategories).describe('关闭取缔、整合重组或升级改造'),
  basis: Text(500).min(1, '不能为空').describe('列入依据 (如: 未依法取得安全生产许可证擅自开采)'),
  listedOn: DateString.describe('列入日期'),
  deadline: DateString.describe('完成时限'),
  note: Text(1000).default(''),
});
export type DisposalInput = z.infer<typeof DisposalInput>;

export const DisposalStepInput = z.strictObject({
  steppedOn: DateString.describe('进展日期'),
  description: Text(1000).min(1, '不能为空').describe('进展情况'),
  /** The step completes the disposal (关闭到位、整合完成、改造验收). */
  completes: z.boolean().default(false),
});
export type DisposalStepInput = z.infer<typeof DisposalStepInput>;

/** An open entry is overdue the day after its deadline (the deadline day itself is in time). */
export function disposalOverdue(
  e: { state: DisposalState; deadline: string },
  today: string,
): boolean {
  return e.state === DisposalState.Open && today > e.deadline;
}

export const DisposalRulesSchema = z.strictObject({
  /** Days after the deadline at which an overdue entry climbs each rung (UNVERIFIED). */
  ladderDays: z.array(z.number().int().min(0).max(3650)).min(1).max(10),
});
export type DisposalRules = z.infer<typeof DisposalRulesSchema>;
export const defaultDisposalRules: DisposalRules = { ladderDays: [1, 30, 90] };

/** The rungs of an entry due on `deadline` that have fallen due by `today`. */
export function disposalSteps(rules: DisposalRules, deadline: string, today: string) {
  return rules.ladderDays
    .map((d, i) => ({ step: `第${i + 1}级`, dueOn: addDays(deadline, d) }))
    .filter((s) => s.dueOn <= today);
}

// ------------------------------------------------------------------ 安全设施设计审查 → 安全生产许可

export const PermitState = {
  Applied: '待设计审查',
  Approved: '建设中',
  Rejected: '设计未批准',
  SiteChecked: '现场已核查',
  Issued: '已发证',
} as const;
export type PermitState = (typeof PermitState)[keyof typeof PermitState];
export const permitStates = Object.values(PermitState) as [PermitState, ...PermitState[]];

export const projectKinds = ['新建', '改建', '扩建'] as const;
export const miningMethods = ['充填法', '空场法', '崩落法', '露天开采', '其他'] as const;
export type MiningMethod = (typeof miningMethods)[number];

/** Bounds of the workflow's figures. */
export const AdmissionLimits = {
  /** 拉萨 二(三)2: 延期时间原则上不超过1年 — months the construction period may be extended by at most. */
  extensionMonthsMax: 12,
  /** 拉萨 二(三)2: 延期后再延期的应当重新履行安全设施设计审查程序 — extensions per design. */
  extensionsMax: 1,
  /** A 论证 of a method other than 充填法 must say something (西藏第9条: 由设计单位严格论证). */
  justificationMin: 10,
} as const;

export const PermitApplicationInput = z.strictObject({
  mineId: Uuid,
  projectKind: z.enum(projectKinds).describe('新建、改建或扩建'),
  projectName: Text(200).min(1, '不能为空').describe('建设项目名称'),
  appliedOn: DateString.describe('申请日期'),
  designer: Text(200).min(1, '不能为空').describe('设计单位'),
  miningMethod: z.enum(miningMethods).describe('采矿方法'),
  fillingJustification: Text(2000).default('').describe('不采用充填法的论证'),
  mechanicalScaling: z.boolean().describe('采用机械撬毛'),
  designCapacityTpa: z.number().finite().positive().max(1e9).describe('设计生产规模 (t/a)'),
  serviceLifeYears: z.number().finite().positive().max(200).describe('设计服务年限 (年)'),
  note: Text(1000).default(''),
});
export type PermitApplicationInput = z.infer<typeof PermitApplicationInput>;

export const DesignReviewInput = z.strictObject({
  reviewedOn: DateString.describe('审查日期'),
  approved: z.boolean(),
  /** Required when approved: the end of the construction period (建设工期). */
  constructionDueOn: DateString.optional().describe('建设工期至'),
  experts: z.array(Text(50).min(1)).max(30).default([]).describe('审查专家'),
  note: Text(1000).default(''),
});
export type DesignReviewInput = z.infer<typeof DesignReviewInput>;

export const ExtensionInput = z.strictObject({
  approvedOn: DateString.describe('批准延期日期'),
  newDueOn: DateString.describe('延期后建设工期至'),
  reason: Text(1000).min(1, '不能为空'),
});
export type ExtensionInput = z.infer<typeof ExtensionInput>;

export const SiteCheckInput = z.strictObject({
  checkedOn: DateString.describe('现场核查日期'),
  passed: z.boolean(),
  note: Text(1000).min(1, '不能为空').describe('周边环境、生产生活设施核查情况'),
});
export type SiteCheckInput = z.infer<typeof SiteCheckInput>;

export const IssueInput = z.strictObject({
  licenceNumber: Text(100).min(1, '不能为空'),
  issuedOn: DateString,
  expiresOn: DateString,
});
export type IssueInput = z.infer<typeof IssueInput>;

/** What a step may be refused for: the field it concerns and why (a 400), or an order problem (a 409). */
export type StepProblem = { kind: 'field' | 'order'; path: string; message: string } | null;

/** The steps of the workflow, for the order check. */
export type PermitAction = 'designReview' | 'extend' | 'siteCheck' | 'issue';

/**
 * Whether a step may be taken in a state: 设计审查 only while awaiting it; a 延期 and the 现场核查 during
 * construction; the licence after the 现场核查 — or during construction when the mine already holds a
 * 安全生产许可证 (改扩建: the 现场核查 is for the first application, 拉萨 二(三)2).
 */
export function permitOrderProblem(
  state: PermitState,
  action: PermitAction,
  holdsLicence: boolean,
): StepProblem {
  const allowed: Record<PermitAction, PermitState[]> = {
    designReview: [PermitState.Applied],
    extend: [PermitState.Approved],
    siteCheck: [PermitState.Approved],
    issue: holdsLicence
      ? [PermitState.Approved, PermitState.SiteChecked]
      : [PermitState.SiteChecked],
  };
  if (allowed[action].includes(state)) {
    return null;
  }
  const first = action === 'issue' && state === PermitState.Approved && !holdsLicence;
  return {
    kind: 'order',
    path: action,
    message: first
      ? '首次申请安全生产许可证须先经现场核查 (拉萨 二(三)2)'
      : `当前状态为「${state}」, 不能进行此步骤`,
  };
}

/**
 * A 延期 of the construction period: later than the current end, by at most 1 year
 * (拉萨 二(三)2 "延期时间原则上不超过1年"), and once only ("延期后再延期的应当重新履行安全设施设计审查程序").
 */
export function extensionProblem(
  a: { constructionDueOn: string; extensions: number },
  newDueOn: string,
  rules = AdmissionLimits,
): StepProblem {
  if (a.extensions >= rules.extensionsMax) {
    return {
      kind: 'order',
      path: 'newDueOn',
      message: '已延期一次; 延期后再延期的应当重新履行安全设施设计审查程序 (拉萨 二(三)2)',
    };
  }
  if (newDueOn <= a.constructionDueOn) {
    return { kind: 'field', path: 'newDueOn', message: `须晚于现建设工期 ${a.constructionDueOn}` };
  }
  const latest = addMonths(a.constructionDueOn, rules.extensionMonthsMax);
  if (newDueOn > latest) {
    return {
      kind: 'field',
      path: 'newDueOn',
      message: `延期不得超过1年 (至迟 ${latest}, 拉萨 二(三)2)`,
    };
  }
  return null;
}

/**
 * 新建、改建、扩建地下矿山原则上采用充填采矿法, 不能采用的应由设计单位严格论证 (西藏第9、12条; 原平第13条): a
 * design of an underground metal/non-metal mine with another method needs its 论证.
 */
export function fillingProblem(
  mineKind: string,
  input: { miningMethod: MiningMethod; fillingJustification: string },
): StepProblem {
  if (mineKind !== UNDERGROUND_METAL || input.miningMethod === '充填法') {
    return null;
  }
  if (input.fillingJustification.trim().length >= AdmissionLimits.justificationMin) {
    return null;
  }
  return {
    kind: 'field',
    path: 'fillingJustification',
    message: `地下矿山原则上采用充填采矿法; 采用${input.miningMethod}须附设计单位论证 (至少${AdmissionLimits.justificationMin}字, 西藏第9条)`,
  };
}

// ------------------------------------------------------------------ rules on registry data

const UNDERGROUND_METAL = '金属非金属地下矿山';

/** A minimum scale and service life for one mine kind (拉萨 二(四)1: 主要矿种最小开采规模和最低服务年限标准). */
export const ScaleRule = z.strictObject({
  mineKind: z.string().min(1).max(20),
  minCapacityTpa: z.number().min(0),
  minServiceLifeYears: z.number().min(0),
  source: z.string().max(300),
  verified: z.boolean(),
});
export const ScaleRulesSchema = z.strictObject({
  rules: z.array(ScaleRule).max(20),
  /** 须在两年内完成整改 (拉萨 二(四)1). */
  rectifyYears: z.number().int().min(1).max(10),
});
export type ScaleRules = z.infer<typeof ScaleRulesSchema>;

export const defaultScaleRules: ScaleRules = {
  rules: [
    {
      mineKind: UNDERGROUND_METAL,
      minCapacityTpa: 60_000,
      minServiceLifeYears: 10,
      source:
        'UNVERIFIED: 省级主要矿种最小开采规模标准未取得, minewatch 默认值 (拉萨 二(四)1 只规定须达标)',
      verified: false,
    },
    {
      mineKind: '金属非金属露天矿山',
      minCapacityTpa: 300_000,
      minServiceLifeYears: 10,
      source:
        'UNVERIFIED: 省级主要矿种最小开采规模标准未取得, minewatch 默认值 (拉萨 二(四)1 只规定须达标)',
      verified: false,
    },
  ],
  rectifyYears: 2,
};

/** Why a mine falls below its kind's minimum scale or service life; empty when it meets them or has no rule. */
export function belowScaleReasons(
  rules: ScaleRules,
  m: { kind: string; designCapacityTpa: number | null; serviceLifeYears: number | null },
): string[] {
  const rule = rules.rules.find((r) => r.mineKind === m.kind);
  if (!rule) {
    return [];
  }
  const out: string[] = [];
  if (m.designCapacityTpa !== null && m.designCapacityTpa < rule.minCapacityTpa) {
    out.push(`生产规模 ${m.designCapacityTpa} t/a 低于最小开采规模 ${rule.minCapacityTpa} t/a`);
  }
  if (m.serviceLifeYears !== null && m.serviceLifeYears < rule.minServiceLifeYears) {
    out.push(`服务年限 ${m.serviceLifeYears} 年低于最低服务年限 ${rule.minServiceLifeYears} 年`);
  }
  return out;
}

/** A region's cap on simultaneous production levels (the longest matching prefix wins). */
export const LevelRule = z.strictObject({
  regionPrefix: z.string().regex(/^\d{0,6}$/),
  maxLevels: z.number().int().min(1).max(20),
  source: z.string().max(300),
});
/** A region's 机械撬毛 threshold: deeper than / at the depth, or above the capacity. */
export const ScalingRule = z.strictObject({
  regionPrefix: z.string().regex(/^\d{0,6}$/),
  depthM: z.number().min(0),
  /** Whether a mine exactly at depthM is covered ("开采深度800米" yes; "超过800米" no). */
  depthInclusive: z.boolean(),
  capacityTpa: z.number().min(0),
  source: z.string().max(300),
});
export const MethodRulesSchema = z.strictObject({
  levels: z.array(LevelRule).min(1).max(50),
  scaling: z.array(ScalingRule).min(1).max(50),
});
export type MethodRules = z.infer<typeof MethodRulesSchema>;

export const defaultMethodRules: MethodRules = {
  levels: [
    {
      regionPrefix: '',
      maxLevels: 3,
      source:
        '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第9、12条; 原平第13条: 中小型地下矿山不得有4个以上生产水平同时采矿',
    },
    {
      regionPrefix: '5401',
      maxLevels: 3,
      source:
        '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(六)2: 中小型非煤矿山同时回采的中段数量不得多于3个',
    },
  ],
  scaling: [
    {
      regionPrefix: '',
      depthM: 800,
      depthInclusive: true,
      capacityTpa: 300_000,
      source:
        '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第9条: 开采深度800米或者生产规模超过30万吨/年的地下矿山采用机械撬毛作业',
    },
    {
      regionPrefix: '140981',
      depthM: 800,
      depthInclusive: false,
      capacityTpa: 300_000,
      source:
        '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第13条: 开采深度超过800米或者生产规模超过30万吨/年',
    },
  ],
};

function byPrefix<T extends { regionPrefix: string }>(
  list: T[],
  countyCode: string,
): T | undefined {
  return list
    .filter((r) => countyCode.startsWith(r.regionPrefix))
    .sort((a, b) => b.regionPrefix.length - a.regionPrefix.length)[0];
}

/** Whether 机械撬毛 is required at a mine (underground metal/non-metal, by depth or capacity). */
export function scalingRequired(
  rules: MethodRules,
  m: { kind: string; countyCode: string; depthM: number | null; designCapacityTpa: number | null },
): { required: boolean; source: string } {
  const r = byPrefix(rules.scaling, m.countyCode);
  if (!r || m.kind !== UNDERGROUND_METAL) {
    return { required: false, source: '' };
  }
  const deep = m.depthM !== null && (r.depthInclusive ? m.depthM >= r.depthM : m.depthM > r.depthM);
  const big = m.designCapacityTpa !== null && m.designCapacityTpa > r.capacityTpa;
  return { required: deep || big, source: r.source };
}

export const methodFindingKinds = ['生产水平超限', '未采用机械撬毛', '撬毛方式未登记'] as const;
export type MethodFindingKind = (typeof methodFindingKinds)[number];

/**
 * The mining-method findings of a mine: 中小型 underground metal/non-metal mines with more simultaneous
 * production levels than their region allows, and mines where 机械撬毛 is required whose approved
 * design does not use it (or which have no design on record saying so).
 */
export function methodFindings(
  rules: MethodRules,
  m: {
    kind: string;
    scale: string;
    countyCode: string;
    depthM: number | null;
    productionLevels: number | null;
    designCapacityTpa: number | null;
    mechanicalScaling: boolean | null;
  },
): { kind: MethodFindingKind; detail: string; source: string }[] {
  if (m.kind !== UNDERGROUND_METAL) {
    return [];
  }
  const out: { kind: MethodFindingKind; detail: string; source: string }[] = [];
  const level = byPrefix(rules.levels, m.countyCode);
  if (
    level &&
    (m.scale === '中型' || m.scale === '小型') &&
    m.productionLevels !== null &&
    m.productionLevels > level.maxLevels
  ) {
    out.push({
      kind: '生产水平超限',
      detail: `${m.productionLevels} 个生产水平 (中段) 同时采矿, 至多 ${level.maxLevels} 个`,
      source: level.source,
    });
  }
  const s = scalingRequired(rules, m);
  if (s.required && m.mechanicalScaling !== true) {
    out.push({
      kind: m.mechanicalScaling === false ? '未采用机械撬毛' : '撬毛方式未登记',
      detail: `开采深度 ${m.depthM ?? '—'} m, 生产规模 ${m.designCapacityTpa ?? '—'} t/a`,
      source: s.source,
    });
  }
  return out;
}
