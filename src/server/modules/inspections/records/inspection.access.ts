/**
 * @module The one way a use case loads an inspection by id: within the caller's jurisdiction (the
 * inspected mine's county), or a 404 that does not tell other jurisdictions' ids apart from none.
 */
import type { Principal } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { mineScopeCondition } from '../../registry/registry.scope.ts';
import * as repo from './inspection.repository.ts';
import { presentTeam } from './inspection.presenter.ts';

/** An inspection with its mine that the caller may see, or 404. */
export async function loadVisibleInspection(db: Db, principal: Principal, id: string) {
  const row = await repo.findInspection(db, id, mineScopeCondition(principal.scope));
  if (!row) {
    throw notFound('inspection', id);
  }
  return row;
}

/** The members of a team with their display names, in the order of the ids given. */
export async function teamOf(db: Db, ids: readonly string[]) {
  return presentTeam(ids, await repo.userNames(db, ids));
}
