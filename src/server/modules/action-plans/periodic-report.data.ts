/**
 * @module The figures of a periodic report (issue 8 §5), gathered once when the report is made and
 * archived with it: the indicators at the period's end with their targets and trend, the plans'
 * tasks, hazards and enforcement in the period, and the ranking of the regions below by risk.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  monthEnds,
  trendPoints,
  type Period,
  type ReportKind,
} from '../../../shared/report-periods.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { subtreePrefix } from '../../platform/auth/scope.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import { evaluateIndicator, type IndicatorValue } from './indicators.ts';
import { regionalRisk } from './regional-risk.ts';
import { BASELINE_YEAR, indicatorsWithTargets } from './targets.service.ts';
import { systemPrincipal } from '../access/principal.ts';

/** The whole country: no region condition. */
export const NATIONAL = '000000';

/** The indicators drawn as trend lines in reports. */
const trendKeys = [
  'standardization2Plus',
  'largeMediumShare',
  'monitoringCoverage',
  'hazardStockCleared',
] as const;

export interface ReportData {
  kind: ReportKind;
  title: string;
  region: { code: string; name: string };
  period: Period;
  generatedAt: string;
  indicators: Awaited<ReturnType<typeof indicatorsWithTargets>>;
  trend: { dates: string[]; series: { key: string; name: string; values: (number | null)[] }[] };
  tasks: {
    total: number;
    done: number;
    inProgress: number;
    notStarted: number;
    overdue: number;
    reportsInPeriod: number;
    overdueList: {
      plan: string;
      number: string;
      content: string;
      leadUnit: string;
      deadline: string;
      percent: number;
    }[];
  };
  hazards: { found: number; closed: number; openAtEnd: number; overdueAtEnd: number };
  enforcement: { inspections: number; findings: number; penalties: number; fineYuan: number };
  regionalRisk: {
    formula: string;
    regions: {
      rank: number;
      regionName: string;
      coefficient: number;
      level: string;
      mines: number;
    }[];
  };
}

export function regionMines(region: string): SQL {
  return region === NATIONAL ? sql`TRUE` : (mineInRegion(region) ?? sql`TRUE`);
}

export async function regionName(deps: ServiceDeps, code: string): Promise<string> {
  if (code === NATIONAL) {
    return '全国';
  }
  const [row] = await queryRows<{ name: string }>(
    deps.db,
    sql`SELECT name FROM regions WHERE code = ${code}`,
  );
  return row?.name ?? code;
}

const dayEnd = (date: string) =>
  sql`((${date}::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '8 hours'`;
const dayStart = (date: string) =>
  sql`(${date}::date::timestamp AT TIME ZONE 'UTC') - interval '8 hours'`;

async function taskFigures(deps: ServiceDeps, region: string, period: Period) {
  const inRegion =
    region === NATIONAL ? sql`TRUE` : sql`p.region_code LIKE ${`${subtreePrefix(region)}%`}`;
  const [sum] = await queryRows<Record<string, number>>(
    deps.db,
    sql`SELECT count(*)::int AS total,
          (count(*) FILTER (WHERE t.percent >= 100))::int AS done,
          (count(*) FILTER (WHERE t.percent < 100 AND t.reports > 0))::int AS in_progress,
          (count(*) FILTER (WHERE t.percent < 100 AND t.reports = 0))::int AS not_started,
          (count(*) FILTER (WHERE t.percent < 100 AND t.deadline < ${period.end}::date))::int AS overdue,
          (SELECT count(*) FROM work_task_reports r JOIN work_tasks t2 ON t2.id = r.task_id
             JOIN work_plans p ON p.id = t2.plan_id
            WHERE ${inRegion} AND r.reported_at >= ${dayStart(period.start)} AND r.reported_at < ${dayEnd(period.end)})::int
            AS reports_in_period
        FROM work_tasks t JOIN work_plans p ON p.id = t.plan_id WHERE ${inRegion}`,
  );
  const overdueList = await queryRows<{
    plan: string;
    number: string;
    content: string;
    lead_unit: string;
    deadline: string;
    percent: number;
  }>(
    deps.db,
    sql`SELECT p.title AS plan, t.number, t.content, o.name AS lead_unit, t.deadline::text AS deadline, t.percent
        FROM work_tasks t JOIN work_plans p ON p.id = t.plan_id JOIN organisations o ON o.id = t.lead_unit_id
       WHERE ${inRegion} AND t.percent < 100 AND t.deadline < ${period.end}::date
       ORDER BY t.deadline, p.title, t.number LIMIT 50`,
  );
  return {
    total: Number(sum?.total ?? 0),
    done: Number(sum?.done ?? 0),
    inProgress: Number(sum?.in_progress ?? 0),
    notStarted: Number(sum?.not_started ?? 0),
    overdue: Number(sum?.overdue ?? 0),
    reportsInPeriod: Number(sum?.reports_in_period ?? 0),
    overdueList: overdueList.map((r) => ({
      plan: r.plan,
      number: r.number,
      content: r.content,
      leadUnit: r.lead_unit,
      deadline: r.deadline,
      percent: Number(r.percent),
    })),
  };
}

