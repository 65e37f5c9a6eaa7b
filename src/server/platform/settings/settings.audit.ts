/**
 * @module The audit events of the rule parameters, `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction). Stored JSON outlives
 * the code: changing the shape of a stored event needs a migration or a new event type.
 */
import type { AuditEventCatalogue } from '../audit/audit.events.ts';
import { auditRecorder } from '../audit/audit.service.ts';

export const settingsAuditEvents = {
  /** A rule parameter was changed. */
  'settings.setting.updated': 'setting',
} as const satisfies AuditEventCatalogue;

/** Appends settings events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(settingsAuditEvents);
