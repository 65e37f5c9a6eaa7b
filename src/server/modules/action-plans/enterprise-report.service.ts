/**
 * @module Enterprises report to the plan (issue 25 §7; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六)):
 * an enterprise files its own progress report per due date of the schedule (setting
 * plans.enterpriseReports), with an optional file; the regulator sees, per due date, who filed on
 * time, late, or not at all. Everything is scoped: a regulator sees the enterprises with a live mine in
 * its region, an enterprise itself.
 */
import {
  EnterpriseReportLimits,
  EnterpriseReportStatus,
  reportStatus,
  type EnterpriseReportBoardResponse,
  type EnterpriseReportInput,
  type EnterpriseReportQuery,
  type EnterpriseReportSchedule,
} from '../../../shared/enterprise-reports.ts';
import { todayIn } from '../../../shared/dates.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import {
  acceptFile,
  evidencePolicy,
  storeFile,
  type FilePolicy,
} from '../../platform/files/files.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import { recordAudit } from './action-plans.audit.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';
import { actionPlansSettings } from './action-plans.settings.ts';
import * as repo from './enterprise-report.repository.ts';
import { enterpriseReportFiles } from './enterprise-report.table.ts';

/** What the report's file may be: a PDF or scanned pages. */
const reportFilePolicy: FilePolicy = {
  ...evidencePolicy,
  noun: '报送材料',
  accepts: 'PDF 或 JPEG、PNG、WebP 图片',
  types: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
};

type ReportWithFile = Awaited<ReturnType<typeof repo.reportsOf>>[number];

function presentReport(r: ReportWithFile) {
  return {
    id: r.report.id,
    dueOn: r.report.dueOn,
    text: r.report.text,
    filedOn: r.report.filedOn,
    filedAt: r.report.filedAt.toISOString(),
    file:
      r.fileId && r.fileName
        ? { id: r.fileId, fileName: r.fileName, sizeBytes: r.sizeBytes ?? 0 }
        : null,
  };
}

/** One schedule's due dates for the enterprises of the caller's scope (and region) that must report. */
async function scheduleDues(
  db: Db,
  principal: Principal,
  s: EnterpriseReportSchedule,
  q: EnterpriseReportQuery,
  on: string,
) {
  const enterprises = await repo.obligedEnterprises(
    db,
    subtreePrefix(s.region),
    allOf(mineScopeCondition(principal.scope), mineInRegion(q.region)),
  );
  const reports = await repo.reportsOf(
    db,
    enterprises.map((e) => e.id),
  );
  const byKey = new Map(reports.map((r) => [`${r.report.enterpriseId}:${r.report.dueOn}`, r]));
  return s.dues.map((due) => {
    const rows = enterprises.map((e) => {
      const r = byKey.get(`${e.id}:${due.dueOn}`);
      return {
        enterpriseId: e.id,
        enterpriseName: e.name,
        status: reportStatus(due.dueOn, r?.report.filedOn ?? null, on),
        report: r ? presentReport(r) : null,
      };
    });
    const n = (status: string) => rows.filter((r) => r.status === status).length;
    return {
      dueOn: due.dueOn,
      title: due.title,
      counts: {
        onTime: n(EnterpriseReportStatus.OnTime),
        late: n(EnterpriseReportStatus.Late),
        missing: n(EnterpriseReportStatus.Missing),
        pending: n(EnterpriseReportStatus.Pending),
      },
      rows,
    };
  });
}

/** Every due date of the schedules with an enterprise in the caller's scope, with each one's standing. */
export async function enterpriseReportBoard(
  deps: ServiceDeps,
  principal: Principal,
  q: EnterpriseReportQuery,
): Promise<EnterpriseReportBoardResponse> {
  requirePermission(principal, ActionPlanPermission.EnterpriseReports);
  const on = q.on ?? todayIn(deps.clock);
  const schedules = await getSetting(deps.db, actionPlansSettings.enterpriseReports);
  const dues = [];
  const sources = [];
  for (const s of schedules) {
    const part = (await scheduleDues(deps.db, principal, s, q, on)).filter((d) => d.rows.length);
    if (part.length) {
      dues.push(...part);
      sources.push(s.source);
    }
  }
  return { on, source: sources.join('; '), dues };
}

