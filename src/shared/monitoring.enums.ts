/**
 * @module Vocabularies of risk monitoring and early warning (风险监测预警).
 */

/** The four warning colours, low to high (GB 39496-2020 §5.5.4: 蓝色 → 黄色 → 橙色 → 红色). */
export const warningLevels = ['蓝色', '黄色', '橙色', '红色'] as const;
export type WarningLevel = (typeof warningLevels)[number];

/** Rank of a level (蓝色 0 … 红色 3); -1 for none. */
export function levelRank(level: WarningLevel | null): number {
  return level === null ? -1 : warningLevels.indexOf(level);
}

/** Whether a larger value is worse (gas, displacement) or a smaller one (浸润线埋深, 安全超高, 干滩长度). */
export type Direction = 'upper' | 'lower';

/** Kinds of monitored facility (issue 5 §1); 矿山 holds mine-level series (用电量, 井下人数). */
export const facilityKinds = [
  '尾矿库',
  '露天边坡',
  '排土场',
  '井下区域',
  '数据网关',
  '矿山',
] as const;
export type FacilityKind = (typeof facilityKinds)[number];

/** What an alarm is about (issue 5 §3). 断线 is one sensor; 断网 a whole mine's feed. */
export const alarmKinds = ['超限', '变化速率', '平线', '断线', '断网', '数据异常'] as const;
export type AlarmKind = (typeof alarmKinds)[number];

/** Where an alarm is in the 叫应 → 回应 → 响应 loop (山西《关于推进全省矿山做好气象灾害风险监测预警和应急防范工作的通知》). */
export const alarmStates = ['待叫应', '已叫应', '已回应', '已响应', '已解除'] as const;
export type AlarmState = (typeof alarmStates)[number];

/**
 * How an alarm was closed: its clear condition held long enough, someone closed it with a note, data
 * resent later showed a different course (the alarm the readings do show replaces it), or the stretch
 * of history it was found in ends while it still holds (newer readings carry on from there).
 */
export const alarmCloseReasons = ['自动解除', '人工关闭', '补传重判', '历史数据截止'] as const;
export type AlarmCloseReason = (typeof alarmCloseReasons)[number];

/** Who a call step reaches (resolved per mine; regulators by the units covering the mine's county). */
export const callAudiences = [
  'mine_duty',
  'principal',
  'safety_chief',
  'enterprise',
  'county',
  'city',
  'province',
] as const;
export type CallAudience = (typeof callAudiences)[number];

/** Channels a call goes out on: in-app, the signed webhook (SMS / voice gateway), e-mail. */
export const callChannels = ['in_app', 'webhook', 'email'] as const;
export type CallChannel = (typeof callChannels)[number];
