/**
 * @module Endpoint contracts of 企业主体责任 (server: modules/duty/duty.routes.ts): duty records, the
 * months against their minimum and the findings, and the 矿长安全生产记分 entries and totals.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  DutyMonthResponse,
  DutyRecordResponse,
  ScoreResponse,
  ScoreTotalResponse,
} from './duty.schemas.ts';

export const dutyApi = {
  /** Dated duty records of the caller's jurisdiction (or its own mines), newest first. */
  records: endpoint('GET', '/api/duty/records', z.array(DutyRecordResponse)),
  /** Files a dated duty record for a person of a mine. */
  fileRecord: endpoint('POST', '/api/duty/records', DutyRecordResponse, 201),
  /** Each leader's days in a month against the minimum of their role. */
  months: endpoint('GET', '/api/duty/months', z.array(DutyMonthResponse)),
  /** The closed months below a role's minimum (the findings on the ladder). */
  findings: endpoint('GET', '/api/duty/findings', z.array(DutyMonthResponse)),
  /** 矿长安全生产记分 entries of a year, newest first. */
  scores: endpoint('GET', '/api/duty/scores', z.array(ScoreResponse)),
  /** Gives a principal a 记分 entry (regulators). */
  fileScore: endpoint('POST', '/api/duty/scores', ScoreResponse, 201),
  /** Each principal's points in a year against the threshold. */
  scoreTotals: endpoint('GET', '/api/duty/score-totals', z.array(ScoreTotalResponse)),
};
