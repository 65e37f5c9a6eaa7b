/**
 * @module Endpoint contracts of the acts of an overdue hazard's ladder steps (server:
 * modules/hazards/acts/acts.routes.ts): the steps with their acts, making an act, withdrawing an 曝光,
 * fulfilling a 约谈 commitment, and the public list of exposures.
 */
import { endpoint } from './api.contract.ts';
import { HazardActsResponse, PublicExposuresResponse } from './hazard-acts.schemas.ts';

export const hazardActsApi = {
  /** The hazard's act steps (函告, 通报, 约谈, 曝光): reached or not, and each act made. */
  list: endpoint('GET', '/api/hazards/:id/acts', HazardActsResponse),
  /** Makes the act of a reached step. */
  make: endpoint('POST', '/api/hazards/:id/acts', HazardActsResponse, 201),
  /** Withdraws an 曝光 with a reason (it leaves the public page; the audit trail keeps it). */
  withdrawExposure: endpoint(
    'POST',
    '/api/hazards/:id/exposures/:exposureId/withdraw',
    HazardActsResponse,
  ),
  /** Marks a 约谈 commitment fulfilled (it no longer climbs the ladder). */
  fulfilCommitment: endpoint(
    'POST',
    '/api/hazards/:id/commitments/:commitmentId/fulfil',
    HazardActsResponse,
  ),
  /** The exposures in force (public, no login). */
  publicExposures: endpoint('GET', '/api/public/exposures', PublicExposuresResponse),
};
