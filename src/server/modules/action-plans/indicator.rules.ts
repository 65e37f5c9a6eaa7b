/**
 * @module The indicators of the 攻坚清单 (issue 8 §2) as rules: what each measures, in which direction
 * its goal is met, the plan clause it comes from, and the thresholds its definition uses. How each is
 * counted from live data is in indicator.repository.ts.
 */
import type { IndicatorDirection, IndicatorMeasure } from '../../../shared/action-plans.enums.ts';
import type { IndicatorResponse } from '../../../shared/action-plans.schemas.ts';
import type { IndicatorKey } from '../../../shared/targets.settings.ts';

/**
 * Heights at which open pits and dumps must be monitored (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》
 * 一、工作目标: 150 米及以上).
 */
export const MONITORED_HEIGHT_M = 150;
/**
 * 尾矿库 stopped for more than 3 years must be closed (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第14条,
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第16条, 《2024年矿山安全生产工作要点》第12条).
 */
export const TAILINGS_IDLE_YEARS = 3;
/**
 * 三等及以上尾矿库 (等别 1–3) must reach 标准化二级 by the end of 2025 (《原平市矿山企业安全生产治本攻坚三年行动实施方案》
 * 第21条).
 */
export const POND_GRADE_AT_MOST = 3;

interface IndicatorDefinition {
  name: string;
  source: string;
  /** 'share': Σn / Σd in percent; 'change': (Σn − Σd) / Σd in percent. */
  measure: IndicatorMeasure;
  /** Whether the target is met at or above the goal, or at or below it. */
  direction: IndicatorDirection;
}

/** Every indicator, in the board's order. */
export const indicatorDefinitions: Record<IndicatorKey, IndicatorDefinition> = {
  standardization2Plus: {
    name: '生产非煤矿山标准化二级及以上占比',
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标; 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)5; 国家矿山安全监察局 2024 年简报, 地方经验做法',
    measure: 'share',
    direction: 'atLeast',
  },
  standardization3Plus: {
    name: '生产非煤矿山标准化三级及以上占比',
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第19条 (全部达到三级及以上); 国家矿山安全监察局 2024 年简报, 地方经验做法',
    measure: 'share',
    direction: 'atLeast',
  },
  // Mines only: a 尾矿库 has a 等别, not a mine scale, and is counted in neither this share nor the
  // small-mine count.
  largeMediumShare: {
    name: '大中型非煤矿山占比',
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标; 国家矿山安全监察局 2024 年简报, 地方经验做法·吉林省',
    measure: 'share',
    direction: 'atLeast',
  },
  smallMinesChange: {
    name: '小型非煤矿山数量较基准年变化',
    source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第11条 (小型矿山数量减少 10%)',
    measure: 'change',
    direction: 'atMost',
  },
  undergroundStaffChange: {
    name: '井下作业人员较基准年变化',
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标 (井下人员减少 10%); 国家矿山安全监察局 2024 年简报, 地方经验做法·吉林省 (井下 −10%)',
    measure: 'change',
    direction: 'atMost',
  },
  monitoringCoverage: {
    name: '应建监测预警的矿山应测量均有数据的占比',
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标、第15条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第17条; 《2024年矿山安全生产工作要点》第27条 (生产地下矿山、尾矿库、边坡 150 米以上露天矿山和排土场)',
    measure: 'share',
    direction: 'atLeast',
  },
  hazardStockCleared: {
    name: '2024 年前存量重大事故隐患销号率',
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条 (2024 年底前基本消除 2023 年及以前排查发现的重大事故隐患存量; 原平 target, not a national one)',
    measure: 'share',
    direction: 'atLeast',
  },
  tailingsClosure: {
    name: '停用超过 3 年的尾矿库闭库率',
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第14条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第16条; 《2024年矿山安全生产工作要点》第12条 (停用 3 年以上的尾矿库闭库)',
    measure: 'share',
    direction: 'atLeast',
  },
  qualificationCompliance: {
    name: '生产矿山人员资格合规率',
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1、2条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第1、2条 (主要负责人在册; 地下矿山"五职"矿长配齐, 大专以上学历且 10 年以上矿山经历; 证书在有效期内)',
    measure: 'share',
    direction: 'atLeast',
  },
  undergroundStandardization12: {
    name: '生产地下矿山标准化一、二级占比',
    source:
      '国家矿山安全监察局 2024 年简报, 地方经验做法·吉林省 (2026 年地下矿山安全生产标准化一、二级的占比 30% 以上)',
    measure: 'share',
    direction: 'atLeast',
  },
  mediumPondsStandardization2Plus: {
    name: '生产中型及以上矿山、三等及以上尾矿库标准化二级及以上占比',
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第21条 (2025 年底前正常生产的中型及以上矿山、三等及以上尾矿库必须达到安全生产标准化二级及以上水平)',
    measure: 'share',
    direction: 'atLeast',
  },
  // Deaths in the 12 months to the date against the baseline calendar year, from the accident register
  // (modules/accountability); every accident of a mine in scope counts, archived mines included.
  deathsChange: {
    name: '矿山事故遇难人数较基准年变化 (近 12 个月)',
    source:
      '《原平市矿山企业安全生产治本攻坚三年行动实施方案》一、工作目标 (矿山生产安全事故总量持续下降, 遇难人数下降不低于 10%)',
    measure: 'change',
    direction: 'atMost',
  },
  mechanizationShare: {
    name: '生产大中型非煤矿山重点作业机械化占比',
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)2 (到 2025 年年底全市大中型非煤矿山开采、铲装、运输、通风等重点作业机械化达到 100%)',
    measure: 'share',
    direction: 'atLeast',
  },
  videoMonitoringShare: {
    name: '生产非煤矿山在线视频监控占比',
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)3 (到 2025 年年底全市非煤矿山安全管理信息化、在线视频监控实现 100%)',
    measure: 'share',
    direction: 'atLeast',
  },
  informatizationShare: {
    name: '生产非煤矿山安全管理信息化占比',
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)3 (到 2025 年年底全市非煤矿山安全管理信息化、在线视频监控实现 100%)',
    measure: 'share',
    direction: 'atLeast',
  },
  // Counted per post from the 两单两卡 register (modules/emergency); a mine without any post counts as one
  // post not compiled.
  postCardsCoverage: {
    name: '非煤矿山岗位“两单两卡”编制率',
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(七)5 (岗位风险清单、职责清单、操作卡、应急处置卡; 2024年底重点岗位编制率100%)',
    measure: 'share',
    direction: 'atLeast',
  },
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/** An indicator's figure from its sums (pure): a share or a change in percent, null without a base. */
export function indicatorValue(key: IndicatorKey, n: number, d: number): IndicatorResponse {
  const def = indicatorDefinitions[key];
  return {
    key,
    name: def.name,
    source: def.source,
    measure: def.measure,
    direction: def.direction,
    value: d === 0 ? null : round1(((def.measure === 'change' ? n - d : n) / d) * 100),
    numerator: n,
    denominator: d,
    unit: '%',
  };
}

/** Whether a value meets a goal in the indicator's direction. */
export function meets(
  direction: IndicatorDirection,
  value: number | null,
  goal: number,
): boolean | null {
  if (value === null) {
    return null;
  }
  return direction === 'atLeast' ? value >= goal : value <= goal;
}
