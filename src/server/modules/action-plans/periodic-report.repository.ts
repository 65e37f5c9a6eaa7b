/**
 * @module The SQL of the periodic reports (issue 8 §5): the figures gathered for a region and period
 * (the plans' tasks, hazards and enforcement), and the archive of reports made.
 */
import { and, desc, eq, like, sql, type SQL } from 'drizzle-orm';
import { PeriodicReportTrigger } from '../../../shared/action-plans.enums.ts';
import type { PeriodicReportData } from '../../../shared/action-plans.schemas.ts';
import type { Period, PeriodicReportKind } from '../../../shared/periodic-report.periods.ts';
import { subtreePrefix, type Scope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/client.ts';
import { queryRows } from '../../platform/db/client.ts';
import { mineInRegion } from '../registry/registry.scope.ts';
import { dayEnd, dayStart } from './indicator.repository.ts';
import { periodicReports } from './plan.table.ts';

export type PeriodicReportRow = typeof periodicReports.$inferSelect;

/** The whole country: no region condition. */
export const NATIONAL = '000000';

/** A condition on `mines` for the mines inside a region (none for the whole country). */
export function regionMines(region: string): SQL | undefined {
  return region === NATIONAL ? undefined : mineInRegion(region);
}

/** A region's name ('全国' for the whole country; the code when unknown). */
export async function regionName(db: Db, code: string): Promise<string> {
  if (code === NATIONAL) {
    return '全国';
  }
  const [row] = await queryRows<{ name: string }>(
    db,
    sql`SELECT name FROM regions WHERE code = ${code}`,
  );
  return row?.name ?? code;
}

/**
 * A region's tasks (`t` of work_tasks, `p` of its plan): those of the plans made in the region, and
 * those its units lead or support in a plan of a unit above (a county's share of the province's plan).
 */
function taskInRegion(region: string): SQL {
  if (region === NATIONAL) {
    return sql`TRUE`;
  }
  const prefix = `${subtreePrefix(region)}%`;
  return sql`(p.region_code LIKE ${prefix} OR EXISTS (
      SELECT 1 FROM organisations u
       WHERE (u.id = t.lead_unit_id OR u.id = ANY(t.co_unit_ids)) AND u.region_code LIKE ${prefix}))`;
}

/** A region's tasks (taskInRegion): by state, overdue at the period's end, with the overdue listed. */
export async function taskFigures(
  db: Db,
  region: string,
  period: Period,
): Promise<PeriodicReportData['tasks']> {
  const inRegion = taskInRegion(region);
  const [sum] = await queryRows<Record<string, number>>(
    db,
    sql`SELECT count(*)::int AS total,
          (count(*) FILTER (WHERE t.percent >= 100))::int AS done,
          (count(*) FILTER (WHERE t.percent < 100 AND t.reports > 0))::int AS in_progress,
          (count(*) FILTER (WHERE t.percent < 100 AND t.reports = 0))::int AS not_started,
          (count(*) FILTER (WHERE t.percent < 100 AND t.deadline < ${period.end}::date))::int AS overdue,
          (SELECT count(*) FROM work_task_reports r JOIN work_tasks t ON t.id = r.task_id
             JOIN work_plans p ON p.id = t.plan_id
            WHERE ${inRegion} AND r.reported_at >= ${dayStart(period.start)} AND r.reported_at < ${dayEnd(period.end)})::int
            AS progress_in_period
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
    db,
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
    reportsInPeriod: Number(sum?.progress_in_period ?? 0),
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

/** Hazards found, closed, open and overdue, and the enforcement in the period, for the mines matching `where`. */
export async function hazardAndEnforcement(
  db: Db,
  where: SQL | undefined,
  period: Period,
): Promise<Pick<PeriodicReportData, 'hazards' | 'enforcement'>> {
  const mines = where ?? sql`TRUE`;
  const [h] = await queryRows<Record<string, number>>(
    db,
    sql`SELECT (count(*) FILTER (WHERE h.found_on BETWEEN ${period.start}::date AND ${period.end}::date))::int AS found,
          (count(*) FILTER (WHERE h.closed_at >= ${dayStart(period.start)} AND h.closed_at < ${dayEnd(period.end)}))::int AS closed,
          (count(*) FILTER (WHERE h.found_on <= ${period.end}::date
             AND (h.closed_at IS NULL OR h.closed_at >= ${dayEnd(period.end)})))::int AS open_at_end,
          (count(*) FILTER (WHERE h.found_on <= ${period.end}::date AND h.deadline < ${period.end}::date
             AND (h.closed_at IS NULL OR h.closed_at >= ${dayEnd(period.end)})))::int AS overdue_at_end
        FROM hazards h JOIN mines ON mines.id = h.mine_id WHERE ${mines}`,
  );
  const [e] = await queryRows<Record<string, number>>(
    db,
    sql`SELECT
          (SELECT count(*) FROM inspections i JOIN mines ON mines.id = i.mine_id
            WHERE ${mines} AND i.inspected_on BETWEEN ${period.start}::date AND ${period.end}::date)::int AS inspections,
          (SELECT count(*) FROM inspection_findings f JOIN inspections i ON i.id = f.inspection_id
             JOIN mines ON mines.id = i.mine_id
            WHERE ${mines} AND i.inspected_on BETWEEN ${period.start}::date AND ${period.end}::date)::int AS findings,
          (SELECT count(*) FROM penalties p JOIN mines ON mines.id = p.mine_id
            WHERE ${mines} AND p.status <> '已撤销' AND p.decided_on BETWEEN ${period.start}::date AND ${period.end}::date)::int AS penalties,
          (SELECT coalesce(sum(p.amount_yuan), 0) FROM penalties p JOIN mines ON mines.id = p.mine_id
            WHERE ${mines} AND p.status <> '已撤销' AND p.decided_on BETWEEN ${period.start}::date AND ${period.end}::date)::float AS fine_yuan`,
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

/** The reports a jurisdiction sees: of regions inside it (national ones: nationwide only). */
function visibleTo(scope: Scope): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  if (scope.kind === 'region') {
    return like(periodicReports.regionCode, `${scope.prefix}%`);
  }
  return sql`FALSE`;
}

/** Archives a report; undefined when the scheduler already made this one. */
export async function insertReportOnce(
  db: Db,
  values: typeof periodicReports.$inferInsert,
): Promise<PeriodicReportRow | undefined> {
  const [row] = await db.insert(periodicReports).values(values).onConflictDoNothing().returning();
  return row;
}

/** The reports a jurisdiction sees, latest period first (at most 500). */
export function listVisibleReports(
  db: Db,
  scope: Scope,
  q: { kind?: PeriodicReportKind | undefined; region?: string | undefined },
): Promise<PeriodicReportRow[]> {
  return db
    .select()
    .from(periodicReports)
    .where(
      and(
        visibleTo(scope),
        q.kind ? eq(periodicReports.kind, q.kind) : undefined,
        q.region ? eq(periodicReports.regionCode, q.region) : undefined,
      ),
    )
    .orderBy(desc(periodicReports.periodEnd), desc(periodicReports.generatedAt))
    .limit(500);
}

/** A report, when the jurisdiction sees it. */
export async function findVisibleReport(
  db: Db,
  scope: Scope,
  id: string,
): Promise<PeriodicReportRow | undefined> {
  const [row] = await db
    .select()
    .from(periodicReports)
    .where(and(eq(periodicReports.id, id), visibleTo(scope)));
  return row;
}

/** Keeps a report's rendered PDF. */
export async function storeReportPdf(db: Db, id: string, pdf: Buffer): Promise<void> {
  await db.update(periodicReports).set({ pdf }).where(eq(periodicReports.id, id));
}

/** The regions for which the scheduler already made a kind's report of the period starting then. */
export async function scheduledRegions(
  db: Db,
  kind: PeriodicReportKind,
  periodStart: string,
): Promise<Set<string>> {
  const rows = await db
    .select({ region: periodicReports.regionCode })
    .from(periodicReports)
    .where(
      and(
        eq(periodicReports.kind, kind),
        eq(periodicReports.periodStart, periodStart),
        eq(periodicReports.trigger, PeriodicReportTrigger.Scheduled),
      ),
    );
  return new Set(rows.map((r) => r.region));
}

/** The regions of the regulator units, each once. */
export async function regulatorRegions(db: Db): Promise<string[]> {
  const rows = await queryRows<{ region_code: string }>(
    db,
    sql`SELECT DISTINCT region_code FROM organisations
         WHERE kind = 'regulator' AND region_code IS NOT NULL ORDER BY region_code`,
  );
  return rows.map((r) => r.region_code);
}
