/**
 * @module Row → API shape for hazards: the hazard with its allowed actions, its timeline, and the slow
 * rectifications of the analysis.
 */
import type { HazardResponse } from '../../../shared/hazard.schemas.ts';
import { HazardState } from '../../../shared/hazard.enums.ts';
import type { Role } from '../../platform/auth/permissions.ts';
import { daysBetween } from '../../../shared/dates.ts';
import type { HazardAnalysis } from '../../../shared/hazard-analysis.schemas.ts';
import type { oldestOpen } from './analysis.repository.ts';
import { describeActor } from '../../../shared/actors.ts';
import type { HazardJoinedRow, timelineOf } from './hazard.repository.ts';
import { allowedActions } from './rectification.workflow.ts';

/** The API shape of a hazard, with the actions the viewer may take now and whether it is overdue. */
export function presentHazard(r: HazardJoinedRow, today: string, role: Role): HazardResponse {
  const h = r.hazard;
  return {
    id: h.id,
    mineId: h.mineId,
    mineName: r.mineName,
    countyCode: r.countyCode,
    countyName: r.countyName,
    criterion: {
      id: h.criterionId,
      code: r.criterionCode,
      text: r.criterionText,
      standard: `${r.standardCode} (${r.standardVersion})`,
      verified: r.criterionVerified,
    },
    description: h.description,
    location: h.location,
    source: h.source,
    foundBy: h.foundBy,
    foundOn: h.foundOn,
    state: h.state,
    supervised: h.supervised,
    responsiblePerson: h.responsiblePerson,
    measures: h.measures,
    fundsYuan: h.fundsYuan,
    deadline: h.deadline,
    overdue: Boolean(h.deadline && h.deadline < today && h.state !== HazardState.Closed),
    contingencyPlan: h.contingencyPlan,
    rectificationNote: h.rectificationNote,
    closedAt: h.closedAt?.toISOString() ?? null,
    repeatOf: h.repeatOf,
    allowedActions: allowedActions(h.state, role),
    version: h.version,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}

/** The timeline entries of a hazard. */
export function presentTimeline(rows: Awaited<ReturnType<typeof timelineOf>>) {
  return rows.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actorName ?? describeActor(e.actorLabel),
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    note: e.note,
  }));
}

/** An open hazard of the analysis' slowest list: how long it has been open and overdue on `today`. */
export function presentSlowHazard(
  h: Awaited<ReturnType<typeof oldestOpen>>[number],
  today: string,
): HazardAnalysis['slowest'][number] {
  return {
    id: h.id,
    mineId: h.mineId,
    mineName: h.mineName,
    countyName: h.countyName,
    criterionCode: h.criterionCode,
    state: h.state,
    foundOn: h.foundOn,
    deadline: h.deadline,
    daysOpen: daysBetween(h.foundOn, today),
    daysOverdue: h.deadline && h.deadline < today ? daysBetween(h.deadline, today) : 0,
    supervised: h.supervised,
  };
}
