/**
 * @module Evidence files of a task's progress (issue 8 §1): photos, PDFs or videos of what was done,
 * accepted by their content like hazard evidence (platform/files), attached by the unit that reported
 * the progress, and served to whoever may see the task.
 */
import type { TaskFileResponse } from '../../../shared/action-plans.schemas.ts';
import { recordAudit } from './action-plans.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import {
  acceptFile,
  evidencePolicy,
  storeFile,
  type FilePolicy,
} from '../../platform/files/files.ts';
import { taskProgressFiles } from './plan.table.ts';
import * as repo from './task-progress.repository.ts';
import { presentTaskFile } from './work-plan.presenter.ts';
import { loadTask } from './work-plan.service.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';

/** Files one progress report may hold. */
export const FILES_PER_PROGRESS = 10;

/** Evidence of progress: the hazard evidence types and size, called 证明材料 as on the task page. */
const progressEvidencePolicy: FilePolicy = { ...evidencePolicy, noun: '证明材料' };

/** Attaches a file to the caller's unit's progress on a task. */
export async function addProgressFile(
  deps: ServiceDeps,
  principal: Principal,
  taskId: string,
  progressId: string,
  input: { fileName: string; data: Buffer },
): Promise<TaskFileResponse> {
  requirePermission(principal, ActionPlanPermission.Progress);
  const accepted = acceptFile(progressEvidencePolicy, input);
  return deps.db.transaction(async (tx) => {
    await loadTask(tx, principal, taskId);
    const progress = await repo.findProgress(tx, taskId, progressId);
    if (!progress) {
      throw notFound('work_task_report', progressId);
    }
    if (progress.organisationId !== principal.organisationId) {
      throw new AppError(AppErrorCode.Forbidden, '只有报送该进展的单位可以附加证明材料');
    }
    const at = deps.clock();
    const row = await storeFile(
      tx,
      taskProgressFiles,
      progressEvidencePolicy,
      {
        column: taskProgressFiles.progressId,
        id: progressId,
        max: FILES_PER_PROGRESS,
        name: '份进展',
      },
      { ...accepted, progressId, uploadedBy: principal.userId, uploadedAt: at },
    );
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
