/**
 * @module The editable rule parameters of open pits, dumps and tailings ponds, with their sources: the
 * heights and periods of the slope analyses (西藏第14条; 拉萨 二(六)1; 要点第11条), radar staleness, the
 * 排洪构筑物 test period (拉萨 二(五)2), the flood season, and the 闭库 deadlines (no text: UNVERIFIED).
 */
import {
  defaultPitPondRules,
  PitPondRulesSchema,
  type PitPondRules,
} from '../../../shared/pits-ponds.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const pitsPondsSettings = {
  rules: defineSetting<PitPondRules>('pitsPonds.rules', {
    schema: PitPondRulesSchema,
    default: defaultPitPondRules,
    source:
      '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第14条 (边坡高度大于100米逐年稳定性分析; 停用超过3年等尾矿库闭库); 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)2 (排洪构筑物每3年质量检测), 二(五)6 (头顶库应急广播, 汛期前联合演练), 二(六)1 (100米及以上每年稳定性分析, 200米及以上雷达在线监测), 二(六)3 (闭库销号, 县级以上政府公告); 《2024年矿山安全生产工作要点》第11条 (200米以上每季度监测分析), 第12条 (汛前汛后全面检查), 第30条; the slope-cadence texts are NOT FOUND in standards (REFERENCE F3); the flood season, radar staleness, first due date and 闭库 step deadlines are minewatch defaults',
    verified: false,
    description:
      '露天边坡、排土场与尾矿库: 稳定性分析与监测分析的高度和周期, 雷达离线判定小时数, 排洪构筑物检测周期, 汛期起止, 闭库各步骤期限, 逾期升级天数',
  }),
};
