/**
 * The regional risk coefficient and level (issue 8 §4; 国家矿山安全监察局 2024 年简报, 地方经验做法·福建省: 风险系数模型,
 * 通报各地风险等级) with the default model (plans.regionalRisk, UNVERIFIED): K = 平均风险分 × (1 + 高风险矿山占比),
 * levels from 50 (重大), 35 (较大) and 20 (一般) up; each boundary counts for the higher level.
 */
import { describe, expect, it } from 'vitest';
import { defaultRegionalRisk } from '../../../shared/targets.settings.ts';
import { gradeRegion } from './regional-risk.rules.ts';

const m = (score: number, className = 'C') => ({ score, className });

describe('regional risk grading', () => {
  it('K is the mean score raised by the share of high-risk (A) mines', () => {
    // mean 25, one of two in class A → 25 × 1.5 = 37.5 → 较大风险.
    expect(gradeRegion([m(40, 'A'), m(10)], defaultRegionalRisk)).toEqual({
      coefficient: 37.5,
      level: '较大风险',
      mines: 2,
      highMines: 1,
      meanScore: 25,
    });
  });

  it('the level boundaries: 50 is 重大, 49.9 较大; 35 较大, 34.9 一般; 20 一般, 19.9 低', () => {
    const level = (score: number) => gradeRegion([m(score)], defaultRegionalRisk).level;
    expect(level(50)).toBe('重大风险');
    expect(level(49.9)).toBe('较大风险');
    expect(level(35)).toBe('较大风险');
    expect(level(34.9)).toBe('一般风险');
    expect(level(20)).toBe('一般风险');
    expect(level(19.9)).toBe('低风险');
  });

  it('a region without mines is graded 0, the lowest level', () => {
    expect(gradeRegion([], defaultRegionalRisk)).toMatchObject({
      coefficient: 0,
      level: '低风险',
      mines: 0,
    });
  });
});
