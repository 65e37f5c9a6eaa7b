/**
 * The yearly schedule respects the unit's capacity every month and each mine's frequency when capacity
 * allows, keeps the riskiest mines when it does not (and reports the rest), places them the same way
 * for the same seed, and has no 四不两直 share to set: every planned visit is 四不两直 (《2024年矿山安全生产工作要点》
 * 第41条 "一律"; issue 7 “Done when”: the plan generator respects capacity and frequencies).
 */
import { describe, expect, it } from 'vitest';
import { generateYearSchedule, idealMonths, type ScheduleMine } from './schedule.generator.ts';

const mines = (n: number, perYear: (i: number) => number): ScheduleMine[] =>
  Array.from({ length: n }, (_, i) => ({
    mineId: `m${String(i).padStart(3, '0')}`,
    score: 100 - i,
    perYear: perYear(i),
  }));
const monthly = (days: number) => Array.from({ length: 12 }, () => days);

describe(generateYearSchedule.name, () => {
  it('meets every frequency within capacity, spread over the year', () => {
    const list = mines(30, (i) => (i < 5 ? 12 : i < 15 ? 6 : 2));
    const schedule = generateYearSchedule(list, {
      capacity: monthly(40),
      inspectorsPerVisit: 2,
      seed: 1,
    });
    expect(schedule.shortfall).toEqual([]);
    for (const m of list) {
      const own = schedule.visits.filter((v) => v.mineId === m.mineId);
      expect(own, m.mineId).toHaveLength(m.perYear);
      // Spread: no month holds more than its share.
      const perMonth = Math.ceil(m.perYear / 12);
      for (let month = 0; month < 12; month++) {
        expect(own.filter((v) => v.month === month).length).toBeLessThanOrEqual(perMonth);
      }
    }
    schedule.load.forEach((used) => expect(used).toBeLessThanOrEqual(40));
    expect(schedule.load.reduce((a, b) => a + b, 0)).toBe((5 * 12 + 10 * 6 + 15 * 2) * 2);
  });

  it('never exceeds capacity; the riskiest mines keep their visits and the rest are reported', () => {
    const list = mines(20, () => 12); // 240 visits × 2 inspector-days = 480 wanted
    const schedule = generateYearSchedule(list, {
      capacity: monthly(20), // 240 inspector-days = 120 visits
      inspectorsPerVisit: 2,
      seed: 2,
    });
    schedule.load.forEach((used) => expect(used).toBeLessThanOrEqual(20));
    expect(schedule.visits).toHaveLength(120);
    // The ten riskiest are fully planned; the others are reported with what they got.
    expect(schedule.shortfall.map((s) => s.mineId)).toEqual(list.slice(10).map((m) => m.mineId));
    expect(schedule.shortfall.every((s) => s.planned === 0 && s.wanted === 12)).toBe(true);
  });

  it('places visits the same way for the same seed; a share of announced visits is not an option (第41条: 一律四不两直)', () => {
    const list = mines(25, () => 4);
    const options = { capacity: monthly(30), inspectorsPerVisit: 2, seed: 7 };
    const a = generateYearSchedule(list, options);
    expect(a.visits).toHaveLength(100);
    expect(generateYearSchedule(list, options)).toEqual(a);
    expect(generateYearSchedule(list, { ...options, seed: 8 })).not.toEqual(a);
    // A visit is a mine and a month: nothing marks one as announced.
    expect(Object.keys(a.visits[0] ?? {}).sort()).toEqual(['mineId', 'month']);
  });

  it('spaces a mine’s visits evenly', () => {
    expect(idealMonths(4, 0)).toEqual([0, 3, 6, 9]);
    expect(idealMonths(2, 7)).toEqual([1, 7]);
    expect(idealMonths(12, 3)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});
