/** @module Inspection rows → the API's inspection shapes (src/shared/inspections.schemas.ts). */
import type {
  InspectionResponse,
  InspectionRowResponse,
} from '../../../../shared/inspections.schemas.ts';
import type { documentsOfInspection } from '../documents/document.repository.ts';
import type { penaltiesOfInspection } from '../penalties/penalty.repository.ts';
import type {
  InspectionListRow,
  InspectionWithMine,
  findingsOf,
  ordersOf,
  photosOf,
} from './inspection.repository.ts';

/** The members of a team with their names (the id stands in for a user that no longer exists). */
export function presentTeam(ids: readonly string[], names: ReadonlyMap<string, string>) {
  return ids.map((id) => ({ userId: id, name: names.get(id) ?? id }));
}

/** What an inspection's view is made of besides its own row. */
export interface InspectionParts {
  team: { userId: string; name: string }[];
  findings: Awaited<ReturnType<typeof findingsOf>>;
  photos: Awaited<ReturnType<typeof photosOf>>;
  orders: Awaited<ReturnType<typeof ordersOf>>;
  penalties: Awaited<ReturnType<typeof penaltiesOfInspection>>;
  documents: Awaited<ReturnType<typeof documentsOfInspection>>;
}

/** One inspection with everything recorded on it. */
export function presentInspection(
  { inspection: i, mine }: InspectionWithMine,
  parts: InspectionParts,
): InspectionResponse {
  return {
    id: i.id,
    mineId: i.mineId,
    mineName: mine.name,
    mineKind: mine.kind,
    mineStatus: mine.status,
    enterpriseName: mine.enterpriseName,
    countyCode: mine.countyCode,
    kind: i.kind,
    unannounced: i.announcedReason === null,
    announcedReason: i.announcedReason,
    announcedNote: i.announcedNote,
    inspectedOn: i.inspectedOn,
    scheduleVisitId: i.scheduleVisitId,
    crossArrangementId: i.crossArrangementId,
    team: parts.team,
    bodyCameraRef: i.bodyCameraRef,
    checklist: i.checklist,
    summary: i.summary,
    recheckOn: i.recheckOn,
    recheckedOn: i.recheckedOn,
    recheckResult: i.recheckResult,
    typical: i.typical,
    typicalNote: i.typicalNote,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    findings: parts.findings,
    photos: parts.photos,
    orders: parts.orders,
    penalties: parts.penalties,
    documents: parts.documents,
  };
}

/** An inspection as a row of the list, its team by name. */
export function presentInspectionRow(
  { teamUserIds, ...r }: InspectionListRow,
  names: ReadonlyMap<string, string>,
): InspectionRowResponse {
  return {
    ...r,
    unannounced: r.announcedReason === null,
    team: teamUserIds.map((u) => names.get(u) ?? u),
  };
}
