/**
 * Whether an indicator's value meets its goal (issue 8 §2): shares at or above the goal, changes at or
 * below it (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第11条: 小型矿山数量减少 10% is a goal of −10), each boundary met;
 * and the figure from its sums.
 */
import { describe, expect, it } from 'vitest';
import { defaultTargets, type IndicatorKey } from '../../../shared/targets.settings.ts';
import { indicatorValue, meets } from './indicator.rules.ts';
import { targetApplies } from './targets.service.ts';

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

  // The default targets, each read against its plan (西藏、原平、拉萨 的治本攻坚三年行动方案).
  describe('default targets cite their own plan and clause', () => {
    const target = (region: string, indicator: IndicatorKey) =>
      defaultTargets.filter((t) => t.region === region && t.indicator === indicator);

    it('the pre-2024 hazard stock is 原平’s target (原平第8条: 2024 年底前基本消除 2023 年及以前排查发现的存量), not a national one', () => {
      const stock = defaultTargets.filter((t) => t.indicator === 'hazardStockCleared');
      expect(stock.map((t) => [t.region, t.year, t.goal])).toEqual([['140981', 2024, 100]]);
      expect(stock[0]?.source).toMatch(/原平.*第8条.*基本消除 2023 年及以前/);
      expect(stock[0]?.source).not.toMatch(/安委/);
      // It applies to 原平 and what lies in it, not to 拉萨 or the country.
      expect(targetApplies('140981', '140981')).toBe(true);
      expect(targetApplies('140981', '540100')).toBe(false);
      expect(targetApplies('140981', undefined)).toBe(false);
    });

    it('拉萨 二(八)5: 三级 100 % and 二级 ≥ 40 % by the end of 2025', () => {
      expect(target('540100', 'standardization3Plus')).toMatchObject([
        { year: 2025, goal: 100, source: expect.stringMatching(/拉萨.*二\(八\)5/) as string },
      ]);
      expect(target('540100', 'standardization2Plus')).toMatchObject([
        { year: 2025, goal: 40, source: expect.stringMatching(/拉萨.*二\(八\)5/) as string },
      ]);
    });

    it('拉萨 二(七)5: 两单两卡 at 100 % of posts by the end of 2024', () => {
      expect(target('540100', 'postCardsCoverage')).toMatchObject([
        {
          year: 2024,
          goal: 100,
          source: expect.stringMatching(/拉萨.*二\(七\)5.*两单两卡/) as string,
        },
      ]);
    });

    it('西藏: 三级 100 % by 2026 is 第19条; small mines −10 % is 第11条', () => {
      expect(target('540000', 'standardization3Plus')).toMatchObject([
        { year: 2026, goal: 100, source: expect.stringMatching(/西藏.*第19条/) as string },
      ]);
      expect(target('540000', 'smallMinesChange')).toMatchObject([
        { year: 2026, goal: -10, source: expect.stringMatching(/西藏.*第11条/) as string },
      ]);
    });
  });
});
