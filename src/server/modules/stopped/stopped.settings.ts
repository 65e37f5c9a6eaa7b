/**
 * @module The editable parameters of the stopped-mines loop. The per-site people limit is not here: it is
 * the 明停暗开 rule's (leads.rules stopped.perSiteLimit, 9 — 《2024年矿山安全生产工作要点》第18条; perSiteLimitLhasa,
 * 10 for the regions lhasaRegionPrefixes — 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5), so a declaration
 * and the rule reading it cannot disagree.
 */
import { z } from 'zod';
import { LadderSchema, type LadderStep } from '../../platform/escalation/escalation.service.ts';
import { defineSetting } from '../../platform/settings/settings.definition.ts';

export const stoppedSettings = {
  patrolIntervalDays: defineSetting<number>('stopped.patrolIntervalDays', {
    schema: z.number().int().min(1).max(90),
    default: 7,
    source:
      "《2024年矿山安全生产工作要点》第18条 and 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5 require 驻矿盯守或巡查 of stopped mines but set no interval (NOT FOUND); 7 days is minewatch's default.",
    verified: false,
    description: '停产矿山包保责任人巡查间隔 (天): 超过此间隔未巡查即逾期',
  }),
  patrolLadder: defineSetting<LadderStep[]>('stopped.patrolLadder', {
    schema: LadderSchema,
    default: [
      { step: '提醒', offsetDays: 1, notify: ['regulator'] },
      { step: '督办', offsetDays: 3, notify: ['regulator'] },
    ],
    source:
      "No text sets steps for an overdue 驻矿盯守/巡查 (NOT FOUND); the days count from the day the visit fell due. The first step tells the 包保责任人, later steps also the administrators of the official's unit. minewatch's default.",
    verified: false,
    description: '停产矿山巡查逾期的升级阶梯 (相对应巡查日期的天数)',
  }),
};
