/**
 * @module The one way a use case loads an inspection by id: within the caller's jurisdiction (the
 * inspected mine's county), or a 404 that does not tell other jurisdictions' ids apart from none.
 */
import type { Principal } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db/client.ts';
import { visibleByMine } from '../../registry/registry.scope.ts';
import { presentTeam } from './inspection.presenter.ts';
import * as repo from './inspection.repository.ts';
import { inspections } from './inspection.table.ts';

/**
 * An inspection with its mine that the caller may see, or 404; named in a request body (`field`), a
 * 400 on that field instead.
 */
export function loadVisibleInspection(
  db: Db,
  principal: Principal,
  id: string,
  field?: string,
): Promise<repo.InspectionWithMine> {
  return visibleByMine(db, principal, inspections, id, {
    entity: 'inspection',
    select: repo.selectInspectionWithMine(db),
    field: field ? { path: field, message: '检查记录不存在或不在管辖范围内' } : undefined,
  });
}

/** The members of a team with their display names, in the order of the ids given. */
export async function teamOf(db: Db, ids: readonly string[]) {
  return presentTeam(ids, await repo.userNames(db, ids));
}
