/**
 * @module Roll-up of warning levels (pure), GB 39496-2020 §5.5.4 (VERIFIED for points
 * within one item): 4 blue points make the item yellow, 3 yellow make it orange, 2 orange make it red.
 * Items roll up to the facility the same way — the standard's text is cut off after "4 items at blue
 * count as 1 item at yellow", so the facility rule is an UNVERIFIED analogy and its counts are settings.
 */
import { levelRank, warningLevels, type WarningLevel } from '../../../shared/monitoring.enums.ts';

/** How many members at a level (or above) lift the whole to the next level. */
export interface RollupRule {
  blueToYellow: number;
  yellowToOrange: number;
  orangeToRed: number;
}

/** GB 39496-2020 §5.5.4, points within one item. */
export const pointRule: RollupRule = { blueToYellow: 4, yellowToOrange: 3, orangeToRed: 2 };

/**
 * The level of a whole from its members' levels: at least the highest member's, lifted by the counts
 * (members at a level or above count toward it). Lifts do not cascade: the counts are taken on the
 * members, not on a lifted result.
 */
export function rollUp(
  levels: readonly (WarningLevel | null)[],
  rule: RollupRule,
): WarningLevel | null {
  let top = -1;
  const atLeast = [0, 0, 0, 0];
  for (const l of levels) {
    const r = levelRank(l);
    top = Math.max(top, r);
    for (let i = 0; i <= r; i++) {
      atLeast[i] = (atLeast[i] ?? 0) + 1;
    }
  }
  if ((atLeast[2] ?? 0) >= rule.orangeToRed) {
    top = Math.max(top, 3);
  }
  if ((atLeast[1] ?? 0) >= rule.yellowToOrange) {
    top = Math.max(top, 2);
  }
  if ((atLeast[0] ?? 0) >= rule.blueToYellow) {
    top = Math.max(top, 1);
  }
  return top < 0 ? null : (warningLevels[top] as WarningLevel);
}
