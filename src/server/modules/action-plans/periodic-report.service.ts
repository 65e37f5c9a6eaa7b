/**
 * @module Periodic reports (issue 8 §5): 周调度、月总结、季通报、年度总结 and the three-year evaluation,
 * made by the scheduler for every regulator unit's region when a period is over (a few per run, so a
 * long downtime catches up without a burst), and on demand for the period to date. Each is archived
 * with its figures; its xlsx and PDF are rendered from them (the PDF is kept once rendered). A unit
 * sees the reports of regions inside its jurisdiction.
 */
import {
  PeriodicReportTrigger,
  type PeriodicReportTrigger as Trigger,
} from '../../../shared/action-plans.enums.ts';
import type {
  PeriodicReportDetailResponse,
  PeriodicReportInput,
  PeriodicReportResponse,
} from '../../../shared/action-plans.schemas.ts';
import {
  duePeriod,
  periodicReportKinds,
  periodToDate,
  type Period,
  type PeriodicReportKind,
} from '../../../shared/periodic-report.periods.ts';
import { recordAudit } from './action-plans.audit.ts';
import { ownRegion, regionInScope, type Principal } from '../../platform/auth/scope.ts';
import { todayIn } from '../../../shared/dates.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { buildReportData } from './periodic-report.data.ts';
import { presentPeriodicReport, presentPeriodicReportDetail } from './periodic-report.presenter.ts';
import * as repo from './periodic-report.repository.ts';
import { NATIONAL, type PeriodicReportRow } from './periodic-report.repository.ts';
import { renderPeriodicReportPdf, renderPeriodicReportXlsx } from './periodic-report.render.ts';
import { actionPlansSettings } from './action-plans.settings.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';

const SCHEDULER_ACTOR = { actorId: null, actorLabel: 'system:scheduler', ip: null };

/** Gathers a report's figures and archives it, with its audit event; null when already made. */
async function store(
  deps: ServiceDeps,
  kind: PeriodicReportKind,
  region: string,
  period: Period,
  trigger: Trigger,
  principal: Principal | null,
): Promise<PeriodicReportRow | null> {
  const data = await buildReportData(deps, kind, region, period);
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertReportOnce(tx, {
      kind,
      regionCode: region,
      periodStart: period.start,
      periodEnd: period.end,
      title: data.title,
      data,
      trigger,
      generatedBy: principal?.userId ?? null,
      generatedAt: deps.clock(),
    });
    if (!row) {
      return null;
    }
    await recordAudit(tx, principal ? actorOf(principal) : SCHEDULER_ACTOR, deps.clock(), {
      type: 'plans.report.generated',
      entityId: row.id,
      after: presentPeriodicReport(row),
    });
    return row;
  });
}

/** The reports of regions inside the caller's jurisdiction, latest period first. */
export async function listPeriodicReports(
  deps: ServiceDeps,
  principal: Principal,
  q: { kind?: PeriodicReportKind | undefined; region?: string | undefined },
): Promise<PeriodicReportResponse[]> {
  requirePermission(principal, ActionPlanPermission.Read);
  const rows = await repo.listVisibleReports(deps.db, principal.scope, q);
  return rows.map(presentPeriodicReport);
}

/** A report the caller may see (404 otherwise). */
async function loadReport(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<PeriodicReportRow> {
  requirePermission(principal, ActionPlanPermission.Read);
  const row = await repo.findVisibleReport(deps.db, principal.scope, id);
  if (!row) {
    throw notFound('plan_report', id);
  }
  return row;
}

/** A report with its archived figures. */
export async function getPeriodicReport(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<PeriodicReportDetailResponse> {
  return presentPeriodicReportDetail(await loadReport(deps, principal, id));
}

/** A report made now for the period of `kind` to date, for the caller's region or one inside it. */
export async function generatePeriodicReport(
  deps: ServiceDeps,
  principal: Principal,
  input: PeriodicReportInput,
): Promise<PeriodicReportResponse> {
  requirePermission(principal, ActionPlanPermission.Read);
  const region = input.region ?? ownRegion(principal.scope) ?? NATIONAL;
  if (
    region === NATIONAL ? principal.scope.kind !== 'all' : !regionInScope(principal.scope, region)
  ) {
    throw invalidField('region', `地区 ${region} 不在本单位辖区内`);
  }
  const schedule = await getSetting(deps.db, actionPlansSettings.periodicReportSchedule);
  const period = periodToDate(input.kind, todayIn(deps.clock), schedule);
  if (period.start > period.end) {
    throw invalidField('kind', `${input.kind}的统计期尚未开始 (自 ${period.start})`);
  }
  const row = await store(
    deps,
    input.kind,
    region,
    period,
    PeriodicReportTrigger.OnDemand,
    principal,
  );
  if (!row) {
    throw new AppError(AppErrorCode.Internal, 'report not stored');
  }
  return presentPeriodicReport(row);
}

/** The report as xlsx, or as PDF (rendered once and kept). */
export async function periodicReportFile(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  format: 'xlsx' | 'pdf',
): Promise<{ name: string; data: Buffer }> {
  const row = await loadReport(deps, principal, id);
  if (format === 'xlsx') {
    return { name: `${row.title}.xlsx`, data: await renderPeriodicReportXlsx(row.data) };
  }
  if (row.pdf) {
    return { name: `${row.title}.pdf`, data: row.pdf };
  }
  const pdf = await renderPeriodicReportPdf(row.data);
  await repo.storeReportPdf(deps.db, id, pdf);
  return { name: `${row.title}.pdf`, data: pdf };
}

/**
 * The scheduler's run: for every regulator unit's region and every kind, the report of the latest
 * period that is over, when it is not archived yet; at most `max` are made per run.
 */
export async function generateScheduledReports(deps: ServiceDeps, max = 2): Promise<number> {
  const schedule = await getSetting(deps.db, actionPlansSettings.periodicReportSchedule);
  const today = todayIn(deps.clock);
  const regions = await repo.regulatorRegions(deps.db);
  let made = 0;
  for (const kind of periodicReportKinds) {
    const period = duePeriod(kind, today, schedule);
    if (!period) {
      continue;
    }
    const done = await repo.scheduledRegions(deps.db, kind, period.start);
    for (const region of regions) {
      if (made >= max) {
        return made;
      }
      if (
        !done.has(region) &&
        (await store(deps, kind, region, period, PeriodicReportTrigger.Scheduled, null))
      ) {
        made++;
      }
    }
  }
  return made;
}
