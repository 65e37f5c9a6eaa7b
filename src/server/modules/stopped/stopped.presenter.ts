/** @module Rows of the stopped-mines loop → the API's shapes (src/shared/stopped.schemas.ts). */
import type {
  DeclarationResponse,
  PatrolResponse,
  RectificationPlanResponse,
  WardenResponse,
} from '../../../shared/stopped.schemas.ts';
import type { stoppedMinePatrols, stoppedMineWardens } from './stopped.table.ts';
import type { DeclarationRow, PlanRow } from './stopped.repository.ts';

export function presentPlan(
  r: PlanRow,
  mineName: string,
  filedBy: string,
): RectificationPlanResponse {
  return {
    id: r.id,
    mineId: r.mineId,
    mineName,
    measures: r.measures,
    responsiblePerson: r.responsiblePerson,
    completeBy: r.completeBy,
    filedAt: r.filedAt.toISOString(),
    filedBy,
  };
}

export function presentDeclaration(
  r: DeclarationRow,
  mineName: string,
  filedBy: string,
): DeclarationResponse {
  return {
    id: r.id,
    mineId: r.mineId,
    mineName,
    purpose: r.purpose,
    description: r.description,
    sites: r.sites,
    maxPowerKwh: r.maxPowerKwh,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    state: r.state,
    rejectReason: r.rejectReason,
    perSiteLimit: r.perSiteLimit,
    filedAt: r.filedAt.toISOString(),
    filedBy,
  };
}

export function presentWarden(
  r: typeof stoppedMineWardens.$inferSelect,
  parts: { mineName: string; name: string; lastVisitAt: Date | null },
  due: { nextDueAt: Date; overdue: boolean },
): WardenResponse {
  return {
    id: r.id,
    mineId: r.mineId,
    mineName: parts.mineName,
    userId: r.userId,
    name: parts.name,
    since: r.since.toISOString(),
    lastVisitAt: parts.lastVisitAt?.toISOString() ?? null,
    nextDueAt: due.nextDueAt.toISOString(),
    overdue: due.overdue,
  };
}

export function presentPatrol(
  r: typeof stoppedMinePatrols.$inferSelect,
  mineName: string,
  officialName: string,
  photos: { id: string; fileName: string }[] = [],
): PatrolResponse {
  return {
    id: r.id,
    mineId: r.mineId,
    mineName,
    kind: r.kind,
    visitedAt: r.visitedAt.toISOString(),
    findings: r.findings,
    officialName,
    recordedAt: r.recordedAt.toISOString(),
    photos,
  };
}
