/**
 * @module Evidence files of a task's progress reports (issue 8 §1): photos or PDFs of what was done,
 * accepted by their content like hazard evidence, attached by the unit that wrote the report, and
 * served to whoever may see the task.
 */
import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { recordAudit } from './action-plans.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { acceptEvidenceFile, cleanFileName } from '../hazards/evidence.service.ts';
import { workTaskReportFiles, workTaskReports } from './plan.table.ts';
import { presentFile } from './task.repository.ts';
import { getTask } from './work-plan.service.ts';
import { WorkPlanPermission } from './action-plans.permissions.ts';

/** Files one progress report may hold. */
export const FILES_PER_REPORT = 10;

export async function addReportEvidence(
  deps: ServiceDeps,
  principal: Principal,
  taskId: string,
  reportId: string,
  input: { fileName: string; data: Buffer },
) {
  requirePermission(principal, WorkPlanPermission.TaskReport);
  const contentType = acceptEvidenceFile(input);
  return deps.db.transaction(async (tx) => {
    await getTask({ ...deps, db: tx }, principal, taskId);
    const [report] = await tx
      .select()
      .from(workTaskReports)
      .where(and(eq(workTaskReports.id, reportId), eq(workTaskReports.taskId, taskId)));
    if (!report) {
      throw notFound('work_task_report', reportId);
    }
    if (report.organisationId !== principal.organisationId) {
      throw new AppError(AppErrorCode.Forbidden, '只有报送该进展的单位可以附加证明材料');
    }
    const [held] = await tx
      .select({ n: count() })
      .from(workTaskReportFiles)
      .where(eq(workTaskReportFiles.reportId, reportId));
    if ((held?.n ?? 0) >= FILES_PER_REPORT) {
      throw new AppError(AppErrorCode.Conflict, '证明材料数量已达上限', [
        { path: 'file', message: `每份进展最多 ${FILES_PER_REPORT} 个文件` },
      ]);
    }
    const sha256 = createHash('sha256').update(input.data).digest('hex');
    const at = deps.clock();
    const [row] = await tx
      .insert(workTaskReportFiles)
      .values({
        reportId,
        fileName: cleanFileName(input.fileName),
        contentType,
        sizeBytes: input.data.length,
        sha256,
        content: input.data,
        uploadedBy: principal.userId,
        uploadedAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      throw new AppError(AppErrorCode.Conflict, '同一文件已上传', [
        { path: 'file', message: `SHA-256 ${sha256} 已附于该进展`, value: input.fileName },
      ]);
    }
    const after = presentFile(row);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.task.evidence_added',
      entityId: taskId,
      after,
    });
    return after;
  });
}

/** One file with its content, when the caller may see its task. */
export async function getReportEvidence(
  deps: ServiceDeps,
  principal: Principal,
  taskId: string,
  fileId: string,
) {
  await getTask(deps, principal, taskId);
  const [row] = await deps.db
    .select({ file: workTaskReportFiles })
    .from(workTaskReportFiles)
    .innerJoin(workTaskReports, eq(workTaskReports.id, workTaskReportFiles.reportId))
    .where(and(eq(workTaskReportFiles.id, fileId), eq(workTaskReports.taskId, taskId)));
  if (!row) {
    throw notFound('work_task_file', fileId);
  }
  return { ...presentFile(row.file), content: row.file.content };
}
