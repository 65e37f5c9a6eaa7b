/** @module Penalty rows → the API's penalty shape (src/shared/inspections.schemas.ts). */
import type { PenaltyResponse } from '../../../../shared/inspections.schemas.ts';
import type { PenaltyRow } from './penalty.repository.ts';

/** A penalty on one party, with whether the other party of 一案双罚 was penalised too. */
export function presentPenalty(r: PenaltyRow): PenaltyResponse {
  return {
    id: r.id,
    inspectionId: r.inspectionId,
    mineId: r.mineId,
    mineName: r.mineName,
    countyCode: r.countyCode,
    countyName: r.countyName,
    target: r.target,
    partyName: r.partyName,
    legalBasis: r.legalBasis,
    facts: r.facts,
    amountYuan: r.amountYuan,
    decidedOn: r.decidedOn,
    status: r.status,
    paidOn: r.paidOn,
    paidAmountYuan: r.paidAmountYuan,
    version: r.version,
    doublePenalty: r.doublePenalty,
  };
}
