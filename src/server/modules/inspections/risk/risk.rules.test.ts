/**
 * The risk score explains itself, the class follows the configured boundaries, and mines at
 * standardization level 二级 and above get fewer routine inspections (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)5).
 */
import { describe, expect, it } from 'vitest';
import { defaultRiskModel as model } from './risk.model.ts';
import { assessRisk, type RiskFacts } from './risk.rules.ts';

const base: RiskFacts = {
  kind: '煤矿井工',
  scale: '中型',
  standardizationLevel: '三级',
  disasterGrade: null,
  openHazards: 0,
  overdueHazards: 0,
  alarms90d: 0,
  unansweredCalls90d: 0,
  openLeads: 0,
  accidents3y: 0,
  managementChanges12m: 0,
  lapsedDuties: [],
};

describe('assessRisk', () => {
  it('a disaster grade of 简单 or 中等 adds nothing; 复杂 adds the model’s points', () => {
    const reasons = (g: string) =>
      assessRisk({ ...base, disasterGrade: g }, model).reasons.filter(
        (r) => r.factor === '灾害等级',
      );
    expect(reasons('简单')).toEqual([]);
    expect(reasons('中等')).toEqual([]);
    expect(reasons('复杂')).toEqual([{ factor: '灾害等级', fact: '复杂', points: 15 }]);
  });

  it('lists every contribution and sums them', () => {
    const r = assessRisk(
      { ...base, openHazards: 2, overdueHazards: 1, disasterGrade: '极复杂' },
      model,
    );
    expect(r.reasons).toEqual([
      { factor: '矿山类型', fact: '煤矿井工', points: 20 },
      { factor: '规模', fact: '中型', points: 5 },
      { factor: '灾害等级', fact: '极复杂', points: 15 },
      { factor: '未销号重大隐患', fact: '2 项', points: 10 },
      { factor: '逾期未整改隐患', fact: '1 项', points: 8 },
    ]);
    expect(r.score).toBe(58);
    expect(r.className).toBe('B');
  });

  it('caps each counted factor and puts the boundary score in the higher class', () => {
    const r = assessRisk(
      { ...base, alarms90d: 500, openHazards: 1, unansweredCalls90d: 2, accidents3y: 0 },
      model,
    );
    // 20 + 5 + 10 (alarms capped) + 5 + 6 = 46 → B; at exactly 60 it is A.
    expect(r.score).toBe(46);
    expect(
      assessRisk({ ...base, accidents3y: 1, disasterGrade: null, openHazards: 4 }, model).score,
    ).toBe(60);
    expect(assessRisk({ ...base, accidents3y: 1, openHazards: 4 }, model).className).toBe('A');
  });

  it('counts unstable management from the configured number of changes (《2024年矿山安全生产工作要点》第40条)', () => {
    expect(assessRisk({ ...base, managementChanges12m: 1 }, model).score).toBe(25);
    expect(assessRisk({ ...base, managementChanges12m: 2 }, model).score).toBe(35);
  });

  it('counts each lapsed duty of the plans up to the cap (issue 25: 普查、演练、边坡 … feed the score)', () => {
    const one = assessRisk({ ...base, lapsedDuties: ['隐蔽致灾因素未普查'] }, model);
    expect(one.score).toBe(25 + 5);
    expect(one.reasons).toContainEqual({
      factor: '逾期未履行的法定职责',
      fact: '1 项: 隐蔽致灾因素未普查',
      points: 5,
    });
    const many = assessRisk({ ...base, lapsedDuties: ['a', 'b', 'c', 'd', 'e'] }, model);
    expect(many.score).toBe(25 + 20);
  });

  it('halves routine inspections (rounded up) for 二级 and above, never below one (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)5)', () => {
    const a3 = assessRisk(
      { ...base, accidents3y: 2, openHazards: 4, standardizationLevel: '三级' },
      model,
    );
    expect([a3.className, a3.perYear]).toEqual(['A', 12]);
    const a2 = assessRisk(
      { ...base, accidents3y: 2, openHazards: 4, standardizationLevel: '二级' },
      model,
    );
    expect([a2.className, a2.perYear]).toEqual(['A', 6]);
    const d1 = assessRisk(
      { ...base, kind: '排土场', scale: '大型', standardizationLevel: '一级' },
      model,
    );
    expect([d1.className, d1.perYear]).toEqual(['D', 1]);
  });
});
