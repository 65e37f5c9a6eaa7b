/**
 * @module The editable parameters of regulators' warnings: the 叫应 steps a warning's call to a mine climbs
 * (same step shape as monitoring.callPolicies — shared/monitoring.policy.ts CallStepSchema).
 */
import { z } from 'zod';
import { CallStepSchema, type CallStep } from '../../../shared/monitoring.policy.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const WarningCallPolicySchema = z.strictObject({
  steps: z.array(CallStepSchema).min(1).max(8),
});
export type WarningCallPolicy = z.infer<typeof WarningCallPolicySchema>;

const all: CallStep['channels'] = ['in_app', 'webhook', 'email'];

export const warningsSettings = {
  callPolicy: defineSetting<WarningCallPolicy>('warnings.callPolicy', {
    schema: WarningCallPolicySchema,
    default: {
      steps: [
        {
          stage: '预警',
          audiences: ['mine_duty', 'principal'],
          channels: all,
          ackWithinMinutes: 30,
          renotifyEveryMinutes: 10,
        },
        {
          stage: '响警',
          audiences: ['county'],
          channels: all,
          ackWithinMinutes: 60,
          renotifyEveryMinutes: 30,
        },
      ],
    },
    source:
      "《2024年矿山安全生产工作要点》第31条 (完善应急叫应回响应机制 … 及时发布汛期等预警信息, 及时启动临警、预警、响警、处警、应警机制) and 山西《关于推进全省矿山做好气象灾害风险监测预警和应急防范工作的通知》 (叫应 the mine's principal, escalate when unanswered) — who is called first and the minutes are NOT FOUND in any text: minewatch defaults (the mine's duty officer and 主要负责人, then the county regulator after 30 min)",
    verified: false,
    description:
      '监管预警叫应策略: 各步骤的叫应对象、渠道、确认时限与重复提醒; 矿山超过确认时限未确认即叫应下一步骤 (默认县级监管部门)',
  }),
};
