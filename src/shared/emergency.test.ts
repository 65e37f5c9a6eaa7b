/**
 * The pure rules of 应急准备与培训 at their boundaries (issue 25 §3): the day before, the day and the day
 * after each due date, citing the clause each comes from.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultEmergencyRules as rules,
  emergencyFindings,
  emergencySteps,
  PostCardInput,
  selfRescueDue,
  selfRescuePassed,
  type EmergencyMineState,
} from './emergency.ts';

const inOrder: EmergencyMineState = {
  countyCode: '140981',
  underground: true,
  lastPlanOn: '2025-01-10',
  lastDrillOn: '2026-03-15',
  lastReverseAirOn: '2026-03-15',
  rescueValidUntil: '2027-12-31',
  lastSelfRescueOn: '2026-08-20',
  people: 10,
  shortOfHoursLastYear: 0,
  posts: 3,
  postsComplete: 3,
};
const rulesOn = (m: Partial<EmergencyMineState>, today: string) =>
  emergencyFindings(rules, { ...inOrder, ...m }, today).map((f) => [f.rule, f.dueOn]);

describe('应急演练: 每半年至少一次 (西藏第4条, 原平第5条)', () => {
  it('a drill on 2026-03-15 is due again on 2026-09-15: in order the day before and the day, overdue the day after', () => {
    const m = { lastReverseAirOn: '2026-09-01', lastSelfRescueOn: '2026-09-10' };
    expect(rulesOn(m, '2026-09-14')).toEqual([]);
    expect(rulesOn(m, '2026-09-15')).toEqual([]);
    expect(rulesOn(m, '2026-09-16')).toEqual([['应急演练', '2026-09-15']]);
  });
  it('a mine that never drilled was due by the first date of emergency.rules', () => {
    const m = { lastDrillOn: null };
    expect(rulesOn(m, '2024-06-30').filter(([r]) => r === '应急演练')).toEqual([]);
    expect(rulesOn(m, '2024-07-01').filter(([r]) => r === '应急演练')).toEqual([
      ['应急演练', '2024-06-30'],
    ]);
  });
});

describe('反风演习: underground mines, yearly (要点第30条; 重大隐患判定标准 (二十)6: 反风试验周期超过1年)', () => {
  const m = {
    lastDrillOn: '2027-01-01',
    lastSelfRescueOn: '2027-03-05',
    lastReverseAirOn: '2026-03-15',
  };
  it('due 2027-03-15: the day before and the day in order, the day after a finding', () => {
    expect(rulesOn(m, '2027-03-14')).toEqual([]);
    expect(rulesOn(m, '2027-03-15')).toEqual([]);
    expect(rulesOn(m, '2027-03-16')).toEqual([['反风演习', '2027-03-15']]);
  });
  it('an open pit has no 反风演习 and no 自救器 practice to keep', () => {
    expect(rulesOn({ ...m, underground: false, lastSelfRescueOn: null }, '2027-03-16')).toEqual([]);
  });
});

describe('自救器: 每月至少一次实操, 30秒盲戴 (原平第3条)', () => {
  it('after a practice in August the next is due by 30 September', () => {
    expect(selfRescueDue(rules, '2026-08-20')).toBe('2026-09-30');
    expect(selfRescueDue(rules, '2026-01-31')).toBe('2026-02-28');
  });
  it('a finding on 1 October, not on 30 September', () => {
    const m = { lastDrillOn: '2026-09-01', lastReverseAirOn: '2026-09-01' };
    expect(rulesOn(m, '2026-09-30')).toEqual([]);
    expect(rulesOn(m, '2026-10-01')).toEqual([['自救器实操', '2026-09-30']]);
  });
  it('29.9 s and 30 s pass, 30.1 s fails', () => {
    expect(selfRescuePassed(rules, 29.9)).toBe(true);
    expect(selfRescuePassed(rules, 30)).toBe(true);
    expect(selfRescuePassed(rules, 30.1)).toBe(false);
  });
});

describe('矿山救护协议 (要点第29条) and 应急预案 revision (要点第29条 及时修编; period UNVERIFIED)', () => {
  const base = {
    lastDrillOn: '2026-09-01',
    lastReverseAirOn: '2026-09-01',
    lastSelfRescueOn: '2026-09-01',
  };
  it('an agreement valid until 2026-09-20 holds on its last day and not after', () => {
    expect(rulesOn({ ...base, rescueValidUntil: '2026-09-20' }, '2026-09-20')).toEqual([]);
    expect(rulesOn({ ...base, rescueValidUntil: '2026-09-20' }, '2026-09-21')).toEqual([
      ['矿山救护协议', '2026-09-20'],
    ]);
  });
  it('a plan revised 2023-09-20 is due by 2026-09-20 (36 months)', () => {
    expect(rulesOn({ ...base, lastPlanOn: '2023-09-20' }, '2026-09-20')).toEqual([]);
    expect(rulesOn({ ...base, lastPlanOn: '2023-09-20' }, '2026-09-21')).toEqual([
      ['应急预案修订', '2026-09-20'],
    ]);
  });
});

describe('全员安全培训: hours per person per calendar year (原平第3、4条; hours UNVERIFIED)', () => {
  it('a shortfall in 2025 is a finding from 2026-01-01, due 2025-12-31', () => {
    const m = {
      lastDrillOn: '2025-12-01',
      lastReverseAirOn: '2025-12-01',
      lastSelfRescueOn: '2025-12-01',
      shortOfHoursLastYear: 2,
    };
    expect(rulesOn(m, '2026-01-01')).toEqual([['全员安全培训', '2025-12-31']]);
    expect(rulesOn({ ...m, shortOfHoursLastYear: 0 }, '2026-01-01')).toEqual([]);
  });
});

describe('两单两卡: 拉萨 100% by the end of 2024 (拉萨 二(七)5)', () => {
  const lhasa = {
    countyCode: '540102',
    lastDrillOn: '2024-12-01',
    lastReverseAirOn: '2024-12-01',
    lastSelfRescueOn: '2024-12-01',
    posts: 4,
    postsComplete: 3,
  };
  it('3 of 4 posts: in order on 2024-12-31, a finding on 2025-01-01', () => {
    expect(rulesOn(lhasa, '2024-12-31')).toEqual([]);
    expect(rulesOn(lhasa, '2025-01-01')).toEqual([['两单两卡', '2024-12-31']]);
    expect(rulesOn({ ...lhasa, postsComplete: 4 }, '2025-01-01')).toEqual([]);
  });
  it('原平 has no 两单两卡 deadline in its plan', () => {
    expect(rulesOn({ ...lhasa, countyCode: '140981' }, '2025-01-01')).toEqual([]);
  });
  it('the four papers are the seed’s: 岗位风险清单、职责清单、操作卡、应急处置卡', () => {
    const card = PostCardInput.parse({
      mineId: '00000000-0000-4000-8000-000000000001',
      post: '凿岩工',
    });
    expect(Object.keys(card)).toEqual([
      'mineId',
      'post',
      'riskListOn',
      'dutyListOn',
      'operationCardOn',
      'emergencyCardOn',
    ]);
  });
});

describe('the ladder', () => {
  it('climbs 1, 30 and 90 days after the due date, each on its day', () => {
    expect(emergencySteps(rules, '2026-09-15', '2026-09-15')).toEqual([]);
    expect(emergencySteps(rules, '2026-09-15', '2026-09-16').map((s) => s.step)).toEqual(['第1级']);
    expect(emergencySteps(rules, '2026-09-15', '2026-10-15')).toHaveLength(2);
    expect(emergencySteps(rules, '2026-09-15', '2026-12-14')).toHaveLength(3);
  });
});
