/** The 目标 tab's pure parts: goals once per year and figure, plan names with their years once, empty trends. */
import { describe, expect, it } from 'vitest';
import { goalTags, hasFigures, planLabel } from './targets.ts';

const target = (region: string, year: number, goal: number, met: boolean | null = false) => ({
  region,
  indicator: 'monitoringCoverage' as const,
  year,
  goal,
  source: `${region} 方案`,
  met,
});

describe('goal tags', () => {
  it('a goal set by the county and by the nation is one tag naming both; different goals stay apart', () => {
    const tags = goalTags([
      target('140981', 2025, 100),
      target('000000', 2025, 100),
      target('000000', 2024, 90, true),
      target('140981', 2026, 100),
    ]);
    expect(tags.map((t) => [t.year, t.goal, t.met, t.setBy.map((s) => s.region)])).toEqual([
      [2024, 90, true, ['000000']],
      [2025, 100, false, ['140981', '000000']],
      [2026, 100, false, ['140981']],
    ]);
  });
});

describe('plan label', () => {
  it('says the years once', () => {
    expect(
      planLabel({
        title: '山西省矿山安全生产治本攻坚三年行动 (2024—2026年)',
        fromYear: 2024,
        toYear: 2026,
      }),
    ).toBe('山西省矿山安全生产治本攻坚三年行动 (2024—2026年)');
    expect(planLabel({ title: '原平市攻坚行动', fromYear: 2024, toYear: 2026 })).toBe(
      '原平市攻坚行动 (2024–2026)',
    );
  });
});

describe('trend figures', () => {
  it('a trend of nothing but gaps has no figures to draw', () => {
    expect(hasFigures([{ value: null }, { value: null }])).toBe(false);
    expect(hasFigures([{ value: null }, { value: 0 }])).toBe(true);
    expect(hasFigures([])).toBe(false);
  });
});
