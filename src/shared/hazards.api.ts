/**
 * @module Endpoint contracts of the major-hazard ledger (server: modules/hazards/hazard.routes.ts): the
 * criteria catalogue, hazards and the steps of their loop, evidence uploads, the dashboard summary and
 * the dynamic analysis, and the two periodic inspections. Evidence files and the analysis workbook are
 * downloads, not contracts.
 */
import { z } from 'zod';
import { HazardInvestigationResponse } from './hazard-investigation.ts';
import { endpoint } from './api.contract.ts';
import { HazardAnalysis } from './hazard-analysis.schemas.ts';
import {
  AttachmentResponse,
  ClosureCandidate,
  CriterionResponse,
  HazardDetailResponse,
  HazardPage,
  HazardResponse,
  HazardStandardResponse,
  HazardSummary,
  MissingReport,
  SelfInspectionReportResponse,
} from './hazard.schemas.ts';

const SelfInspectionReports = z.array(SelfInspectionReportResponse);
const MissingReports = z.array(MissingReport);

export const hazardsApi = {
  /** The versions of the determination standards. */
  standards: endpoint('GET', '/api/hazard-standards', z.array(HazardStandardResponse)),
  createStandard: endpoint('POST', '/api/hazard-standards', HazardStandardResponse, 201),
  /** A standard's criteria, optionally for one mine kind. */
  criteria: endpoint('GET', '/api/hazard-standards/:id/criteria', z.array(CriterionResponse)),
  list: endpoint('GET', '/api/hazards', HazardPage),
  summary: endpoint('GET', '/api/hazards/summary', HazardSummary),
  analysis: endpoint('GET', '/api/hazards/analysis', HazardAnalysis),
  closureCandidates: endpoint('GET', '/api/hazards/closure-candidates', z.array(ClosureCandidate)),
  report: endpoint('POST', '/api/hazards', HazardResponse, 201),
  /** A hazard with its criterion, 五落实 plan, evidence and whole timeline. */
  get: endpoint('GET', '/api/hazards/:id', HazardDetailResponse),
  /** Uploads an evidence file (multipart field `file`, query `purpose`). */
  addAttachment: endpoint('POST', '/api/hazards/:id/attachments', AttachmentResponse, 201),
  /** 五落实 → 治理中. */
  plan: endpoint('POST', '/api/hazards/:id/plan', HazardResponse),
  /** 提交整改 → 待验收. */
  submit: endpoint('POST', '/api/hazards/:id/submit', HazardResponse),
  /** 验收通过 → 已销号. */
  accept: endpoint('POST', '/api/hazards/:id/accept', HazardResponse),
  /** 验收不通过 → 治理中. */
  reject: endpoint('POST', '/api/hazards/:id/reject', HazardResponse),
  supervise: endpoint('POST', '/api/hazards/:id/supervise', HazardResponse),
  /** A hazard's investigation and its 倒查 list (issue 24; regulators). */
  investigation: endpoint('GET', '/api/hazards/:id/investigation', HazardInvestigationResponse),
  openInvestigation: endpoint(
    'POST',
    '/api/hazards/:id/investigation',
    HazardInvestigationResponse,
    201,
  ),
  concludeInvestigation: endpoint(
    'POST',
    '/api/hazards/:id/investigation/conclusion',
    HazardInvestigationResponse,
  ),
  suspendMine: endpoint('POST', '/api/hazards/:id/suspend-mine', HazardResponse),
  fileSelfInspection: endpoint(
    'POST',
    '/api/self-inspection-reports',
    SelfInspectionReportResponse,
    201,
  ),
  selfInspections: endpoint('GET', '/api/self-inspection-reports', SelfInspectionReports),
  missingSelfInspections: endpoint('GET', '/api/self-inspection-reports/missing', MissingReports),
  fileParentInspection: endpoint(
    'POST',
    '/api/parent-inspections',
    SelfInspectionReportResponse,
    201,
  ),
  parentInspections: endpoint('GET', '/api/parent-inspections', SelfInspectionReports),
  missingParentInspections: endpoint('GET', '/api/parent-inspections/missing', MissingReports),
};
