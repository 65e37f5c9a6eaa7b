/**
 * @module The audit events of monitoring and alarms, `<module>.<entity>.<verb>` → the entity they are about, and
 * the recorder its use cases write them with (inside the change's transaction). Stored JSON outlives
 * the code: changing the shape of a stored event needs a migration or a new event type.
 */
import type { AuditEventCatalogue } from '../../platform/audit/audit.events.ts';
import { auditRecorder } from '../../platform/audit/audit.service.ts';

export const monitoringAuditEvents = {
  /** A monitored facility was registered under a mine. */
  'monitoring.facility.created': 'monitoring_facility',
  /** A monitoring point was registered (by hand or by import), with its detection parameters. */
  'monitoring.sensor.created': 'sensor',
  /** A sensor's thresholds or detection parameters were changed (with the reason). */
  'monitoring.sensor.spec_changed': 'sensor',
  /** A sensor was taken out of service. */
  'monitoring.sensor.archived': 'sensor',
  /** A maintenance window was opened (calls suppressed, recording continues). */
  'monitoring.maintenance.created': 'maintenance_window',
  /** A maintenance window was ended early. */
  'monitoring.maintenance.cancelled': 'maintenance_window',
  /** An alarm was acknowledged (叫应确认). */
  'monitoring.alarm.acknowledged': 'alarm',
  /** What was checked on site was reported (回应). */
  'monitoring.alarm.responded': 'alarm',
  /** A 响应 record (停产撤人 …) was entered. */
  'monitoring.alarm.response_recorded': 'alarm',
  /** An alarm was closed by hand with a disposal note. */
  'monitoring.alarm.closed': 'alarm',
} as const satisfies AuditEventCatalogue;

/** Appends monitoring events to the trail inside the caller's transaction. */
export const recordAudit = auditRecorder(monitoringAuditEvents);
