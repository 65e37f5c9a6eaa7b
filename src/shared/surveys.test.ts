/**
 * The pure rules of 隐蔽致灾因素普查 at their boundaries (issue 25 §1): the grade "就高不就低", the 3–5-year
 * scope, the first deadlines of the plans and the renewal period of surveys.rules.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultSurveyRules as rules,
  findingSteps,
  firstDeadline,
  gradeOf,
  SurveyInput,
  surveyFinding,
} from './surveys.ts';

const survey = {
  mineId: '00000000-0000-4000-8000-000000000001',
  surveyedOn: '2026-06-01',
  surveyor: '地勘院',
  areaKm2: 2,
  scopeYears: 3,
  scopeDescription: '井田',
  factors: [],
  zones: [{ zoneClass: '可采区', name: '一采区' }],
};

describe('disaster grade from the factors', () => {
  // 《2024年矿山安全生产工作要点》第10条, 西藏第13条, 原平第14条: 按照“就高不就低”的原则调整灾害防治等级.
  it('就高不就低: one 极复杂 factor among 简单 ones makes the mine 极复杂', () => {
    expect(
      gradeOf([{ level: '简单' }, { level: '极复杂' }, { level: '中等' }, { level: '简单' }]),
    ).toBe('极复杂');
  });
  it('就高不就低: 中等 and 复杂 give 复杂, never an average', () => {
    expect(gradeOf([{ level: '中等' }, { level: '中等' }, { level: '复杂' }])).toBe('复杂');
  });
  it('a survey that found no factor sets 简单', () => {
    expect(gradeOf([])).toBe('简单');
  });
});

describe('the scope ahead of the workings (要点第7条, 西藏第13条, 原平第14条: 3-5年采掘范围)', () => {
  it.each([
    [2, false],
    [3, true],
    [5, true],
    [6, false],
  ])('%i years is %s', (scopeYears, ok) => {
    expect(SurveyInput.safeParse({ ...survey, scopeYears }).success).toBe(ok);
  });
});

describe('when a survey is due', () => {
  it('原平 (140981) by 2024-06-30 (原平第14条); elsewhere by 2024-12-31 (西藏第13条)', () => {
    expect(firstDeadline(rules, '140981')).toBe('2024-06-30');
    expect(firstDeadline(rules, '540102')).toBe('2024-12-31');
  });
  it('a mine never surveyed: in order on its deadline, a finding the day after', () => {
    const mine = { countyCode: '140981', lastPassedSurveyOn: null };
    expect(surveyFinding(rules, mine, '2024-06-30')).toBeNull();
    expect(surveyFinding(rules, mine, '2024-07-01')).toEqual({
      reason: '未普查',
      dueOn: '2024-06-30',
    });
  });
  it('a passed survey is renewed within 12 months (surveys.rules, UNVERIFIED): due on the day, out of date after', () => {
    const mine = { countyCode: '540102', lastPassedSurveyOn: '2025-03-15' };
    expect(surveyFinding(rules, mine, '2026-03-15')).toBeNull();
    expect(surveyFinding(rules, mine, '2026-03-16')).toEqual({
      reason: '普查过期',
      dueOn: '2026-03-15',
    });
  });
  it('the ladder climbs a rung 1, 30 and 90 days after the due date, each on its day', () => {
    expect(findingSteps(rules, '2026-03-15', '2026-03-15')).toEqual([]);
    expect(findingSteps(rules, '2026-03-15', '2026-03-16').map((s) => s.step)).toEqual(['第1级']);
    expect(findingSteps(rules, '2026-03-15', '2026-04-14').map((s) => s.step)).toEqual([
      '第1级',
      '第2级',
    ]);
    expect(findingSteps(rules, '2026-03-15', '2026-06-13')).toHaveLength(3);
  });
});
