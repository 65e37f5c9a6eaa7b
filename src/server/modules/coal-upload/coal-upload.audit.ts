/**
 * @module The audit events of the coal upload files, `<module>.<entity>.<verb>` → the entity they are
 * about, and the recorder its use cases write them with (inside the change's transaction). Changes that
 * come from a mine's own system (a 测点定义 file) are recorded under the gateway's actor, labelled with the
 * mine's 煤矿编码. Stored JSON outlives the code: changing the shape of a stored event needs a migration or
 * a new event type.
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const coalUploadAuditEvents = {
  /** A mine's system defined a new point (CDDY): its definition and its own thresholds. */
  'coal_upload.point.registered': 'coal_point',
  /** A mine's system changed a point's definition (type, unit, range, location, substation, 关联关系). */
  'coal_upload.point.updated': 'coal_point',
  /** A mine's system changed a point's own 报警/解报/断电/复电 values: a new threshold version. */
  'coal_upload.point.thresholds_changed': 'coal_point',
  /** Forwarding upward: a target named, changed or no longer named by the configuration (at start). */
  'coal_upload.forward_target.configured': 'coal_forward_target',
  /** Forwarding upward: the target refused a file for good (its reason kept; the file is not retried). */
  'coal_upload.forward.rejected': 'coal_file',
} as const satisfies AuditEventCatalogue;

/** Appends coal upload events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(coalUploadAuditEvents);
