/**
 * @module 区域风险分级 (issue 8 §4; 国家矿山安全监察局 2024 年简报, 地方经验做法·福建省: 研究福建矿山风险系数模型，
 * 定期通报各地风险等级，督促县级政府每月开展一次矿山安全风险研判): each month, a risk coefficient and level per city and county
 * from its mines' risk scores (the enforcement module's model), with the formula shown and a
 * ranking. The current month is graded live; a finished month is graded once by the scheduler and
 * kept.
 */
import type { RegionalRiskResponse } from '../../../shared/action-plans.schemas.ts';
import {
  ownRegion,
  regionInScope,
  subtreePrefix,
  type Principal,
} from '../../platform/auth/scope.ts';
import { addDays, todayIn } from '../../../shared/dates.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { scoreMines } from '../inspections/risk/risk.service.ts';
import * as repo from './regional-risk.repository.ts';
import {
  gradeOf,
  gradeRegion,
  regionsOfCounty,
  RISK_FORMULA,
  type Grade,
} from './regional-risk.rules.ts';
import { actionPlansSettings } from './action-plans.settings.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';

/** Grades every listed region now, from the live scores of the mines inside it. */
export async function gradeNow(deps: ServiceDeps, codes: string[]): Promise<Map<string, Grade>> {
  const model = await getSetting(deps.db, actionPlansSettings.regionalRisk);
  const scores = await scoreMines(deps, repo.everyMine);
  const out = new Map<string, Grade>();
  for (const code of codes) {
    const prefix = subtreePrefix(code);
    out.set(
      code,
      gradeRegion(
        scores.filter((s) => s.countyCode.startsWith(prefix)),
        model,
      ),
    );
  }
  return out;
}

const monthOf = (date: string) => date.slice(0, 7);

/** The grades of the regions under a region (the caller's by default) for a month, ranked. */
export async function regionalRisk(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined; month?: string | undefined },
): Promise<RegionalRiskResponse> {
  requirePermission(principal, ActionPlanPermission.Read);
  const parent = q.region ?? ownRegion(principal.scope) ?? null;
  if (parent !== null && !regionInScope(principal.scope, parent)) {
    throw new AppError(AppErrorCode.Forbidden, `地区 ${parent} 不在本单位辖区内`);
  }
  const current = monthOf(todayIn(deps.clock));
  const month = q.month ?? current;
  if (month > current) {
    throw invalidField('month', '不能对未来月份分级');
  }
  const listed = await repo.gradedRegions(deps.db, parent);
  const codes = listed.map((r) => r.code);
  const model = await getSetting(deps.db, actionPlansSettings.regionalRisk);
  const grades: Map<string, Grade> =
    month === current
      ? await gradeNow(deps, codes)
      : new Map((await repo.storedGrades(deps.db, month, codes)).map((g) => [g.regionCode, g]));
  const ranked = listed
    .flatMap((r) => {
      const g = grades.get(r.code);
      // A region without mines has nothing to grade.
      return g && g.mines > 0 ? [{ regionCode: r.code, regionName: r.name, ...gradeOf(g) }] : [];
    })
    .sort((a, b) => b.coefficient - a.coefficient || a.regionCode.localeCompare(b.regionCode))
    .map((r, i) => ({ rank: i + 1, ...r }));
  return { month, live: month === current, formula: RISK_FORMULA, model, regions: ranked };
}

/**
 * The scheduler's monthly grading: once a month is over, grades every province, city and county that
 * has mines, at the first run in the next month, and keeps them (a rerun changes nothing).
 */
export async function gradeFinishedMonth(deps: ServiceDeps): Promise<number> {
  const today = todayIn(deps.clock);
  const month = monthOf(addDays(`${today.slice(0, 7)}-01`, -1));
  if (await repo.monthGraded(deps.db, month)) {
    return 0;
  }
  const codes = new Set((await repo.countiesWithMines(deps.db)).flatMap(regionsOfCounty));
  const grades = await gradeNow(deps, [...codes]);
  const rows = [...grades].map(([regionCode, g]) => ({
    month,
    regionCode,
    ...gradeOf(g),
    gradedAt: deps.clock(),
  }));
  await repo.insertGrades(deps.db, rows);
  return rows.length;
}
