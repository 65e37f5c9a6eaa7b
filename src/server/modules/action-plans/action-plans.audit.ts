/**
 * @module The audit events of the 攻坚清单, `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction). Stored JSON outlives
 * the code: changing the shape of a stored event needs a migration or a new event type, so the event
 * types, entity kinds and payload keys keep the names they were first stored with ('plans.…',
 * 'plan_report', a task's `reports` count).
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';
import type { WorkTaskRow } from './work-plan.repository.ts';

export const actionPlansAuditEvents = {
  /** A plan (攻坚清单) was created. */
  'plans.plan.created': 'work_plan',
  /** Tasks were imported from a 任务分解表. */
  'plans.plan.tasks_imported': 'work_plan',
  /** A task was added to a plan. */
  'plans.task.created': 'work_task',
  /** A task's content, units, deadline or target changed. */
  'plans.task.updated': 'work_task',
  /** A responsible unit reported progress. */
  'plans.task.reported': 'work_task',
  /** An overdue task took a step of the escalation ladder. */
  'plans.task.escalated': 'work_task',
  /** An evidence file was attached to a task's progress. */
  'plans.task.evidence_added': 'work_task',
  /** A periodic report was made and archived (by the scheduler or on demand). */
  'plans.report.generated': 'plan_report',
  /** An enterprise filed its progress report for a due date of the plan (原平四(六)). */
  'plans.enterprise_report.filed': 'plan_enterprise_report',
  /** A file was attached to an enterprise's progress report. */
  'plans.enterprise_report.file_added': 'plan_enterprise_report',
  /** A progress report missing after its due date took a rung of the ladder (the enterprise's id). */
  'plans.enterprise_report.escalated': 'enterprise',
} as const satisfies AuditEventCatalogue;

/** Appends the 攻坚清单's events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(actionPlansAuditEvents);

/** A task as its events store it (the progress count under its first name, `reports`). */
export function taskAuditRecord(t: WorkTaskRow) {
  const { progressCount, ...rest } = t;
  return { ...rest, reports: progressCount };
}
