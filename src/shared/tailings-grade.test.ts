import { describe, expect, it } from 'vitest';
import { computeTailingsGrade, defaultTailingsGradeTable } from './tailings-grade.ts';

// GB 39496-2020 §4.5: 等别 by 全库容 V (10⁴ m³) and 坝高 H (m); the rule of GB 51108-2015 §3.2:
// grades differing by one → the higher; differing by more than one → the higher minus one.
describe('尾矿库等别 (GB 39496-2020 §4.5, GB 51108-2015 §3.2)', () => {
  it('equal grades by volume and height give that grade', () => {
    expect(computeTailingsGrade(1000, 60)).toBe(3); // both exactly at the 三等 lower bounds
    expect(computeTailingsGrade(50, 20)).toBe(5);
  });

  it('grades one apart take the higher one', () => {
    expect(computeTailingsGrade(1000, 59.9)).toBe(3); // V 三等, H 四等
    expect(computeTailingsGrade(999, 60)).toBe(3); // V 四等, H 三等
  });

  it('grades more than one apart take one below the higher', () => {
    expect(computeTailingsGrade(10000, 20)).toBe(3); // V 二等, H 五等 → 二等 + 1
    expect(computeTailingsGrade(50, 200)).toBe(2); // V 五等, H 一等 → 一等 + 1
  });

  it('boundary values belong to the higher grade (≥ lower bound)', () => {
    expect(computeTailingsGrade(100, 30)).toBe(4);
    expect(computeTailingsGrade(99.99, 29.99)).toBe(5);
  });

  it('the default table is marked unverified (GB 39496-2020 一/二等 values not seen)', () => {
    expect(defaultTailingsGradeTable.verified).toBe(false);
  });

  it('an edited table changes the result', () => {
    const table = {
      ...defaultTailingsGradeTable,
      rows: defaultTailingsGradeTable.rows.map((r) =>
        r.grade === 3 ? { ...r, minDamHeightM: 50 } : r,
      ),
    };
    expect(computeTailingsGrade(1000, 55, table)).toBe(3);
    expect(computeTailingsGrade(1000, 55)).toBe(3);
    expect(computeTailingsGrade(500, 55, table)).toBe(3);
    expect(computeTailingsGrade(500, 55)).toBe(4);
  });
});
