/** @module API shapes of regulators' warnings and their calls to mines (never raw rows). */
import type {
  WarningCallResponse,
  WarningCallWithWarning,
  WarningResponse,
} from '../../../shared/warnings.schemas.ts';
import type { WarningCallRow, WarningRow } from './warning.repository.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The headcount shown after an order: null when the mine sends no positioning data. */
export type Underground = WarningCallResponse['underground'];

export function presentCall(
  c: WarningCallRow,
  mine: { mineName: string; countyCode: string },
  stage: string,
  underground: Underground,
): WarningCallResponse {
  return {
    id: c.id,
    warningId: c.warningId,
    mineId: c.mineId,
    mineName: mine.mineName,
    countyCode: mine.countyCode,
    state: c.state,
    stage,
    escalatedAt: iso(c.escalatedAt),
    acknowledgedAt: iso(c.acknowledgedAt),
    acknowledgedBy: c.acknowledgedBy,
    respondedAt: iso(c.respondedAt),
    respondedBy: c.respondedBy,
    peopleWithdrawn: c.peopleWithdrawn,
    withdrawnAt: iso(c.withdrawnAt),
    measures: c.measures,
    underground,
  };
}

export function presentWarning(
  w: WarningRow,
  head: { issuedBy: string; issuingUnit: string },
  counts: { mines: number; acknowledged: number; responded: number; escalated: number },
): WarningResponse {
  return {
    id: w.id,
    kind: w.kind,
    title: w.title,
    content: w.content,
    regionCode: w.regionCode,
    mineKinds: w.mineKinds ?? null,
    issuedAt: w.issuedAt.toISOString(),
    issuedBy: head.issuedBy,
    issuingUnit: head.issuingUnit,
    ...counts,
  };
}

export function presentCallWithWarning(
  call: WarningCallResponse,
  w: WarningRow,
  issuingUnit: string,
): WarningCallWithWarning {
  return {
    ...call,
    kind: w.kind,
    title: w.title,
    content: w.content,
    issuedAt: w.issuedAt.toISOString(),
    issuingUnit,
  };
}
