/**
 * @module The 叫应 → 回应 → 响应 call policy (山西《关于推进全省矿山做好气象灾害风险监测预警和应急防范工作的通知》): per
 * warning level, the steps of who is called, how, and how long they have to acknowledge before the
 * next step; the 回应 time limit; and for 红色/橙色 the 响应 record (停产撤人). The five stage names 临警、预警、
 * 响警、处警、应警 are the plans' wording (《2024年矿山安全生产工作要点》第31条) with no public definition, and no
 * per-level minutes were found (矿安〔2025〕100号's tables: NOT FOUND) — so every name and number here
 * is configuration (UNVERIFIED, see docs/sources.md), not law.
 */
import { z } from 'zod';
import {
  callAudiences,
  callChannels,
  warningLevels,
  type WarningLevel,
} from './monitoring.enums.ts';

export const CallStepSchema = z.strictObject({
  stage: z.string().trim().min(1).max(20),
  audiences: z.array(z.enum(callAudiences)).min(1),
  channels: z.array(z.enum(callChannels)).min(1),
  /** The next step is called when nobody has acknowledged within this time. */
  ackWithinMinutes: z.number().int().min(1).max(1440),
  /** Call the same people again this often until acknowledged (0 = once). */
  renotifyEveryMinutes: z.number().int().min(0).max(1440),
});
export type CallStep = z.infer<typeof CallStepSchema>;

export const LevelPolicySchema = z.strictObject({
  steps: z.array(CallStepSchema).min(1).max(8),
  /** 回应 (what was checked and done) is due this long after the alarm opened. */
  respondWithinMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 1440),
  /** 响应: a 停产撤人 record is required (红色/橙色, 山西 2025 叫应 notice: 果断采取停产撤人). */
  responseRequired: z.boolean(),
});
export type LevelPolicy = z.infer<typeof LevelPolicySchema>;

export const CallPolicySchema = z.strictObject(
  Object.fromEntries(warningLevels.map((l) => [l, LevelPolicySchema])) as Record<
    WarningLevel,
    typeof LevelPolicySchema
  >,
);
export type CallPolicy = z.infer<typeof CallPolicySchema>;

const all: CallStep['channels'] = ['in_app', 'webhook', 'email'];

/** The default: the mine first, then the enterprise's leaders and the county, then the city. */
export const defaultCallPolicy: CallPolicy = {
  蓝色: {
    steps: [
      {
        stage: '临警',
        audiences: ['mine_duty'],
        channels: ['in_app'],
        ackWithinMinutes: 60,
        renotifyEveryMinutes: 30,
      },
      {
        stage: '预警',
        audiences: ['safety_chief', 'enterprise'],
        channels: all,
        ackWithinMinutes: 120,
        renotifyEveryMinutes: 60,
      },
    ],
    respondWithinMinutes: 24 * 60,
    responseRequired: false,
  },
  黄色: {
    steps: [
      {
        stage: '临警',
        audiences: ['mine_duty'],
        channels: all,
        ackWithinMinutes: 15,
        renotifyEveryMinutes: 5,
      },
      {
        stage: '预警',
        audiences: ['safety_chief', 'principal', 'enterprise'],
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
    respondWithinMinutes: 4 * 60,
    responseRequired: false,
  },
  橙色: {
    steps: [
      {
        stage: '预警',
        audiences: ['mine_duty', 'safety_chief'],
        channels: all,
        ackWithinMinutes: 10,
        renotifyEveryMinutes: 5,
      },
      {
        stage: '响警',
        audiences: ['principal', 'enterprise', 'county'],
        channels: all,
        ackWithinMinutes: 15,
        renotifyEveryMinutes: 5,
      },
      {
        stage: '处警',
        audiences: ['city'],
        channels: all,
        ackWithinMinutes: 30,
        renotifyEveryMinutes: 10,
      },
    ],
    respondWithinMinutes: 60,
    responseRequired: true,
  },
  红色: {
    steps: [
      {
        stage: '响警',
        audiences: ['mine_duty', 'safety_chief', 'principal', 'county'],
        channels: all,
        ackWithinMinutes: 5,
        renotifyEveryMinutes: 2,
      },
      {
        stage: '处警',
        audiences: ['enterprise', 'city'],
        channels: all,
        ackWithinMinutes: 10,
        renotifyEveryMinutes: 5,
      },
      {
        stage: '应警',
        audiences: ['province'],
        channels: all,
        ackWithinMinutes: 30,
        renotifyEveryMinutes: 10,
      },
    ],
    respondWithinMinutes: 30,
    responseRequired: true,
  },
};
