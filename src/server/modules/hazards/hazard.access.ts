/**
 * @module The one way a use case loads a hazard by id: within the caller's jurisdiction, or a 404 (never
 * a 403, so ids of other jurisdictions do not show they exist).
 */
import type { Principal } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/client.ts';
import { visibleByMine } from '../registry/registry.scope.ts';
import { selectHazards } from './hazard.repository.ts';
import { hazards } from './hazard.table.ts';

export function loadVisibleHazard(db: Db, principal: Principal, id: string) {
  return visibleByMine(db, principal, hazards, id, {
    entity: 'hazard',
    select: selectHazards(db).$dynamic(),
  });
}
