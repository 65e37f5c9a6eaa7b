/**
 * @module Endpoint contracts of 应急准备与培训 (server: modules/emergency/emergency.routes.ts): a mine's
 * registers, each kind of record (every write answers the mine's registers as they now stand), the
 * findings of a jurisdiction, and the 逢查必考 results of an inspection.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  EmergencyFindingResponse,
  EmergencyRegisterResponse,
  ExamResponse,
} from './emergency.schemas.ts';

export const emergencyApi = {
  /** A mine's registers with its findings today. */
  register: endpoint('GET', '/api/emergency/register', EmergencyRegisterResponse),
  /** Mines with an out-of-date register (预案, 演练, 反风, 救护协议, 自救器, 培训, 两单两卡). */
  findings: endpoint('GET', '/api/emergency/findings', z.array(EmergencyFindingResponse)),
  recordPlan: endpoint('POST', '/api/emergency/plans', EmergencyRegisterResponse, 201),
  recordDrill: endpoint('POST', '/api/emergency/drills', EmergencyRegisterResponse, 201),
  recordRescue: endpoint(
    'POST',
    '/api/emergency/rescue-agreements',
    EmergencyRegisterResponse,
    201,
  ),
  recordTraining: endpoint('POST', '/api/emergency/trainings', EmergencyRegisterResponse, 201),
  recordSelfRescue: endpoint('POST', '/api/emergency/self-rescue', EmergencyRegisterResponse, 201),
  recordPostCard: endpoint('POST', '/api/emergency/post-cards', EmergencyRegisterResponse, 201),
  /** The 逢查必考 results of an inspection. */
  exams: endpoint('GET', '/api/inspections/:id/exams', z.array(ExamResponse)),
  recordExams: endpoint('POST', '/api/inspections/:id/exams', z.array(ExamResponse), 201),
};
