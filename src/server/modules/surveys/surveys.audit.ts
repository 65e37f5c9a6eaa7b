/**
 * @module The audit events of 隐蔽致灾因素普查, `<module>.<entity>.<verb>` → the entity they are about,
 * and the recorder its use cases write them with (inside the change's transaction).
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const surveysAuditEvents = {
  /** A survey was filed with its factors, zones and the grade they set. */
  'surveys.survey.filed': 'hidden_hazard_survey',
  /** A report file was attached to a survey. */
  'surveys.survey.file_added': 'hidden_hazard_survey',
  /** A survey was reviewed: passed (the mine's grade set and published) or returned. */
  'surveys.survey.reviewed': 'hidden_hazard_survey',
  /** A mine without a survey in date climbed a rung of the escalation ladder. */
  'surveys.finding.escalated': 'mine',
} as const satisfies AuditEventCatalogue;

/** Appends survey events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(surveysAuditEvents);
