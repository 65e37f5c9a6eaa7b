/**
 * @module 区域风险分级 as a rule (issue 8 §4; 国家矿山安全监察局 2024 年简报, 地方经验做法·福建省: 研究福建矿山风险系数模型，
 * 定期通报各地风险等级): a region's risk coefficient and level from its mines' risk scores and classes. The model
 * is not published: the formula below and the level boundaries (setting plans.regionalRisk) are
 * minewatch's.
 */
import type { RegionalRisk } from '../../../shared/targets.settings.ts';

export const RISK_FORMULA = 'K = 平均风险分 × (1 + 高风险矿山占比)';

/** A region's grade for a month. */
export interface Grade {
  coefficient: number;
  level: string;
  mines: number;
  highMines: number;
  meanScore: number;
}

/** A region's grade from its mines' scores and classes (pure). No mines: coefficient 0. */
export function gradeRegion(
  mines: { score: number; className: string }[],
  model: RegionalRisk,
): Grade {
  const n = mines.length;
  const high = mines.filter((m) => model.highClasses.includes(m.className)).length;
  const mean = n === 0 ? 0 : mines.reduce((acc, m) => acc + m.score, 0) / n;
  const coefficient = Math.round(mean * (1 + (n === 0 ? 0 : high / n)) * 10) / 10;
  const levels = [...model.levels].sort((a, b) => b.min - a.min);
  const level = levels.find((l) => coefficient >= l.min) ?? levels[levels.length - 1];
  return {
    coefficient,
    level: level?.name ?? '',
    mines: n,
    highMines: high,
    meanScore: Math.round(mean * 10) / 10,
  };
}

/** Only a grade's own fields (a stored row carries its month and region too). */
export const gradeOf = (g: Grade): Grade => ({
  coefficient: g.coefficient,
  level: g.level,
  mines: g.mines,
  highMines: g.highMines,
  meanScore: g.meanScore,
});

/** The regions a county's mines count for: the county, its city and its province. */
export function regionsOfCounty(county: string): string[] {
  return [county, `${county.slice(0, 4)}00`, `${county.slice(0, 2)}0000`];
}
