/**
 * @module The editable rule parameters of 应急准备与培训 (emergency.rules), with their sources: the drill
 * period (西藏第4条, 原平第5条: 每半年), the 反风演习 period (重大隐患判定标准 (二十)6: 1年), the 30 s 自救器 limit
 * (原平第3条) and Lhasa's 两单两卡 deadline (拉萨 二(七)5) come from the texts; the first due date, the plan
 * revision period, the yearly training hours, the exam pass mark and the ladder are not in them (UNVERIFIED).
 */
import {
  defaultEmergencyRules,
  EmergencyRulesSchema,
  type EmergencyRules,
} from '../../../shared/emergency.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const emergencySettings = {
  rules: defineSetting<EmergencyRules>('emergency.rules', {
    schema: EmergencyRulesSchema,
    default: defaultEmergencyRules,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第3、4条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第3、5条 (每月自救器实操 30秒盲戴; 每半年应急演练); 《2024年矿山安全生产工作要点》第24、29、30条; 《金属非金属矿山重大事故隐患判定标准》(二十)6 (反风试验周期超过1年); 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(七)5 (两单两卡 2024年底100%); the first due date, plan revision period, yearly training hours, exam pass mark and escalation days are minewatch defaults',
    verified: false,
    description:
      '应急准备与培训: 首次期限, 预案修订周期 (月), 演练与反风演习周期 (月), 自救器佩戴时限 (秒), 年度培训学时, 逢查必考合格分, 两单两卡期限, 逾期升级天数',
  }),
};
