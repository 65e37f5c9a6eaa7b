/**
 * @module The editable parameters of 企业主体责任: each role's monthly minimum days with the records that
 * count and the mines it applies to (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1), the escalation rungs
 * (no text: UNVERIFIED), and the 矿长安全生产记分 threshold (no text gives it: UNVERIFIED).
 */
import {
  defaultDutyRules,
  defaultScoreRules,
  DutyRulesSchema,
  ScoreRulesSchema,
  type DutyRules,
  type ScoreRules,
} from '../../../shared/duty.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const dutySettings = {
  rules: defineSetting<DutyRules>('duty.rules', {
    schema: DutyRulesSchema,
    default: defaultDutyRules,
    source:
      '《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1 (地下非煤矿山企业主要负责人每月带班下井不得少于5个工作日, 实际控制人每月在非煤矿山生产现场履行安全职责时间不得少于10个工作日, 安全工程师在岗履职时间每月不少于15个工作日) — a Lhasa text; the first month, look-back and escalation days are minewatch defaults',
    verified: false,
    description:
      '领导带班下井及履职天数: 各岗位每月最少天数、计入的记录类别、适用的矿山类别与状态, 判定起始月份、回溯月数、逾期后逐级升级的天数',
  }),
  scoreRules: defineSetting<ScoreRules>('duty.scoreRules', {
    schema: ScoreRulesSchema,
    default: defaultScoreRules,
    source:
      '《2024年矿山安全生产工作要点》第22条 (出台矿长安全生产记分考核办法, 督促矿山企业及时调整、调离不符合条件的矿长); 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1 (推广矿长安全生产考核记分制度); no text gives the threshold: 12 分/年 is a minewatch default',
    verified: false,
    description: '矿长安全生产记分: 一个自然年内记分达到多少分即提示调整、调离; 可被记分的岗位',
  }),
};
