/**
 * @module Endpoint contracts of risk monitoring (server: modules/monitoring/monitoring.routes.ts):
 * facilities, sensors and their thresholds, a sensor's chart, alarms and their 叫应/回应/响应 steps,
 * maintenance windows, the one-time acknowledgement and the gateways' ingest. The acknowledgement page
 * (`/ack/:token`) is HTML, not a contract.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  AlarmAckResponse,
  AlarmDetailResponse,
  AlarmResponse,
  AlarmSummaryResponse,
  FacilityResponse,
  IngestReport,
  MaintenanceResponse,
  SensorImportResponse,
  SensorReadingsResponse,
  SensorResponse,
} from './monitoring.schemas.ts';

export const monitoringApi = {
  /** Facilities with their rolled-up warning colour. */
  facilities: endpoint('GET', '/api/monitoring/facilities', z.array(FacilityResponse)),
  createFacility: endpoint('POST', '/api/monitoring/facilities', FacilityResponse, 201),
  sensors: endpoint('GET', '/api/monitoring/sensors', z.array(SensorResponse)),
  createSensor: endpoint('POST', '/api/monitoring/sensors', SensorResponse, 201),
  /** Imports a mine's sensors from a CSV/xlsx file (multipart field `file`). */
  importSensors: endpoint('POST', '/api/monitoring/mines/:id/sensors/import', SensorImportResponse),
  sensor: endpoint('GET', '/api/monitoring/sensors/:id', SensorResponse),
  updateSensorSpec: endpoint('PUT', '/api/monitoring/sensors/:id/spec', SensorResponse),
  /** A sensor's readings (raw or 5-minute statistics) with its thresholds and alarms. */
  readings: endpoint('GET', '/api/monitoring/sensors/:id/readings', SensorReadingsResponse),
  alarms: endpoint('GET', '/api/alarms', z.array(AlarmResponse)),
  alarmSummary: endpoint('GET', '/api/alarms/summary', AlarmSummaryResponse),
  alarm: endpoint('GET', '/api/alarms/:id', AlarmDetailResponse),
  /** 叫应. */
  acknowledge: endpoint('POST', '/api/alarms/:id/acknowledge', AlarmDetailResponse),
  /** 回应. */
  respond: endpoint('POST', '/api/alarms/:id/respond', AlarmDetailResponse),
  /** 响应 (停产撤人 …). */
  recordResponse: endpoint('POST', '/api/alarms/:id/response', AlarmDetailResponse),
  close: endpoint('POST', '/api/alarms/:id/close', AlarmDetailResponse),
  maintenance: endpoint('GET', '/api/monitoring/maintenance', z.array(MaintenanceResponse)),
  createMaintenance: endpoint('POST', '/api/monitoring/maintenance', MaintenanceResponse, 201),
  cancelMaintenance: endpoint(
    'POST',
    '/api/monitoring/maintenance/:id/cancel',
    MaintenanceResponse,
  ),
  /** 叫应 through the token of a one-time link, without signing in. */
  acknowledgeByToken: endpoint('POST', '/api/alarm-ack', AlarmAckResponse),
  /** Readings from a gateway (gateway token; JSON, NDJSON or CSV body). */
  ingest: endpoint('POST', '/api/ingest/readings', IngestReport),
};
