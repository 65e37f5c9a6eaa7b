/**
 * Whether an indicator's value meets its goal (issue 8 §2): shares at or above the goal, changes at or
 * below it (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第11条: 小型矿山数量减少 10% is a goal of −10), each boundary met;
 * and the figure from its sums.
 */
import { describe, expect, it } from 'vitest';
import { indicatorValue, meets } from './indicator.rules.ts';

describe('indicator rules', () => {
  it('a reduction target of −10 % is met at −10 and not at −9.9; a share of 80 % at 80 and not 79.9', () => {
    expect(meets('atMost', -10, -10)).toBe(true);
    expect(meets('atMost', -9.9, -10)).toBe(false);
    expect(meets('atLeast', 80, 80)).toBe(true);
    expect(meets('atLeast', 79.9, 80)).toBe(false);
    expect(meets('atLeast', null, 80)).toBeNull();
  });

  it('a share is Σn / Σd, a change (Σn − Σd) / Σd, in percent to one decimal; no base, no value', () => {
    expect(indicatorValue('largeMediumShare', 1, 3).value).toBe(33.3);
    expect(indicatorValue('smallMinesChange', 2, 3).value).toBe(-33.3);
    expect(indicatorValue('smallMinesChange', 0, 0).value).toBeNull();
  });
});
