/**
 * @module A mine's risk score, class and routine inspection frequency (issue 7 §1), with every
 * contribution listed so the regulator can see why the mine got its class (pure).
 */
import type { RiskModel } from './risk.model.ts';

export interface RiskFacts {
  kind: string;
  scale: string;
  standardizationLevel: string;
  disasterGrade: string | null;
  openHazards: number;
  overdueHazards: number;
  alarms90d: number;
  unansweredCalls90d: number;
  openLeads: number;
  accidents3y: number;
  managementChanges12m: number;
  /** The plans' duties the mine has let lapse (a missing survey, an overdue drill …), by name. */
  lapsedDuties: readonly string[];
}

export interface RiskAssessment {
  score: number;
  className: string;
  perYear: number;
  /** Each contribution: what, the fact, the points. */
  reasons: { factor: string; fact: string; points: number }[];
}

const counted = (n: number, rule: { each: number; max: number }) =>
  Math.sign(rule.each) * Math.min(Math.abs(n * rule.each), rule.max);

/** Scores a mine's facts with the model: the points of each factor, the class and the visits a year. */
export function assessRisk(f: RiskFacts, model: RiskModel): RiskAssessment {
  const reasons: RiskAssessment['reasons'] = [];
  const add = (factor: string, fact: string, points: number) => {
    if (points !== 0) {
      reasons.push({ factor, fact, points });
    }
  };
  add('矿山类型', f.kind, model.kind[f.kind] ?? 0);
  add('规模', f.scale, model.scale[f.scale] ?? 0);
  add('标准化等级', f.standardizationLevel, model.standardization[f.standardizationLevel] ?? 0);
  // The grade of the latest passed 隐蔽致灾因素普查 (modules/surveys); 简单 and 中等 add nothing.
  if (f.disasterGrade === '复杂' || f.disasterGrade === '极复杂') {
    add('灾害等级', f.disasterGrade, model.disasterGrade);
  }
  add('未销号重大隐患', `${f.openHazards} 项`, counted(f.openHazards, model.openHazards));
  add('逾期未整改隐患', `${f.overdueHazards} 项`, counted(f.overdueHazards, model.overdueHazards));
  add('近90天告警', `${f.alarms90d} 次`, counted(f.alarms90d, model.alarms90d));
  add(
    '近90天未叫应',
    `${f.unansweredCalls90d} 次`,
    counted(f.unansweredCalls90d, model.unansweredCalls90d),
  );
  add('未办结线索', `${f.openLeads} 条`, counted(f.openLeads, model.openLeads));
  add('近3年事故', `${f.accidents3y} 起`, counted(f.accidents3y, model.accidents3y));
  if (f.lapsedDuties.length > 0) {
    add(
      '逾期未履行的法定职责',
      `${f.lapsedDuties.length} 项: ${f.lapsedDuties.join('、')}`,
      counted(f.lapsedDuties.length, model.lapsedDuties),
    );
  }
  if (f.managementChanges12m >= model.managementChangesThreshold) {
    add('管理团队频繁更换', `12个月内 ${f.managementChanges12m} 次`, model.managementUnstable);
  }
  const score = reasons.reduce((acc, r) => acc + r.points, 0);
  const sorted = [...model.classes].sort((a, b) => b.minScore - a.minScore);
  const cls = sorted.find((c) => score >= c.minScore) ?? sorted[sorted.length - 1];
  const base = cls?.perYear ?? 0;
  // 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(八)5: fewer routine inspections for 二级 and above; never below one a
  // year.
  const reduced = model.reducedLevels.includes(f.standardizationLevel);
  const perYear = reduced && base > 0 ? Math.max(1, Math.ceil(base * model.reducedFactor)) : base;
  return { score, className: cls?.name ?? '', perYear, reasons };
}
