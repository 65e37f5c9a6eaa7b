/**
 * @module Endpoint contracts of open pits, dumps and tailings ponds (server: modules/pits-ponds/
 * pit-pond.routes.ts): the register's mines, records, findings and a pond's 闭库 with its steps.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  PitPondFindingResponse,
  PitPondMineResponse,
  PitPondRecordResponse,
  PondClosureResponse,
} from './pits-ponds.schemas.ts';

export const pitsPondsApi = {
  /** The open pits, dumps and ponds of the caller's jurisdiction, with the records each must keep. */
  mines: endpoint('GET', '/api/pits-ponds/mines', z.array(PitPondMineResponse)),
  /** Records of the caller's jurisdiction (or its own mines), newest first. */
  records: endpoint('GET', '/api/pits-ponds/records', z.array(PitPondRecordResponse)),
  /** Files a record for a mine. */
  fileRecord: endpoint('POST', '/api/pits-ponds/records', PitPondRecordResponse, 201),
  /** Missing or late records, radar offline, 闭库 not opened or late. */
  findings: endpoint('GET', '/api/pits-ponds/findings', z.array(PitPondFindingResponse)),
  /** The 闭库 of the caller's ponds. */
  closures: endpoint('GET', '/api/pits-ponds/closures', z.array(PondClosureResponse)),
  /** Opens a pond's 闭库. */
  openClosure: endpoint('POST', '/api/pits-ponds/closures', PondClosureResponse, 201),
  /** One 闭库 with its steps. */
  closure: endpoint('GET', '/api/pits-ponds/closures/:id', PondClosureResponse),
  /** Files the next step of a 闭库 (in order; 公告销号 by the regulator). */
  closureStep: endpoint('POST', '/api/pits-ponds/closures/:id/steps', PondClosureResponse),
};
