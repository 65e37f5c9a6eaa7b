/**
 * @module The editable rule parameters of enforcement: each with its schema, default, source and whether
 * the value is verified. UNVERIFIED facts live here as settings a system admin can change, never as code.
 */
import {
  EnforcementFlagsSchema,
  defaultEnforcementFlags,
  type EnforcementFlags,
} from '../../../shared/inspections.settings.ts';
import { RiskModelSchema, defaultRiskModel, type RiskModel } from './risk/risk.model.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const inspectionsSettings = {
  riskModel: defineSetting<RiskModel>('inspections.riskModel', {
    schema: RiskModelSchema,
    default: defaultRiskModel,
    source:
      '《2024年矿山安全生产工作要点》第40条 (动态调整矿山等级分类, 差异化执法, 系统复杂、管理团队频繁更换的矿山 more often) and 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)5 (减少二级及以上标准化企业的安全执法频次); the weights, class boundaries and yearly frequencies are minewatch defaults for each regulator to set',
    verified: false,
    description:
      '矿山执法风险分级模型: 各因素分值、等级界限、各级年度常规检查次数、标准化二级及以上的减少比例',
  }),
  enforcementFlags: defineSetting<EnforcementFlags>('inspections.enforcementFlags', {
    schema: EnforcementFlagsSchema,
    default: defaultEnforcementFlags,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条 (对“零处罚”“只检查不处罚”等工作不力、处罚条款落实不到位的地区进行约谈通报); the thresholds are minewatch defaults',
    verified: false,
    description: '零处罚 / 只检查不处罚 标记的门槛: 期间内检查次数、发现问题数，且没有任何处罚',
  }),
};
