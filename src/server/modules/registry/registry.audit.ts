/**
 * @module The audit events of the registry, `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction). Stored JSON outlives
 * the code: changing the shape of a stored event needs a migration or a new event type.
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const registryAuditEvents = {
  /** An enterprise was registered. */
  'registry.enterprise.created': 'enterprise',
  /** An enterprise's facts were edited. */
  'registry.enterprise.updated': 'enterprise',
  /** An enterprise was archived (hidden from lists, kept for history). */
  'registry.enterprise.archived': 'enterprise',
  /** A mine was registered, by hand or by import. */
  'registry.mine.created': 'mine',
  /** A mine's facts were edited. */
  'registry.mine.updated': 'mine',
  /** A mine's status changed (建设/生产/停产整顿/停工停产/关闭), with the reason. */
  'registry.mine.status_changed': 'mine',
  /** A mine was archived. */
  'registry.mine.archived': 'mine',
  /** A licence was added to a mine. */
  'registry.licence.created': 'licence',
  /** A licence was edited (e.g. renewed). */
  'registry.licence.updated': 'licence',
  /** A licence was archived. */
  'registry.licence.archived': 'licence',
  /** A person was added to a mine. */
  'registry.person.created': 'person',
  /** A person's facts or certificates changed. */
  'registry.person.updated': 'person',
  /** A person left the mine. */
  'registry.person.archived': 'person',
  /** A contractor was engaged. */
  'registry.contractor.created': 'contractor',
  /** A contractor's engagement was edited. */
  'registry.contractor.updated': 'contractor',
  /** A contractor's engagement was archived. */
  'registry.contractor.archived': 'contractor',
  /** A contractor's project staff member was registered (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条). */
  'registry.contractorStaff.created': 'contractor_staff',
  /** A contractor's project staff member was edited. */
  'registry.contractorStaff.updated': 'contractor_staff',
  /** A contractor's project staff member left (archived). */
  'registry.contractorStaff.archived': 'contractor_staff',
} as const satisfies AuditEventCatalogue;

/** Appends registry events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(registryAuditEvents);
