/**
 * The pure rules of 企业主体责任 at their boundaries (issue 25 §4): the monthly minimum days of
 * 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1 (主要负责人带班下井 ≥ 5, 实际控制人 ≥ 10, 安全工程师 ≥ 15),
 * the month boundaries, and the 矿长安全生产记分 threshold (《2024年矿山安全生产工作要点》第22条).
 */
import { describe, expect, it } from 'vitest';
import {
  daysIn,
  defaultDutyRules as rules,
  defaultScoreRules,
  dutyShortfall,
  dutySteps,
  judgedMonths,
  rulesFor,
  yearScore,
} from './duty.ts';

const principal = { minDays: 5 };
const controller = { minDays: 10 };
const engineer = { minDays: 15 };
const may = (n: number) =>
  Array.from({ length: n }, (_, i) => `2026-05-${String(i + 1).padStart(2, '0')}`);

describe('二(二)1 monthly minimums, judged once the month is over', () => {
  it('主要负责人带班下井不得少于5个工作日: 4 days in May is a finding, 5 is not', () => {
    expect(dutyShortfall(principal, 4, '2026-05', '2026-06-01')).toEqual({
      dueOn: '2026-05-31',
      missing: 1,
    });
    expect(dutyShortfall(principal, 5, '2026-05', '2026-06-01')).toBeNull();
    expect(dutyShortfall(principal, 6, '2026-05', '2026-06-01')).toBeNull();
  });
  it('实际控制人 ≥ 10: 9 days short, 10 met', () => {
    expect(dutyShortfall(controller, 9, '2026-05', '2026-06-10')?.missing).toBe(1);
    expect(dutyShortfall(controller, 10, '2026-05', '2026-06-10')).toBeNull();
  });
  it('安全工程师在岗履职每月不少于15个工作日: 14 short, 15 met', () => {
    expect(dutyShortfall(engineer, 14, '2026-05', '2026-06-10')?.missing).toBe(1);
    expect(dutyShortfall(engineer, 15, '2026-05', '2026-06-10')).toBeNull();
  });
  it('a month is not judged on its last day, only from the day after', () => {
    expect(dutyShortfall(principal, 0, '2026-05', '2026-05-30')).toBeNull();
    expect(dutyShortfall(principal, 0, '2026-05', '2026-05-31')).toBeNull();
    expect(dutyShortfall(principal, 0, '2026-05', '2026-06-01')).not.toBeNull();
  });
  it('February ends on its own last day (28 in 2026, 29 in 2028)', () => {
    expect(dutyShortfall(principal, 0, '2026-02', '2026-02-28')).toBeNull();
    expect(dutyShortfall(principal, 0, '2026-02', '2026-03-01')?.dueOn).toBe('2026-02-28');
    expect(dutyShortfall(principal, 0, '2028-02', '2028-02-29')).toBeNull();
  });
});

describe('counting days', () => {
  it('a day on the last of a month counts for that month, the next day for the next', () => {
    const dates = ['2026-04-30', '2026-05-01', '2026-05-31', '2026-06-01'];
    expect(daysIn(dates, '2026-05')).toBe(2);
    expect(daysIn(dates, '2026-04')).toBe(1);
    expect(daysIn(dates, '2026-06')).toBe(1);
  });
  it('two records on one day count as one day', () => {
    expect(daysIn([...may(4), '2026-05-04'], '2026-05')).toBe(4);
    expect(daysIn([...may(4), '2026-05-04', '2026-05-20'], '2026-05')).toBe(5);
  });
});

describe('the rules that apply', () => {
  const underground = { kind: '金属非金属地下矿山', status: '生产' };
  it('主要负责人 at an underground non-coal mine only (地下非煤矿山)', () => {
    expect(rulesFor(rules, ['主要负责人'], underground).map((r) => r.minDays)).toEqual([5]);
    expect(rulesFor(rules, ['主要负责人'], { ...underground, kind: '金属非金属露天矿山' })).toEqual(
      [],
    );
  });
  it('安全工程师 at mines 正在生产或基建 only', () => {
    expect(rulesFor(rules, ['安全工程师'], { ...underground, status: '建设' })).toHaveLength(1);
    expect(rulesFor(rules, ['安全工程师'], { ...underground, status: '停工停产' })).toEqual([]);
  });
  it('one person holding two roles is held to both', () => {
    expect(rulesFor(rules, ['主要负责人', '实际控制人'], underground)).toHaveLength(2);
  });
});

describe('judged months', () => {
  it('closed months only, from the month after registration', () => {
    expect(judgedMonths(rules, '2026-02-15', '2026-06-01')).toEqual([
      '2026-03',
      '2026-04',
      '2026-05',
    ]);
    expect(judgedMonths(rules, '2026-02-15', '2026-05-31')).toEqual(['2026-03', '2026-04']);
  });
  it('at most lookbackMonths back, across a year end', () => {
    expect(judgedMonths(rules, '2020-01-01', '2027-02-10')).toEqual([
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
  });
  it('a person registered this month has no judged month', () => {
    expect(judgedMonths(rules, '2026-06-01', '2026-06-30')).toEqual([]);
  });
});

describe('the ladder', () => {
  it('the first rung the day after the month ends', () => {
    expect(dutySteps(rules, '2026-05-31', '2026-05-31')).toEqual([]);
    expect(dutySteps(rules, '2026-05-31', '2026-06-01').map((s) => s.step)).toEqual(['第1级']);
    expect(dutySteps(rules, '2026-05-31', '2026-06-15')).toHaveLength(2);
  });
});

describe('矿长安全生产记分 (要点第22条; threshold a setting)', () => {
  const e = (deductedOn: string, points: number) => ({ deductedOn, points });
  it('the threshold reached is flagged, one point below is not', () => {
    expect(yearScore(defaultScoreRules, [e('2026-03-01', 6), e('2026-04-01', 5)], '2026')).toEqual({
      total: 11,
      overThreshold: false,
    });
    expect(
      yearScore(defaultScoreRules, [e('2026-03-01', 6), e('2026-04-01', 6)], '2026').overThreshold,
    ).toBe(true);
  });
  it('points count in the calendar year they were given (12-31 vs 01-01)', () => {
    const entries = [e('2025-12-31', 10), e('2026-01-01', 3)];
    expect(yearScore(defaultScoreRules, entries, '2025').total).toBe(10);
    expect(yearScore(defaultScoreRules, entries, '2026').total).toBe(3);
  });
});
