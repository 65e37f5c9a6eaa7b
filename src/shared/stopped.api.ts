/** @module Endpoint contracts of the stopped-mines loop (server: modules/stopped/stopped.routes.ts). */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  DeclarationResponse,
  PatrolResponse,
  RectificationPlanResponse,
  WardenResponse,
} from './stopped.schemas.ts';

export const stoppedApi = {
  /** A stopped mine files its 整改方案. */
  filePlan: endpoint('POST', '/api/stopped/plans', RectificationPlanResponse, 201),
  /** 整改方案 of the mines in the caller's jurisdiction. */
  listPlans: endpoint('GET', '/api/stopped/plans', z.array(RectificationPlanResponse)),
  /** A stopped mine declares work in advance. */
  declare: endpoint('POST', '/api/stopped/declarations', DeclarationResponse, 201),
  listDeclarations: endpoint('GET', '/api/stopped/declarations', z.array(DeclarationResponse)),
  getDeclaration: endpoint('GET', '/api/stopped/declarations/:id', DeclarationResponse),
  /** A regulator of the mine's region rejects a declaration with a reason. */
  rejectDeclaration: endpoint('POST', '/api/stopped/declarations/:id/reject', DeclarationResponse),
  /** 包保责任人: who answers for which stopped mine. */
  assignWarden: endpoint('POST', '/api/stopped/wardens', WardenResponse, 201),
  listWardens: endpoint('GET', '/api/stopped/wardens', z.array(WardenResponse)),
  /** A 驻矿盯守 / 巡查 visit. */
  recordPatrol: endpoint('POST', '/api/stopped/patrols', PatrolResponse, 201),
  listPatrols: endpoint('GET', '/api/stopped/patrols', z.array(PatrolResponse)),
  /** A photo of a visit (multipart field file; JPEG/PNG/WebP), by the official who made it. */
  addPatrolPhoto: endpoint('POST', '/api/stopped/patrols/:id/photos', PatrolResponse, 201),
};
