/**
 * @module The one way a use case loads an inspection by id: within the caller's jurisdiction (the
 * inspected mine's county), or a 404 that does not tell other jurisdictions' ids apart from none. On an
 * inspection made under a 异地交叉执法 arrangement, a member of its pool acts, while it is in force, with
 * the arrangement's target region as jurisdiction (actingPrincipalFor).
 */
import type { Principal } from '../../../platform/auth/scope.ts';
import { actingPrincipal } from '../cross/cross.service.ts';
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

/**
 * Who the caller acts as on an inspection: a member of the pool of the arrangement it was made under,
 * while that is in force, with the arrangement's target region as jurisdiction; anyone else as
 * themselves (an unknown id too: the load that follows answers 404).
 */
export async function actingPrincipalFor(
  db: Db,
  principal: Principal,
  id: string,
  today: string,
): Promise<Principal> {
  return actingPrincipal(db, principal, await repo.crossArrangementOf(db, id), today);
}
