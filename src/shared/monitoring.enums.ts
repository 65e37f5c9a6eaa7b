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
