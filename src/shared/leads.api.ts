/**
 * @module Endpoint contracts of the leads module (server: modules/leads/leads.routes.ts): leads and
 * their steps, the dashboard summary, a mine's multi-factor series, meters, registered areas and the
 * import of meter exports. The lead exports (xlsx) are downloads, not contracts.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import { pageOf } from './common.schemas.ts';
import {
  AreaResponse,
  LeadAssigneeResponse,
  LeadDetailResponse,
  LeadResponse,
  LeadSummaryResponse,
  MeterResponse,
  SeriesImportResponse,
  SeriesResponse,
} from './leads.schemas.ts';

export const leadsApi = {
  list: endpoint('GET', '/api/leads', pageOf(LeadResponse)),
  summary: endpoint('GET', '/api/leads/summary', LeadSummaryResponse),
  /** A lead with its evidence (the breaches) and its steps. */
  get: endpoint('GET', '/api/leads/:id', LeadDetailResponse),
  /** The inspectors the lead may be assigned to. */
  assignees: endpoint('GET', '/api/leads/:id/assignees', z.array(LeadAssigneeResponse)),
  assign: endpoint('POST', '/api/leads/:id/assign', LeadResponse),
  verify: endpoint('POST', '/api/leads/:id/verify', LeadResponse),
  convert: endpoint('POST', '/api/leads/:id/convert', LeadResponse),
  dismiss: endpoint('POST', '/api/leads/:id/dismiss', LeadResponse),
  /** A mine's multi-factor series (per hour or day) with its status changes. */
  mineSeries: endpoint('GET', '/api/mines/:id/series', SeriesResponse),
  meters: endpoint('GET', '/api/mines/:id/meters', z.array(MeterResponse)),
  addMeter: endpoint('POST', '/api/mines/:id/meters', MeterResponse, 201),
  areas: endpoint('GET', '/api/mines/:id/areas', z.array(AreaResponse)),
  addArea: endpoint('POST', '/api/mines/:id/areas', AreaResponse, 201),
  updateArea: endpoint('PATCH', '/api/areas/:id', AreaResponse),
  /** Imports a meter export (multipart field `file`: 表号, 时段, 数值). */
  importSeries: endpoint('POST', '/api/series/import', SeriesImportResponse),
};
