/**
 * @module Periodic reports (issue 8 §5): 周调度、月总结、季通报、年度总结 and the three-year evaluation,
 * made by the scheduler for every regulator unit's region when a period is over (a few per run, so a
 * long downtime catches up without a burst), and on demand for the period to date. Each is archived
 * with its figures; its xlsx and PDF are rendered from them (the PDF is kept once rendered). A unit
 * sees the reports of regions inside its jurisdiction.
 */
import { and, desc, eq, like, sql, type SQL } from 'drizzle-orm';
import {
  duePeriod,
  periodToDate,
  reportKinds,
  type Period,
  type ReportKind,
} from '../../../shared/report-periods.ts';
import { recordAudit } from './action-plans.audit.ts';
import { ownRegion, regionInScope, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { planReports } from './plan.table.ts';
import { buildReportData, NATIONAL, type ReportData } from './periodic-report.data.ts';
import { renderReportPdf, renderReportXlsx } from './periodic-report.render.ts';
import { plansSettings } from './action-plans.settings.ts';
import { WorkPlanPermission } from './action-plans.permissions.ts';

type Row = typeof planReports.$inferSelect;

function present(r: Row) {
  return {
    id: r.id,
    kind: r.kind,
    regionCode: r.regionCode,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    title: r.title,
    trigger: r.trigger,
    generatedAt: r.generatedAt.toISOString(),
  };
}

/** The reports a caller may see: of regions inside its jurisdiction (national ones: nationwide only). */
function visible(principal: Principal): SQL | undefined {
  const s = principal.scope;
  if (s.kind === 'all') {
    return undefined;
  }
  if (s.kind === 'region') {
    return like(planReports.regionCode, `${s.prefix}%`);
  }
  return sql`FALSE`;
}

async function store(
  deps: ServiceDeps,
  kind: ReportKind,
  region: string,
  period: Period,
  trigger: '定时' | '手动',
  principal: Principal | null,
): Promise<Row | null> {
  const data = await buildReportData(deps, kind, region, period);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(planReports)
      .values({
        kind,
        regionCode: region,
        periodStart: period.start,
        periodEnd: period.end,
        title: data.title,
        data,
        trigger,
        generatedBy: principal?.userId ?? null,
        generatedAt: deps.clock(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      return null;
    }
    await recordAudit(
      tx,
      principal ? actorOf(principal) : { actorId: null, actorLabel: 'system:scheduler', ip: null },
      deps.clock(),
      {
        type: 'plans.report.generated',
        entityId: row.id,
        after: present(row),
      },
    );
    return row;
  });
}

export async function listReports(
  deps: ServiceDeps,
  principal: Principal,
  q: { kind?: ReportKind | undefined; region?: string | undefined },
) {
  requirePermission(principal, WorkPlanPermission.Read);
  const rows = await deps.db
    .select()
    .from(planReports)
    .where(
      and(
        visible(principal),
        q.kind ? eq(planReports.kind, q.kind) : undefined,
        q.region ? eq(planReports.regionCode, q.region) : undefined,
      ),
    )
    .orderBy(desc(planReports.periodEnd), desc(planReports.generatedAt))
    .limit(500);
  return rows.map(present);
}

async function loadReport(deps: ServiceDeps, principal: Principal, id: string): Promise<Row> {
  requirePermission(principal, WorkPlanPermission.Read);
  const [row] = await deps.db
    .select()
    .from(planReports)
    .where(and(eq(planReports.id, id), visible(principal)));
  if (!row) {
    throw notFound('plan_report', id);
  }
  return row;
}

export async function getReport(deps: ServiceDeps, principal: Principal, id: string) {
  const row = await loadReport(deps, principal, id);
  return { ...present(row), data: row.data as ReportData };
}

/** A report made now for the period of `kind` to date, for the caller's region or one inside it. */
export async function generateReport(
  deps: ServiceDeps,
  principal: Principal,
  input: { kind: ReportKind; region?: string | undefined },
) {
  requirePermission(principal, WorkPlanPermission.Read);
  const region = input.region ?? ownRegion(principal.scope) ?? NATIONAL;
  if (
    region === NATIONAL ? principal.scope.kind !== 'all' : !regionInScope(principal.scope, region)
  ) {
    throw invalidField('region', `地区 ${region} 不在本单位辖区内`);
  }
  const schedule = await getSetting(deps.db, plansSettings.reportSchedule);
  const period = periodToDate(input.kind, todayIn(deps.clock), schedule);
  if (period.start > period.end) {
    throw invalidField('kind', `${input.kind}的统计期尚未开始 (自 ${period.start})`);
  }
  const row = await store(deps, input.kind, region, period, '手动', principal);
  if (!row) {
    throw new AppError(AppErrorCode.Internal, 'report not stored');
  }
  return present(row);
}

/** The report as xlsx, or as PDF (rendered once and kept). */
export async function reportFile(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  format: 'xlsx' | 'pdf',
): Promise<{ name: string; data: Buffer }> {
  const row = await loadReport(deps, principal, id);
  const data = row.data as ReportData;
  if (format === 'xlsx') {
    return { name: `${row.title}.xlsx`, data: await renderReportXlsx(data) };
  }
  if (row.pdf) {
    return { name: `${row.title}.pdf`, data: row.pdf };
  }
  const pdf = await renderReportPdf(data);
  await deps.db.update(planReports).set({ pdf }).where(eq(planReports.id, id));
  return { name: `${row.title}.pdf`, data: pdf };
}

/**
 * The scheduler's run: for every regulator unit's region and every kind, the report of the latest
 * period that is over, when it is not archived yet; at most `max` are made per run.
 */
export async function generateScheduledReports(deps: ServiceDeps, max = 2): Promise<number> {
  const schedule = await getSetting(deps.db, plansSettings.reportSchedule);
  const today = todayIn(deps.clock);
  const units = await queryRows<{ region_code: string }>(
    deps.db,
    sql`SELECT DISTINCT region_code FROM organisations
         WHERE kind = 'regulator' AND region_code IS NOT NULL ORDER BY region_code`,
  );
  let made = 0;
  for (const kind of reportKinds) {
    const period = duePeriod(kind, today, schedule);
    if (!period) {
      continue;
    }
    const done = new Set(
      (
        await deps.db
          .select({ region: planReports.regionCode })
          .from(planReports)
          .where(
            and(
              eq(planReports.kind, kind),
              eq(planReports.periodStart, period.start),
              eq(planReports.trigger, '定时'),
            ),
          )
      ).map((r) => r.region),
    );
    for (const { region_code: region } of units) {
      if (made >= max) {
        return made;
      }
      if (!done.has(region) && (await store(deps, kind, region, period, '定时', null))) {
        made++;
      }
    }
  }
  return made;
}
