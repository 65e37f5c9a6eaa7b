/**
 * @module The enforcement HTTP tests' common part beyond `useWorldApp`: party a's inspection team (its
 * inspector and regulator admin, by user id), the test clock's date, and a new inspection at a's coal mine.
 */
import { beforeAll } from 'vitest';
import type { InspectionResponse } from '../../src/shared/inspections.schemas.ts';
import { todayIn } from '../../src/shared/dates.ts';
import type { callerAs } from './app.ts';
import type { WorldApp } from './world-app.ts';
import { principalOfUser } from './world-enforcement.ts';

export interface InspectionTeam {
  /** Party a's inspector. */
  inspectorId: string;
  /** Party a's regulator admin. */
  adminId: string;
  /** The test clock's date when the suite started (YYYY-MM-DD). */
  today: string;
}

/**
 * The team of party a, filled in `beforeAll` after `useWorldApp`'s, and `newInspection`, which records a
 * 四不两直 (unannounced, the default) routine inspection as the user logged in as `ins` (a's inspector) with the given team.
 */
export function useInspectionTeam(ctx: WorldApp, call: ReturnType<typeof callerAs>) {
  const team = {} as InspectionTeam;
  beforeAll(async () => {
    team.inspectorId = (await principalOfUser(ctx.t.deps, ctx.world.a.users.inspector)).userId;
    team.adminId = (await principalOfUser(ctx.t.deps, ctx.world.a.users.regulator_admin)).userId;
    team.today = todayIn(ctx.t.deps.clock);
  });
  const newInspection = async (teamUserIds: string[]) =>
    call<InspectionResponse & { details?: { path: string }[] }>('ins', 'POST', '/api/inspections', {
      mineId: ctx.world.a.mines[0]?.id,
      kind: '常规',
      inspectedOn: team.today,
      teamUserIds,
      checklistCriterionIds: [ctx.world.a.criterionId],
      customItems: ['安全出口是否畅通'],
      bodyCameraRef: 'DSJ-0017',
    });
  return { team, newInspection };
}
