/**
 * @module Endpoint contracts of the major-hazard ledger (server: modules/hazards/hazard.routes.ts).
 */
import { endpoint } from './api.contract.ts';
import { HazardDetailResponse } from './hazard.schemas.ts';

export const hazardsApi = {
  /** A hazard with its criterion, 五落实 plan, evidence and whole timeline. */
  get: endpoint('GET', '/api/hazards/:id', HazardDetailResponse),
};
