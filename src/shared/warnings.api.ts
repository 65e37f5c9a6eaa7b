/** @module Endpoint contracts of regulators' warnings (server: modules/warnings/warning.routes.ts). */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  WarningCallResponse,
  WarningCallWithWarning,
  WarningDetailResponse,
  WarningResponse,
} from './warnings.schemas.ts';

export const warningsApi = {
  /** A regulator issues a warning to the mines of a region in its jurisdiction. */
  issue: endpoint('POST', '/api/warnings', WarningDetailResponse, 201),
  /** Warnings with a call to a mine the caller may see, newest first. */
  list: endpoint('GET', '/api/warnings', z.array(WarningResponse)),
  /** A warning with its calls to the mines the caller may see. */
  get: endpoint('GET', '/api/warnings/:id', WarningDetailResponse),
  /** The calls to the caller's mines, with their warnings (open ones with ?open=true). */
  calls: endpoint('GET', '/api/warnings/calls', z.array(WarningCallWithWarning)),
  /** The mine acknowledges the call (叫应). */
  acknowledge: endpoint('POST', '/api/warnings/calls/:id/acknowledge', WarningCallResponse),
  /** The mine reports its response: people withdrawn, when, measures (回应). */
  respond: endpoint('POST', '/api/warnings/calls/:id/respond', WarningCallResponse),
};
