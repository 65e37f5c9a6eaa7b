/** @module Rows shown beside a mine's series, and an import's re-evaluation → API shapes. */
import type { SeriesImportEvaluation } from '../../../shared/leads.schemas.ts';
import type { MineStatus } from '../../../shared/registry.enums.ts';
import type { ImportEvaluation } from './lead.detect.ts';

/** A dated status change (frame.repository.ts statusChanges) → the comparison view's marker. */
export const presentStatusChange = (c: { date: string; to: MineStatus }) => ({
  date: c.date,
  status: c.to,
});

/** An import's re-evaluation → its report (`names`: mine id → name). */
export function presentImportEvaluation(
  e: ImportEvaluation,
  names: ReadonlyMap<string, string>,
): SeriesImportEvaluation {
  const iso = (ms: number | Date) => new Date(ms).toISOString();
  return {
    periods: e.pieces.map((p) => ({
      mineId: p.mineId,
      mineName: names.get(p.mineId) ?? '',
      from: iso(p.from),
      to: iso(p.to),
      scheduled: p.inJobRange,
    })),
    findings: e.findings,
    opened: e.opened,
    extended: e.extended,
    leads: e.leads.map((l) => ({
      id: l.leadId,
      mineId: l.mineId,
      mineName: names.get(l.mineId) ?? '',
      rule: l.rule,
      outcome: l.outcome,
      windowStart: iso(l.windowStart),
      windowEnd: iso(l.windowEnd),
    })),
  };
}
