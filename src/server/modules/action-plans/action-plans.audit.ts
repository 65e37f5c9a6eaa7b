/**
 * @module The audit events of the 攻坚清单 plans, `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction). Stored JSON outlives
 * the code: changing the shape of a stored event needs a migration or a new event type.
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const plansAuditEvents = {
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
  /** An evidence file was attached to a progress report. */
  'plans.task.evidence_added': 'work_task',
  /** A periodic report was made and archived (by the scheduler or on demand). */
  'plans.report.generated': 'plan_report',
} as const satisfies AuditEventCatalogue;

/** Appends plans events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(plansAuditEvents);
