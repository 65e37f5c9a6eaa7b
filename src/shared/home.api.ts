/** @module Endpoint contract of the home page's summary (server: modules/home/home.routes.ts). */
import { endpoint } from './api.contract.ts';
import { HomeResponse } from './home.schemas.ts';

export const homeApi = {
  /** What needs the signed-in person now, for the home of their role (one request per home). */
  summary: endpoint('GET', '/api/home', HomeResponse),
};
