/**
 * @module Accident rows → the API's shapes: the summary, the detail with its chain of notices (each
 * step's deadline and state) and 约谈, and the statistics.
 */
import {
  chainStatus,
  chainStepsFor,
  type ChainStep,
  type ChainStepStatus,
} from '../../../shared/accidents.ts';
import { escalationRequired, investigationLevelFor } from '../../../shared/accident-workflow.ts';
import type {
  AccidentResponse,
  AccidentStatsResponse,
  AccidentSummaryResponse,
} from '../../../shared/accountability.schemas.ts';
import type {
  AccidentRow,
  AccidentTallyRow,
  accidentGradeCounts,
  accidentTalliesByRegion,
  chainNoticesOf,
  interviewsOf,
  partiesOf,
  stepsOf,
} from './accident.repository.ts';

/** The accident as listed. */
export function presentAccidentSummary(r: AccidentRow): AccidentSummaryResponse {
  const a = r.accident;
  return {
    id: a.id,
    mineId: a.mineId,
    mineName: r.mineName,
    countyCode: r.countyCode,
    countyName: r.countyName,
    occurredAt: a.occurredAt.toISOString(),
    kind: a.kind,
    place: a.place,
    deaths: a.deaths,
    seriousInjuries: a.seriousInjuries,
    directLossYuan: a.directLossYuan,
    grade: a.grade,
  };
}

/** The accident with its chain of notices (the steps for its mine's kind) as it stands at `now` and its 约谈. */
export function presentAccident(
  r: AccidentRow,
  notices: Awaited<ReturnType<typeof chainNoticesOf>>,
  interviews: Awaited<ReturnType<typeof interviewsOf>>,
  steps: ChainStep[],
  now: Date,
  /** Whether the caller may record a step of the chain (its level's steps, with accidents.manage). */
  canRecord: (step: ChainStepStatus) => boolean,
  workflow: {
    parties: Awaited<ReturnType<typeof partiesOf>>;
    steps: Awaited<ReturnType<typeof stepsOf>>;
    canManage: boolean;
  },
): AccidentResponse {
  const a = r.accident;
  return {
    ...presentAccidentSummary(r),
    description: a.description,
    reportedBy: a.reportedLabel,
    version: a.version,
    chain: chainStatus(
      a.occurredAt.toISOString(),
      notices.map((n) => ({ step: n.step, reportedAt: n.reportedAt.toISOString() })),
      chainStepsFor(steps, r.mineKind),
      now,
    ).map((s) => ({ ...s, canRecord: s.reportedAt === null && canRecord(s) })),
    notices: notices.map((n) => ({
      step: n.step,
      reportedAt: n.reportedAt.toISOString(),
      channel: n.channel,
      note: n.note,
      recordedBy: n.recordedLabel,
    })),
    interviews: interviews.map((i) => ({
      id: i.id,
      party: i.party,
      partyName: i.partyName,
      state: i.state,
      heldOn: i.heldOn,
      note: i.note,
      version: i.version,
    })),
    workflow: {
      stage: a.stage,
      investigationLevel: a.investigationLevel ?? investigationLevelFor(a.grade),
      investigationUnit: a.investigationUnit,
      escalated: a.investigationLevel !== null,
      supervision:
        a.supervisedBy && a.superviseDeadline
          ? { unit: a.supervisedBy, deadline: a.superviseDeadline }
          : null,
      finding:
        a.findingOn && a.findingCause && a.findingText
          ? {
              concludedOn: a.findingOn,
              nature: a.findingNature === '非责任事故' ? '非责任事故' : '责任事故',
              cause: a.findingCause,
              finding: a.findingText,
              parties: workflow.parties.map((p) => ({
                kind: p.kind,
                name: p.name,
                role: p.role,
                handling: p.handling,
              })),
            }
          : null,
      rectificationAcceptedOn: a.rectificationAcceptedOn,
      closedOn: a.closedOn,
      concealed: a.concealed,
      escalationRequired: escalationRequired(a),
      // The 举报 behind it only for the regulators (the enterprise must not learn of the case).
      concealedReportId: workflow.canManage ? a.concealedReportId : null,
      holdsResumption: a.deaths > 0 && a.rectificationAcceptedOn === null,
      steps: workflow.steps.map((s) => ({
        step: s.step,
        summary: typeof s.detail.summary === 'string' ? s.detail.summary : '',
        actor: s.actorLabel,
        at: s.at.toISOString(),
      })),
      canManage: workflow.canManage,
    },
  };
}

/** The statistics of a span of years; a region without a registered name shows its code. */
export function presentAccidentStats(
  span: { fromYear: number; toYear: number },
  byYear: AccidentTallyRow[],
  byKind: AccidentTallyRow[],
  byRegion: Awaited<ReturnType<typeof accidentTalliesByRegion>>,
  byGrade: Awaited<ReturnType<typeof accidentGradeCounts>>,
): AccidentStatsResponse {
  return {
    fromYear: span.fromYear,
    toYear: span.toYear,
    byYear,
    byKind,
    byRegion: byRegion.map((r) => ({ ...r, name: r.name ?? r.key })),
    byGrade: byGrade.map((g) => ({ grade: g.grade, accidents: Number(g.n) })),
  };
}
