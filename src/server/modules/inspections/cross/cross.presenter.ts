/** @module Arrangement rows → the API's 异地交叉执法 shapes (src/shared/inspection-cross.schemas.ts). */
import type { CrossArrangementResponse } from '../../../../shared/inspection-cross.schemas.ts';
import type { ArrangementRow, membersOf, regulatorUnits } from './cross.repository.ts';
import { arrangementState } from './cross.rules.ts';

/** What an arrangement's view is made of besides its own row. */
export interface ArrangementParts {
  organisationName: string;
  targetRegionName: string;
  units: Awaited<ReturnType<typeof regulatorUnits>>;
  members: Awaited<ReturnType<typeof membersOf>>;
}

/** An arrangement with its units, its pool and its state on `day`. */
export function presentArrangement(
  a: ArrangementRow,
  parts: ArrangementParts,
  day: string,
): CrossArrangementResponse {
  const unitById = new Map(parts.units.map((u) => [u.id, u]));
  return {
    id: a.id,
    name: a.name,
    organisationName: parts.organisationName,
    targetRegion: a.targetRegion,
    targetRegionName: parts.targetRegionName,
    units: a.unitIds.map((id) => {
      const u = unitById.get(id);
      return { id, name: u?.name ?? '', regionCode: u?.regionCode ?? '' };
    }),
    members: parts.members,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    endedOn: a.endedOn,
    endReason: a.endReason,
    state: arrangementState(a, day),
    createdAt: a.createdAt.toISOString(),
  };
}
