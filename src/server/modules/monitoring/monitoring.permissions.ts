/**
 * @module The permissions of monitoring and alarms and the roles that hold them (within their jurisdiction;
 * scoping is separate). The system admin holds every permission but a gateway's.
 */
import type { RoleGrants } from '../../platform/auth/permissions.ts';

export const MonitoringPermission = {
  Ingest: 'monitoring.ingest',
  Read: 'monitoring.read',
  /** Facilities, sensors, thresholds and maintenance windows. */
  Manage: 'monitoring.manage',
  /** 叫应 acknowledgement, 回应, 响应 and closing alarms. */
  AlarmHandle: 'monitoring.alarm.handle',
} as const;

/** Which roles hold which of these permissions. */
export const monitoringGrants: RoleGrants = {
  regulator_viewer: [MonitoringPermission.Read],
  inspector: [MonitoringPermission.Read, MonitoringPermission.AlarmHandle],
  regulator_admin: [
    MonitoringPermission.Read,
    MonitoringPermission.Manage,
    MonitoringPermission.AlarmHandle,
  ],
  enterprise_admin: [
    MonitoringPermission.Read,
    MonitoringPermission.Manage,
    MonitoringPermission.AlarmHandle,
  ],
  safety_officer: [
    MonitoringPermission.Read,
    MonitoringPermission.Manage,
    MonitoringPermission.AlarmHandle,
  ],
  mine_duty_officer: [MonitoringPermission.Read, MonitoringPermission.AlarmHandle],
};
