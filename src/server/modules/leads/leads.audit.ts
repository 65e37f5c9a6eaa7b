/**
 * @module The audit events of the multi-factor leads, `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction). Stored JSON outlives
 * the code: changing the shape of a stored event needs a migration or a new event type.
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const leadsAuditEvents = {
  /** The multi-factor comparison opened a lead (线索), with its evidence. */
  'leads.lead.detected': 'lead',
  /** A handling unit turned a verified 举报 into a lead for the mine (or added it to the open one). */
  'leads.lead.raised': 'lead',
  /** New evidence extended an open lead's window. */
  'leads.lead.extended': 'lead',
  /** A lead was assigned to an inspector for on-site checking (已指派). */
  'leads.lead.assigned': 'lead',
  /** The on-site result was recorded (已核查). */
  'leads.lead.verified': 'lead',
  /** A lead became a major hazard or an inspection finding. */
  'leads.lead.converted': 'lead',
  /** A lead was dismissed, with the reason. */
  'leads.lead.dismissed': 'lead',
  /** A meter was registered for imports of a mine's series. */
  'leads.meter.created': 'mine_meter',
  /** A meter was taken out of use. */
  'leads.meter.archived': 'mine_meter',
  /** An underground area was registered (采掘工作面 or another area). */
  'leads.area.created': 'mine_area',
  /** An area's kind or state changed (e.g. a face sealed). */
  'leads.area.updated': 'mine_area',
  /** A file of meter readings was imported (file digest, rows, meters, periods). */
  'leads.series.imported': 'series_import',
} as const satisfies AuditEventCatalogue;

/** Appends leads events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(leadsAuditEvents);
