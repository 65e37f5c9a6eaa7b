/**
 * @module Maintenance window rows → the API's shape (also the `before`/`after` of its audit events).
 */
import type { MaintenanceResponse } from '../../../shared/monitoring.schemas.ts';
import type { MaintenanceRow } from './maintenance.repository.ts';

/** A maintenance window as the API shows it. */
export function presentMaintenance(w: MaintenanceRow): MaintenanceResponse {
  return {
    id: w.id,
    mineId: w.mineId,
    sensorId: w.sensorId,
    facilityId: w.facilityId,
    reason: w.reason,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    cancelledAt: w.cancelledAt?.toISOString() ?? null,
  };
}
