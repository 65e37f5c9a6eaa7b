/**
 * @module Evidence files of a task's progress (issue 8 §1): photos or PDFs of what was done, accepted
 * by their content like hazard evidence, attached by the unit that reported the progress, and served
 * to whoever may see the task.
 */
import { createHash } from 'node:crypto';
import type { TaskFileResponse } from '../../../shared/action-plans.schemas.ts';
import { recordAudit } from './action-plans.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { acceptEvidenceFile, cleanFileName } from '../hazards/evidence.service.ts';
import * as repo from './task-progress.repository.ts';
import { presentTaskFile } from './work-plan.presenter.ts';
import { loadTask } from './work-plan.service.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';

/** Files one progress report may hold. */
export const FILES_PER_PROGRESS = 10;

/** Attaches a file to the caller's unit's progress on a task. */
export async function addProgressFile(
  deps: ServiceDeps,
  principal: Principal,
  taskId: string,
  progressId: string,
  input: { fileName: string; data: Buffer },
): Promise<TaskFileResponse> {
  requirePermission(principal, ActionPlanPermission.Progress);
  const contentType = acceptEvidenceFile(input);
  return deps.db.transaction(async (tx) => {
    await loadTask(tx, principal, taskId);
    const progress = await repo.findProgress(tx, taskId, progressId);
    if (!progress) {
      throw notFound('work_task_report', progressId);
    }
    if (progress.organisationId !== principal.organisationId) {
      throw new AppError(AppErrorCode.Forbidden, '只有报送该进展的单位可以附加证明材料');
    }
    if ((await repo.countFilesOfProgress(tx, progressId)) >= FILES_PER_PROGRESS) {
      throw new AppError(AppErrorCode.Conflict, '证明材料数量已达上限', [
        { path: 'file', message: `每份进展最多 ${FILES_PER_PROGRESS} 个文件` },
      ]);
    }
    const sha256 = createHash('sha256').update(input.data).digest('hex');
    const at = deps.clock();
    const row = await repo.insertFileOnce(tx, {
      progressId,
      fileName: cleanFileName(input.fileName),
      contentType,
      sizeBytes: input.data.length,
      sha256,
      content: input.data,
      uploadedBy: principal.userId,
      uploadedAt: at,
    });
    if (!row) {
      throw new AppError(AppErrorCode.Conflict, '同一文件已上传', [
        { path: 'file', message: `SHA-256 ${sha256} 已附于该进展`, value: input.fileName },
      ]);
    }
    const file = presentTaskFile(row);
    const { progressId: reportId, ...stored } = file;
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.task.evidence_added',
      entityId: taskId,
      // The event's payload keeps the key it was first stored with.
      after: { ...stored, reportId },
    });
    return file;
  });
}

/** One file with its content, when the caller may see its task. */
export async function getProgressFile(
  deps: ServiceDeps,
  principal: Principal,
  taskId: string,
  fileId: string,
) {
  requirePermission(principal, ActionPlanPermission.Read);
  await loadTask(deps.db, principal, taskId);
  const row = await repo.findFileOfTask(deps.db, taskId, fileId);
  if (!row) {
    throw notFound('work_task_file', fileId);
  }
  return { ...presentTaskFile(row), content: row.content };
}
