/**
 * @module The audit events of 企业主体责任, `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction).
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const dutyAuditEvents = {
  /** A dated duty record (带班下井, 现场履职, 在岗履职) was filed for a person. */
  'duty.record.filed': 'duty_record',
  /** A 矿长安全生产记分 entry was given a principal. */
  'duty.score.filed': 'duty_score',
  /** A month below a role's minimum climbed a rung of the escalation ladder. */
  'duty.finding.escalated': 'person',
} as const satisfies AuditEventCatalogue;

/** Appends duty events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(dutyAuditEvents);
