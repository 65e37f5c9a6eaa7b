/**
 * @module Row → API shape for the periodic inspections: a filed report, and a mine that has not filed.
 */
import type { z } from 'zod';
import type {
  MissingReport,
  SelfInspectionReportResponse,
} from '../../../shared/hazard.schemas.ts';
import type { missingReports, SelfInspectionReportRow } from './self-inspection.repository.ts';

type MissingRow = Awaited<ReturnType<typeof missingReports>>[number];

/** The API shape of a filed report, with its mine's name. */
export function presentSelfInspectionReport(
  r: SelfInspectionReportRow,
  mineName: string,
): z.infer<typeof SelfInspectionReportResponse> {
  return {
    id: r.id,
    kind: r.kind,
    mineId: r.mineId,
    mineName,
    period: r.period,
    zeroReport: r.zeroReport,
    hazardCount: r.hazardCount,
    signedBy: r.signedBy,
    inspectedOn: r.inspectedOn,
    wentUnderground: r.wentUnderground,
    note: r.note,
    submittedAt: r.submittedAt.toISOString(),
  };
}

/** The API shape of a mine that has not filed; `overdue` once `today` is past the due day. */
export function presentMissingReport(
  r: MissingRow,
  dueOn: string,
  today: string,
): z.infer<typeof MissingReport> {
  return {
    mineId: r.mineId,
    mineName: r.mineName,
    countyName: r.countyName,
    status: r.status,
    dueOn,
    overdue: today > dueOn,
  };
}
