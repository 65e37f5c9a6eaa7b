/**
 * @module The editable rule parameters of 隐蔽致灾因素普查: the first deadlines per region, the renewal
 * period and the escalation rungs, each with its source. The deadlines are the plans' (西藏第13条: 2024年底前;
 * 原平第14条: 2024年6月底前); the period and rungs are not in any text (UNVERIFIED).
 */
import {
  defaultSurveyRules,
  SurveyRulesSchema,
  type SurveyRules,
} from '../../../shared/surveys.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const surveysSettings = {
  rules: defineSetting<SurveyRules>('surveys.rules', {
    schema: SurveyRulesSchema,
    default: defaultSurveyRules,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第13条 (2024年底前查清3-5年采掘范围内隐蔽致灾因素, 就高不就低调整灾害防治等级, 动态普查台账); 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第14条 (2024年6月底前); 《2024年矿山安全生产工作要点》第7–10条; no text gives the renewal period or the escalation days: minewatch defaults',
    verified: false,
    description: '隐蔽致灾因素普查: 各地区首次普查期限, 普查复查周期 (月), 逾期后逐级升级的天数',
  }),
};
