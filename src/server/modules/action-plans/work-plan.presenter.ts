/** @module Plan, task, progress and evidence-file rows → API shapes (issue 8 §1). */
import { TaskState } from '../../../shared/action-plans.enums.ts';
import type {
  TaskFileResponse,
  TaskProgressResponse,
  WorkPlanResponse,
  WorkTaskResponse,
} from '../../../shared/action-plans.schemas.ts';
import type { TaskFileMeta, TaskProgressRow } from './task-progress.repository.ts';
import type { WorkPlanRow, WorkTaskRow } from './work-plan.repository.ts';

/** Unit names by id, for the lead and co-units of tasks and the units that reported progress. */
export type UnitNames = ReadonlyMap<string, string>;

/** A task's state from its progress (pure): done at 100 %, in progress once any was reported. */
export function taskState(t: { percent: number; progressCount: number }): TaskState {
  return t.percent >= 100
    ? TaskState.Done
    : t.progressCount > 0
      ? TaskState.InProgress
      : TaskState.NotStarted;
}

export function presentPlan(p: WorkPlanRow): WorkPlanResponse {
  return {
    id: p.id,
    organisationId: p.organisationId,
    regionCode: p.regionCode,
    title: p.title,
    fromYear: p.fromYear,
    toYear: p.toYear,
    source: p.source,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
  };
}

/** A task with its units' names, its state, and whether it is overdue on `today`. */
export function presentTask(t: WorkTaskRow, units: UnitNames, today: string): WorkTaskResponse {
  const state = taskState(t);
  return {
    id: t.id,
    planId: t.planId,
    number: t.number,
    content: t.content,
    leadUnitId: t.leadUnitId,
    leadUnitName: units.get(t.leadUnitId) ?? t.leadUnitId,
    coUnitIds: t.coUnitIds,
    coUnitNames: t.coUnitIds.map((u) => units.get(u) ?? u),
    deadline: t.deadline,
    target: t.target,
    kind: t.kind,
    percent: t.percent,
    progressCount: t.progressCount,
    state,
    overdue: Boolean(t.deadline && t.deadline < today && state !== TaskState.Done),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
  };
}

export function presentTaskFile(f: TaskFileMeta): TaskFileResponse {
  return {
    id: f.id,
    progressId: f.progressId,
    fileName: f.fileName,
    contentType: f.contentType,
    sizeBytes: f.sizeBytes,
    sha256: f.sha256,
    uploadedAt: f.uploadedAt.toISOString(),
  };
}

/** One progress report with its unit's name and its files. */
export function presentProgress(
  r: TaskProgressRow,
  units: UnitNames,
  files: readonly TaskFileMeta[],
): TaskProgressResponse {
  return {
    id: r.id,
    taskId: r.taskId,
    text: r.text,
    percent: r.percent,
    organisationId: r.organisationId,
    unitName: units.get(r.organisationId) ?? '',
    reportedBy: r.reportedBy,
    reportedLabel: r.reportedLabel,
    reportedAt: r.reportedAt.toISOString(),
    files: files.filter((f) => f.progressId === r.id).map(presentTaskFile),
  };
}
