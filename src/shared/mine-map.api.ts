/**
 * @module Endpoint contract of the mine map (server: modules/monitoring/mine-map.routes.ts).
 */
import { endpoint } from './api.contract.ts';
import { MineMapResponse } from './mine-map.schemas.ts';

export const mineMapApi = {
  /** The mines of the caller's jurisdiction (or a region in it) as points with their worst open alarm. */
  points: endpoint('GET', '/api/monitoring/mine-map', MineMapResponse),
};
