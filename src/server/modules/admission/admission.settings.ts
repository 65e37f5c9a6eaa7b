/**
 * @module The editable rule parameters of 安全准入与分类处置, each with its source: the escalation rungs of
 * overdue 三个一批 entries (UNVERIFIED), the minimum scale and service life per mine kind (拉萨 二(四)1
 * requires them, the numbers are UNVERIFIED), and the mining-method thresholds per region (the seeds' own
 * numbers: 西藏第9、12条, 原平第13条, 拉萨 二(六)2).
 */
import {
  defaultDisposalRules,
  defaultMethodRules,
  defaultScaleRules,
  DisposalRulesSchema,
  MethodRulesSchema,
  ScaleRulesSchema,
  type DisposalRules,
  type MethodRules,
  type ScaleRules,
} from '../../../shared/admission.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const admissionSettings = {
  disposal: defineSetting<DisposalRules>('admission.disposal', {
    schema: DisposalRulesSchema,
    default: defaultDisposalRules,
    source:
      '《2024年矿山安全生产工作要点》第4条 (三个一批: 列出清单、明确时限要求); no text gives the escalation days: minewatch defaults',
    verified: false,
    description: '三个一批: 逾期未完成的处置事项逐级升级的天数',
  }),
  scale: defineSetting<ScaleRules>('admission.scale', {
    schema: ScaleRulesSchema,
    default: defaultScaleRules,
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(四)1 (达不到主要矿种最小开采规模和最低服务年限标准的, 须在两年内完成整改); the per-kind numbers are UNVERIFIED minewatch defaults',
    verified: false,
    description: '各类矿山最小开采规模 (t/a) 和最低服务年限 (年), 及整改期限 (年)',
  }),
  method: defineSetting<MethodRules>('admission.method', {
    schema: MethodRulesSchema,
    default: defaultMethodRules,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第9、12条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第13条; 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(六)2',
    verified: true,
    description: '采矿方法: 各地区同时采矿的生产水平 (中段) 上限, 机械撬毛的开采深度和生产规模界限',
  }),
};
