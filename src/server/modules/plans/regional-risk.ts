/**
 * @module 区域风险分级 (issue 8 §4; 国家矿山安全监察局 2024 年简报, 地方经验做法·福建省: 研究福建矿山风险系数模型，
 * 定期通报各地风险等级，督促县级政府每月开展一次矿山安全风险研判): each month, a risk coefficient and level per city and county
 * from its mines' risk scores (the enforcement module's model), with the formula shown and a
 * ranking. The current month is graded live; a finished month is graded once by the scheduler and
 * kept.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { addDaysTo } from '../../../shared/report-periods.ts';
import type { RegionalRisk } from '../../../shared/targets.settings.ts';
import {
  ownRegion,
  regionInScope,
  subtreePrefix,
  type Principal,
} from '../../platform/auth/scope.ts';
import { requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, invalidField } from '../../platform/errors.ts';
import { queryRows } from '../../platform/db/client.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { scoreMines } from '../inspections/risk/risk.service.ts';
import { regions } from '../registry/region.table.ts';
import { regionalRiskGrades } from './plan.table.ts';
import { plansSettings } from './plans.settings.ts';
import { WorkPlanPermission } from './plans.permissions.ts';

export const RISK_FORMULA = 'K = 平均风险分 × (1 + 高风险矿山占比)';

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

/** The regions graded under `parent` (its children; a county grades itself; null: the provinces). */
async function gradedRegions(deps: ServiceDeps, parent: string | null) {
  const children = await deps.db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(parent === null ? isNull(regions.parentCode) : eq(regions.parentCode, parent))
    .orderBy(asc(regions.code));
  if (children.length > 0 || parent === null) {
    return children;
  }
  return deps.db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(eq(regions.code, parent));
}

/** Grades every listed region now, from the live scores of the mines inside it. */
export async function gradeNow(deps: ServiceDeps, codes: string[]): Promise<Map<string, Grade>> {
  const model = await getSetting(deps.db, plansSettings.regionalRisk);
  const scores = await scoreMines(deps, sql`TRUE`);
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
) {
  requirePermission(principal, WorkPlanPermission.Read);
  const parent = q.region ?? ownRegion(principal.scope) ?? null;
  if (parent !== null && !regionInScope(principal.scope, parent)) {
    throw new AppError(AppErrorCode.Forbidden, `地区 ${parent} 不在本单位辖区内`);
  }
  const current = monthOf(todayIn(deps.clock));
  const month = q.month ?? current;
  if (month > current) {
    throw invalidField('month', '不能对未来月份分级');
  }
  const listed = await gradedRegions(deps, parent);
  const codes = listed.map((r) => r.code);
  const model = await getSetting(deps.db, plansSettings.regionalRisk);
  let grades: Map<string, Grade>;
  if (month === current) {
    grades = await gradeNow(deps, codes);
  } else {
    const stored = codes.length
      ? await deps.db
          .select()
          .from(regionalRiskGrades)
          .where(
            and(eq(regionalRiskGrades.month, month), inArray(regionalRiskGrades.regionCode, codes)),
          )
      : [];
    grades = new Map(stored.map((g) => [g.regionCode, g]));
  }
  const ranked = listed
    .flatMap((r) => {
      const g = grades.get(r.code);
      // A region without mines has nothing to grade.
      return g && g.mines > 0 ? [{ regionCode: r.code, regionName: r.name, ...pick(g) }] : [];
    })
    .sort((a, b) => b.coefficient - a.coefficient || a.regionCode.localeCompare(b.regionCode))
    .map((r, i) => ({ rank: i + 1, ...r }));
  return { month, live: month === current, formula: RISK_FORMULA, model, regions: ranked };
}

const pick = (g: Grade): Grade => ({
  coefficient: g.coefficient,
  level: g.level,
  mines: g.mines,
  highMines: g.highMines,
  meanScore: g.meanScore,
});

/**
 * The scheduler's monthly grading: once a month is over, grades every province, city and county that
 * has mines, at the first run in the next month, and keeps them (a rerun changes nothing).
 */
export async function gradeFinishedMonth(deps: ServiceDeps): Promise<number> {
  const today = todayIn(deps.clock);
  const month = monthOf(addDaysTo(`${today.slice(0, 7)}-01`, -1));
  const [done] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(regionalRiskGrades)
    .where(eq(regionalRiskGrades.month, month));
  if (Number(done?.n ?? 0) > 0) {
    return 0;
  }
  const counties = await queryRows<{ county_code: string }>(
    deps.db,
    sql`SELECT DISTINCT county_code FROM mines WHERE archived_at IS NULL`,
  );
  const codes = new Set<string>();
  for (const { county_code: c } of counties) {
    codes
      .add(c)
      .add(`${c.slice(0, 4)}00`)
      .add(`${c.slice(0, 2)}0000`);
  }
  const grades = await gradeNow(deps, [...codes]);
  const rows = [...grades].map(([regionCode, g]) => ({
    month,
    regionCode,
    ...pick(g),
    gradedAt: deps.clock(),
  }));
  if (rows.length) {
    await deps.db.insert(regionalRiskGrades).values(rows).onConflictDoNothing();
  }
  return rows.length;
}
