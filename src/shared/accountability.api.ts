/**
 * @module Endpoint contracts of accountability (问责闭环; server: modules/accountability/*.routes.ts):
 * accidents and their chain notices and 约谈, the qualification and contractor checks, and 举报 — the
 * public form and tracking (no login) and the regulators' cases. Photos are plain links, not contracts.
 */
import { z } from 'zod';
import {
  AccidentResponse,
  AccidentStatsResponse,
  AccidentSummaryResponse,
  MineComplianceResponse,
  PublicReportCountyResponse,
  PublicReportPhotoResponse,
  PublicReportReceiptResponse,
  PublicReportResponse,
  PublicReportSummaryResponse,
  PublicReportTrackingResponse,
  RegionComplianceResponse,
} from './accountability.schemas.ts';
import { endpoint } from './api.contract.ts';

export const accountabilityApi = {
  /** Accidents of the caller's jurisdiction (or its own mines), newest first. */
  accidents: endpoint('GET', '/api/accidents', z.array(AccidentSummaryResponse)),
  /** Files an accident: its grade, forced 停产整顿 and 约谈 follow from the figures. */
  reportAccident: endpoint('POST', '/api/accidents', AccidentResponse, 201),
  /** Accidents by year, kind, region and grade. */
  accidentStats: endpoint('GET', '/api/accidents/stats', AccidentStatsResponse),
  /** An accident with its chain of notices (迟报 flagged) and 约谈. */
  accident: endpoint('GET', '/api/accidents/:id', AccidentResponse),
  /** Records one step of the chain of notices (once per step). */
  recordChainNotice: endpoint('POST', '/api/accidents/:id/chain-notices', AccidentResponse),
  /** Records a 约谈 as held. */
  holdInterview: endpoint('POST', '/api/accidents/:id/interviews/:interviewId', AccidentResponse),
  /** 调查认定: finding, cause, responsible parties (issue 24). */
  accidentFinding: endpoint('POST', '/api/accidents/:id/finding', AccidentResponse),
  /** 挂牌督办: by which unit, by when. */
  superviseAccident: endpoint('POST', '/api/accidents/:id/supervise', AccidentResponse),
  /** 提级调查: to which level's unit, why. */
  escalateAccident: endpoint('POST', '/api/accidents/:id/escalate', AccidentResponse),
  /** 整改验收 (releases a fatal accident's hold on 复工复产). */
  acceptAccidentRectification: endpoint(
    'POST',
    '/api/accidents/:id/rectification',
    AccidentResponse,
  ),
  /** 结案 (after 调查认定). */
  closeAccident: endpoint('POST', '/api/accidents/:id/close', AccidentResponse),

  /** One mine's qualification and contractor findings on a date. */
  mineCompliance: endpoint('GET', '/api/mines/:id/compliance', MineComplianceResponse),
  /** The mines of a region with findings. */
  regionCompliance: endpoint('GET', '/api/compliance', RegionComplianceResponse),

  /** Files a 举报 (public): the answer is the tracking code and its secret. */
  submitPublicReport: endpoint('POST', '/api/public/reports', PublicReportReceiptResponse, 201),
  /** The counties a 举报 can be filed for (public). */
  publicReportCounties: endpoint(
    'GET',
    '/api/public/counties',
    z.array(PublicReportCountyResponse),
  ),
  /** The case behind a tracking code and its secret (public). */
  trackPublicReport: endpoint('POST', '/api/public/reports/track', PublicReportTrackingResponse),
  /** Adds a photo to a case not yet accepted (public; the secret in the x-report-secret header). */
  addPublicReportPhoto: endpoint(
    'POST',
    '/api/public/reports/:code/photos',
    PublicReportPhotoResponse,
    201,
  ),

  /** 举报 cases of the caller's jurisdiction. */
  publicReports: endpoint('GET', '/api/public-reports', z.array(PublicReportSummaryResponse)),
  /** A 举报 case (the reporter named only for the handling unit's administrators). */
  publicReport: endpoint('GET', '/api/public-reports/:id', PublicReportResponse),
  /** 受理 or 不予受理. */
  acceptPublicReport: endpoint('POST', '/api/public-reports/:id/accept', PublicReportResponse),
  /** 核实. */
  verifyPublicReport: endpoint('POST', '/api/public-reports/:id/verify', PublicReportResponse),
  /** 办理: links or makes the hazard, lead or inspection it becomes. */
  handlePublicReport: endpoint('POST', '/api/public-reports/:id/handle', PublicReportResponse),
  /** 反馈 to the reporter. */
  answerPublicReport: endpoint('POST', '/api/public-reports/:id/answer', PublicReportResponse),
  /** 奖励 (the handling unit's administrators). */
  rewardPublicReport: endpoint('POST', '/api/public-reports/:id/reward', PublicReportResponse),
  /** 追责: what was done about the people responsible (after 办理). */
  holdAccountable: endpoint('POST', '/api/public-reports/:id/accountability', PublicReportResponse),
};
