/**
 * @module 举报 rows → the API's shapes: the case on the regulators' board and in full (the reporter as far
 * as the caller may know, decided by the service), what the reporter sees when tracking (public notes
 * only), and the counties of the public form.
 */
import type {
  PublicReportCountyResponse,
  PublicReporterResponse,
  PublicReportResponse,
  PublicReportSummaryResponse,
  PublicReportTrackingResponse,
} from '../../../shared/accountability.schemas.ts';
import type {
  PublicReportRow,
  caseEventsOf,
  casePhotosOf,
  reportableCounties,
} from './public-report.repository.ts';

/** The case as listed; overdue when its next step was due before today. */
export function presentCaseSummary(r: PublicReportRow, today: string): PublicReportSummaryResponse {
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    category: r.category,
    countyCode: r.countyCode,
    unitId: r.unitId,
    location: r.location,
    mineName: r.mineName,
    mineId: r.mineId,
    state: r.state,
    dueOn: r.dueOn,
    overdue: Boolean(r.dueOn && r.dueOn < today),
    receivedAt: r.receivedAt.toISOString(),
    version: r.version,
  };
}

/** The case in full for a regulator, with internal notes. */
export function presentCase(
  r: PublicReportRow,
  today: string,
  seen: {
    handlingUnit: boolean;
    reporter: PublicReporterResponse;
    photos: Awaited<ReturnType<typeof casePhotosOf>>;
    events: Awaited<ReturnType<typeof caseEventsOf>>;
  },
): PublicReportResponse {
  return {
    ...presentCaseSummary(r, today),
    content: r.content,
    verification: r.verification,
    outcome: r.outcome,
    linkId: r.linkId,
    feedback: r.feedback,
    rewardYuan: r.rewardYuan,
    rewardPaidOn: r.rewardPaidOn,
    accountability:
      r.accountabilityMeasures === null
        ? null
        : { measures: r.accountabilityMeasures, parties: r.accountabilityParties ?? [] },
    handlingUnit: seen.handlingUnit,
    reporter: seen.reporter,
    photos: seen.photos,
    events: seen.events.map((e) => ({
      step: e.step,
      publicNote: e.publicNote,
      internalNote: e.internalNote,
      actor: e.actorLabel,
      at: e.at.toISOString(),
    })),
  };
}

/** What the reporter sees: the state, each step with its public note, the feedback and the reward. */
export function presentTracking(
  r: PublicReportRow,
  events: Awaited<ReturnType<typeof caseEventsOf>>,
  photos: number,
): PublicReportTrackingResponse {
  return {
    trackingCode: r.trackingCode,
    category: r.category,
    location: r.location,
    state: r.state,
    receivedAt: r.receivedAt.toISOString(),
    dueOn: r.dueOn,
    photos,
    events: events.map((e) => ({ step: e.step, note: e.publicNote, at: e.at.toISOString() })),
    feedback: r.feedback,
    reward: r.rewardYuan === null ? null : { amountYuan: r.rewardYuan, paidOn: r.rewardPaidOn },
  };
}

/** A county of the public form with its path: province / city / county. */
export function presentCounty(
  r: Awaited<ReturnType<typeof reportableCounties>>[number],
): PublicReportCountyResponse {
  return {
    code: r.code,
    name: r.name,
    path: [r.province, r.city, r.name].filter(Boolean).join(' / '),
  };
}