/** The caller's own enterprise files its report for one due date (once; regulators do not file). */
export async function fileEnterpriseReport(
  deps: ServiceDeps,
  principal: Principal,
  input: EnterpriseReportInput,
) {
  requirePermission(principal, ActionPlanPermission.FileReport);
  if (principal.scope.kind !== 'enterprise') {
    throw new AppError(AppErrorCode.Forbidden, '仅企业可报送本企业的推进情况');
  }
  const enterpriseId = principal.scope.enterpriseId;
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const schedules = await getSetting(tx, actionPlansSettings.enterpriseReports);
    let owes = false;
    for (const s of schedules.filter((x) => x.dues.some((d) => d.dueOn === input.dueOn))) {
      owes ||= await repo.hasLiveMineUnder(tx, enterpriseId, subtreePrefix(s.region));
    }
    if (!owes) {
      throw invalidField('dueOn', '该日期不是本企业须报送的截止日期', input.dueOn);
    }
    const row = await repo.insertReport(tx, {
      enterpriseId,
      dueOn: input.dueOn,
      text: input.text,
      filedOn: todayIn(() => now),
      filedBy: principal.userId,
      filedAt: now,
    });
    if (!row) {
      throw new AppError(AppErrorCode.Conflict, '本期已报送', [
        { path: 'dueOn', message: '该截止日期的报告已报送', value: input.dueOn },
      ]);
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'plans.enterprise_report.filed',
      entityId: row.id,
      after: row,
    });
    return presentReport({ report: row, fileId: null, fileName: null, sizeBytes: null });
  });
}

/** A report the caller may see (its enterprise's, or one of its region's), else a 404. */
export async function loadVisibleReport(db: Db, principal: Principal, id: string) {
  const row = await repo.findReport(db, id);
  const visible =
    row &&
    (principal.scope.kind === 'enterprise'
      ? row.enterpriseId === principal.scope.enterpriseId
      : (await repo.obligedEnterprises(db, '', mineScopeCondition(principal.scope))).some(
          (e) => e.id === row.enterpriseId,
        ));
  if (!row || !visible) {
    throw notFound('enterprise report', id);
  }
  return row;
}

/** A report the caller may see, with its file. */
export async function getEnterpriseReport(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, ActionPlanPermission.EnterpriseReports);
  const row = await loadVisibleReport(deps.db, principal, id);
  const file = await repo.findFile(deps.db, id);
  return presentReport({
    report: row,
    fileId: file?.id ?? null,
    fileName: file?.fileName ?? null,
    sizeBytes: file?.sizeBytes ?? null,
  });
}

/** Attaches the one file of the caller's own enterprise's report (PDF or image, by content). */
export async function addEnterpriseReportFile(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  upload: { fileName: string; data: Buffer },
) {
  requirePermission(principal, ActionPlanPermission.FileReport);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const report = await loadVisibleReport(tx, principal, id);
    if (principal.scope.kind !== 'enterprise') {
      throw notFound('enterprise report', id);
    }
    const file = acceptFile(reportFilePolicy, upload);
    await storeFile(
      tx,
      enterpriseReportFiles,
      reportFilePolicy,
      {
        column: enterpriseReportFiles.reportId,
        id,
        max: EnterpriseReportLimits.filesMax,
        name: '份报告',
      },
      { ...file, reportId: report.id, uploadedBy: principal.userId, uploadedAt: now },
    );
    await recordAudit(tx, actorOf(principal), now, {
      type: 'plans.enterprise_report.file_added',
      entityId: id,
      after: { fileName: file.fileName, sha256: file.sha256, sizeBytes: file.sizeBytes },
    });
    return getEnterpriseReport({ ...deps, db: tx }, principal, id);
  });
}

/** The report's file with its content, when the caller may see the report. */
export async function getEnterpriseReportFile(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, ActionPlanPermission.EnterpriseReports);
  await loadVisibleReport(deps.db, principal, id);
  const row = await repo.findFile(deps.db, id);
  if (!row) {
    throw notFound('file', id);
  }
  return row;
}
