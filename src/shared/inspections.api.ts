/**
 * @module Endpoint contracts of enforcement (执法; server: modules/inspections/*\/*.routes.ts): risk
 * classes, yearly inspection schedules, inspection records, penalties, documents and statistics.
 * Downloads (photos, document PDFs, the typical-cases export) are plain links, not contracts.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  CrossArrangementMineResponse,
  CrossArrangementResponse,
} from './inspection-cross.schemas.ts';
import {
  DocumentDiffResponse,
  DocumentResponse,
  ReceivedDocumentResponse,
} from './inspection-documents.schemas.ts';
import {
  MineRiskClassResponse,
  SchedulePreviewResponse,
  ScheduleResponse,
  ScheduleSummaryResponse,
} from './inspection-schedules.schemas.ts';
import { EnforcementStatsResponse } from './inspection-stats.schemas.ts';
import {
  EligibleInspectorResponse,
  InspectionListResponse,
  InspectionResponse,
  PenaltyListResponse,
  PenaltyResponse,
} from './inspections.schemas.ts';

export const inspectionsApi = {
  /** The mines' risk classes with the reasons behind each score. */
  riskClasses: endpoint('GET', '/api/inspections/risk', z.array(MineRiskClassResponse)),

  /** A yearly schedule previewed within the unit's capacity (nothing stored). */
  previewSchedule: endpoint('POST', '/api/inspection-schedules/preview', SchedulePreviewResponse),
  /** Generates and stores the caller's unit's yearly schedule. */
  saveSchedule: endpoint('POST', '/api/inspection-schedules', ScheduleResponse, 201),
  /** Schedules of the units in the caller's jurisdiction. */
  listSchedules: endpoint('GET', '/api/inspection-schedules', z.array(ScheduleSummaryResponse)),
  /** A schedule with every planned visit. */
  getSchedule: endpoint('GET', '/api/inspection-schedules/:id', ScheduleResponse),

  listInspections: endpoint('GET', '/api/inspections', InspectionListResponse),
  /** The regulator users a team may be formed from for a mine. */
  eligibleInspectors: endpoint(
    'GET',
    '/api/inspections/eligible-inspectors',
    z.array(EligibleInspectorResponse),
  ),
  createInspection: endpoint('POST', '/api/inspections', InspectionResponse, 201),
  getInspection: endpoint('GET', '/api/inspections/:id', InspectionResponse),
  updateInspection: endpoint('PATCH', '/api/inspections/:id', InspectionResponse),
  addFinding: endpoint('POST', '/api/inspections/:id/findings', InspectionResponse, 201),
  /** Multipart upload (field `file`), answered with the inspection. */
  addPhoto: endpoint('POST', '/api/inspections/:id/photos', InspectionResponse, 201),
  suspendMine: endpoint('POST', '/api/inspections/:id/suspension', InspectionResponse, 201),
  decideResumption: endpoint('POST', '/api/inspection-orders/:id/acceptance', InspectionResponse),
  recordRecheck: endpoint('POST', '/api/inspections/:id/recheck', InspectionResponse),
  markTypical: endpoint('PUT', '/api/inspections/:id/typical', InspectionResponse),

  listPenalties: endpoint('GET', '/api/penalties', PenaltyListResponse),
  decidePenalty: endpoint('POST', '/api/penalties', PenaltyResponse, 201),
  getPenalty: endpoint('GET', '/api/penalties/:id', PenaltyResponse),
  updatePenalty: endpoint('PATCH', '/api/penalties/:id', PenaltyResponse),

  createDocument: endpoint('POST', '/api/documents', DocumentResponse, 201),
  getDocument: endpoint('GET', '/api/documents/:id', DocumentResponse),
  reviseDocument: endpoint('PUT', '/api/documents/:id', DocumentResponse),
  documentDiff: endpoint('GET', '/api/documents/:id/diff', DocumentDiffResponse),
  signDocument: endpoint('POST', '/api/documents/:id/signatures', DocumentResponse, 201),
  /** Documents issued to the caller's enterprise's mines. */
  receivedDocuments: endpoint('GET', '/api/received-documents', z.array(ReceivedDocumentResponse)),

  stats: endpoint('GET', '/api/inspections/stats', EnforcementStatsResponse),

  /** 异地交叉执法: an arrangement of the caller's unit as the common superior. */
  createCrossArrangement: endpoint('POST', '/api/cross-inspections', CrossArrangementResponse, 201),
  /** Arrangements made in the caller's jurisdiction, and those in force with the caller in their pool. */
  listCrossArrangements: endpoint(
    'GET',
    '/api/cross-inspections',
    z.array(CrossArrangementResponse),
  ),
  getCrossArrangement: endpoint('GET', '/api/cross-inspections/:id', CrossArrangementResponse),
  /** The mines its members may inspect (in its period only). */
  crossArrangementMines: endpoint(
    'GET',
    '/api/cross-inspections/:id/mines',
    z.array(CrossArrangementMineResponse),
  ),
  /** Ends it from today on, with a reason. */
  endCrossArrangement: endpoint('POST', '/api/cross-inspections/:id/end', CrossArrangementResponse),
};