async function hazardAndEnforcement(deps: ServiceDeps, where: SQL, period: Period) {
  const [h] = await queryRows<Record<string, number>>(
    deps.db,
    sql`SELECT (count(*) FILTER (WHERE h.found_on BETWEEN ${period.start}::date AND ${period.end}::date))::int AS found,
          (count(*) FILTER (WHERE h.closed_at >= ${dayStart(period.start)} AND h.closed_at < ${dayEnd(period.end)}))::int AS closed,
          (count(*) FILTER (WHERE h.found_on <= ${period.end}::date
             AND (h.closed_at IS NULL OR h.closed_at >= ${dayEnd(period.end)})))::int AS open_at_end,
          (count(*) FILTER (WHERE h.found_on <= ${period.end}::date AND h.deadline < ${period.end}::date
             AND (h.closed_at IS NULL OR h.closed_at >= ${dayEnd(period.end)})))::int AS overdue_at_end
        FROM hazards h JOIN mines ON mines.id = h.mine_id WHERE ${where}`,
  );
  const [e] = await queryRows<Record<string, number>>(
    deps.db,
    sql`SELECT
          (SELECT count(*) FROM inspections i JOIN mines ON mines.id = i.mine_id
            WHERE ${where} AND i.inspected_on BETWEEN ${period.start}::date AND ${period.end}::date)::int AS inspections,
          (SELECT count(*) FROM inspection_findings f JOIN inspections i ON i.id = f.inspection_id
             JOIN mines ON mines.id = i.mine_id
            WHERE ${where} AND i.inspected_on BETWEEN ${period.start}::date AND ${period.end}::date)::int AS findings,
          (SELECT count(*) FROM penalties p JOIN mines ON mines.id = p.mine_id
            WHERE ${where} AND p.status <> '已撤销' AND p.decided_on BETWEEN ${period.start}::date AND ${period.end}::date)::int AS penalties,
          (SELECT coalesce(sum(p.amount_yuan), 0) FROM penalties p JOIN mines ON mines.id = p.mine_id
            WHERE ${where} AND p.status <> '已撤销' AND p.decided_on BETWEEN ${period.start}::date AND ${period.end}::date)::float AS fine_yuan`,
  );
  return {
    hazards: {
      found: Number(h?.found ?? 0),
      closed: Number(h?.closed ?? 0),
      openAtEnd: Number(h?.open_at_end ?? 0),
      overdueAtEnd: Number(h?.overdue_at_end ?? 0),
    },
    enforcement: {
      inspections: Number(e?.inspections ?? 0),
      findings: Number(e?.findings ?? 0),
      penalties: Number(e?.penalties ?? 0),
      fineYuan: Number(e?.fine_yuan ?? 0),
    },
  };
}

/** Gathers a report's figures for a region (checked by the caller) and period. */
export async function buildReportData(
  deps: ServiceDeps,
  kind: ReportKind,
  region: string,
  period: Period,
): Promise<ReportData> {
  const where = regionMines(region);
  const name = await regionName(deps, region);
  const s = { scope: where, date: period.end, baselineYear: BASELINE_YEAR };
  const long = kind === '年度总结' || kind === '三年评估';
  const dates = long ? trendPoints(period, 12) : monthEnds(period.end, 6);
  const series: ReportData['trend']['series'] = [];
  for (const key of trendKeys) {
    const values: (number | null)[] = [];
    let label = key as string;
    for (const date of dates) {
      const v: IndicatorValue = await evaluateIndicator(deps.db, key, { ...s, date });
      values.push(v.value);
      label = v.name;
    }
    series.push({ key, name: label, values });
  }
  const risk = await regionalRisk(deps, systemPrincipal('report'), {
    region: region === NATIONAL ? undefined : region,
  });
  return {
    kind,
    title: `${name}矿山安全治本攻坚${kind}（${period.start} 至 ${period.end}）`,
    region: { code: region, name },
    period,
    generatedAt: deps.clock().toISOString(),
    indicators: await indicatorsWithTargets(deps.db, s, region === NATIONAL ? undefined : region),
    trend: { dates, series },
    tasks: await taskFigures(deps, region, period),
    ...(await hazardAndEnforcement(deps, where, period)),
    regionalRisk: {
      formula: risk.formula,
      regions: risk.regions.map((r) => ({
        rank: r.rank,
        regionName: r.regionName,
        coefficient: r.coefficient,
        level: r.level,
        mines: r.mines,
      })),
    },
  };
}
