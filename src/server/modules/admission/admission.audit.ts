/**
 * @module The audit events of 安全准入与分类处置, `<module>.<entity>.<verb>` → the entity they are about,
 * and the recorder its use cases write them with (inside the change's transaction).
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const admissionAuditEvents = {
  /** A mine was put on a 三个一批 list with its deadline. */
  'admission.disposal.listed': 'disposal_entry',
  /** A progress step was recorded on a list entry (the last one completes it). */
  'admission.disposal.stepped': 'disposal_entry',
  /** An overdue list entry climbed a rung of the escalation ladder. */
  'admission.disposal.escalated': 'disposal_entry',
  /** An application for 安全设施设计审查 and 安全生产许可 was filed. */
  'admission.permit.applied': 'permit_application',
  /** The 安全设施设计审查 was decided (approved with its 建设工期, or not). */
  'admission.permit.reviewed': 'permit_application',
  /** The construction period was extended (once, by at most 1 year). */
  'admission.permit.extended': 'permit_application',
  /** The 现场核查 was recorded (passed or not). */
  'admission.permit.site_checked': 'permit_application',
  /** The 安全生产许可证 was issued (the registry's licence created or renewed). */
  'admission.permit.issued': 'permit_application',
} as const satisfies AuditEventCatalogue;

/** Appends admission events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(admissionAuditEvents);
