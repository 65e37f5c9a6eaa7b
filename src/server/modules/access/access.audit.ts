/**
 * @module The audit events of access (users and API tokens), `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction). Stored JSON outlives
 * the code: changing the shape of a stored event needs a migration or a new event type.
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const accessAuditEvents = {
  /** A user account was created. */
  'access.user.created': 'user',
  /** A user's name, role, organisation, mine or e-mail was changed. */
  'access.user.updated': 'user',
  /** An account was disabled (its sessions ended). */
  'access.user.disabled': 'user',
  /** A disabled account was enabled again. */
  'access.user.enabled': 'user',
  /** A user's password was reset to a temporary one (the password itself is never recorded). */
  'access.user.password_reset': 'user',
  /** An API token was issued. */
  'access.token.created': 'api_token',
  /** An API token was revoked. */
  'access.token.revoked': 'api_token',
} as const satisfies AuditEventCatalogue;

/** Appends access events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(accessAuditEvents);
