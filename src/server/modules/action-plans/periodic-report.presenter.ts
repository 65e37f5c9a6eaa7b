/** @module Periodic report rows → API shapes (issue 8 §5). */
import type {
  PeriodicReportDetailResponse,
  PeriodicReportResponse,
} from '../../../shared/action-plans.schemas.ts';
import type { PeriodicReportRow } from './periodic-report.repository.ts';

/** A report as listed (and as its `plans.report.generated` event stores it). */
export function presentPeriodicReport(r: PeriodicReportRow): PeriodicReportResponse {
  return {
    id: r.id,
    kind: r.kind,
    regionCode: r.regionCode,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    title: r.title,
    trigger: r.trigger,
    generatedAt: r.generatedAt.toISOString(),
  };
}

/** A report with its archived figures. */
export function presentPeriodicReportDetail(r: PeriodicReportRow): PeriodicReportDetailResponse {
  return { ...presentPeriodicReport(r), data: r.data };
}
