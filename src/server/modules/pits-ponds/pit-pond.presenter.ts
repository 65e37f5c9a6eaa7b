/** @module Pits-and-ponds rows → API shapes (rows never leave unpresented). */
import {
  nextStep,
  stepDue,
  type ClosureState,
  type PitPondRules,
} from '../../../shared/pits-ponds.ts';
import type {
  PitPondRecordResponse,
  PondClosureResponse,
} from '../../../shared/pits-ponds.schemas.ts';
import type { ClosureStepRow, pondClosures } from './pit-pond.table.ts';
import type { RecordRow } from './pit-pond.repository.ts';

export function presentRecord(r: RecordRow): PitPondRecordResponse {
  const x = r.record;
  return {
    id: x.id,
    mineId: x.mineId,
    mineName: r.mineName,
    countyName: r.countyName,
    kind: x.kind,
    slope: x.slope,
    recordedOn: x.recordedOn,
    document: x.document,
    note: x.note,
    filedBy: x.filedLabel,
  };
}

/** A 闭库 as the rules read it. */
export function closureState(c: { openedOn: string; steps: ClosureStepRow[] }): ClosureState {
  return {
    openedOn: c.openedOn,
    done: Object.fromEntries(c.steps.map((s) => [s.step, s.on])),
  };
}

export function presentClosure(
  r: { closure: typeof pondClosures.$inferSelect; mineName: string; countyName: string },
  rules: PitPondRules,
): PondClosureResponse {
  const c = r.closure;
  const state = closureState(c);
  return {
    id: c.id,
    mineId: c.mineId,
    mineName: r.mineName,
    countyName: r.countyName,
    reason: c.reason,
    openedOn: c.openedOn,
    note: c.note,
    openedBy: c.openedLabel,
    steps: c.steps.map((s) => ({
      step: s.step,
      on: s.on,
      document: s.document,
      note: s.note,
      by: s.by,
    })),
    nextStep: nextStep(state),
    nextDueOn: stepDue(rules, state),
    delistedOn: c.delistedOn,
    version: c.version,
  };
}
