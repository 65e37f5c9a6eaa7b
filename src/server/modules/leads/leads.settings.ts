/**
 * @module The editable rule parameters of the multi-factor leads: each with its schema, default, source and whether
 * the value is verified. UNVERIFIED facts live here as settings a system admin can change, never as code.
 */
import { LeadRulesSchema, defaultLeadRules, type LeadRules } from './rules/lead-rules.model.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const leadsSettings = {
  rules: defineSetting<LeadRules>('leads.rules', {
    schema: LeadRulesSchema,
    default: defaultLeadRules,
    source:
      '停产矿山同一作业地点 9 人以内: 《2024年矿山安全生产工作要点》第18条 (national); 10 人以内: 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5 (Lhasa, regions 5401…) — no standard confirming either was found (NOT FOUND). 超能力: 矿安〔2022〕88号 地下(三十) (20%, UNVERIFIED in the catalogue) and 煤矿重大事故隐患判定标准 煤矿(1) (10%; the month reading “> 10% of the annual capacity” is ours). 超定员 20%: 《煤矿重大事故隐患判定标准》第四条 (coal). 停产迎检: 《2024年矿山安全生产工作要点》第41条 "企业不得停产迎检" names the act and no numbers — its windows (3 days before, 14-day baseline, 3 days to recover), the drop (≥ 50 %) and the recovery (≥ 80 %) are minewatch defaults (UNVERIFIED). The detection parameters (ratios, quantiles, z, sustained hours and days) are tuned on the labelled synthetic set of npm run eval:leads, not taken from a text.',
    verified: false,
    description:
      '逐因素分析比对线索规则参数: 明停暗开 (用电基线、人数上限、民爆), 隐蔽工作面 (稳健回归 z 值), 超定员 (班次、20%), 超能力 (年/月比例), 监控造假 (持续小时), 停产迎检 (检查前后窗口、降幅、恢复比例)',
  }),
};
