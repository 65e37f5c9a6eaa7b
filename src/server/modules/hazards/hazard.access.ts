/**
 * @module The one way a use case loads a hazard by id: within the caller's jurisdiction, or a 404 (never
 * a 403, so ids of other jurisdictions do not show they exist).
 */
import type { Principal } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import { findHazard } from './hazard.repository.ts';

export async function loadVisibleHazard(db: Db, principal: Principal, id: string) {
  const row = await findHazard(db, id, mineScopeCondition(principal.scope));
  if (!row) {
    throw notFound('hazard', id);
  }
  return row;
}
