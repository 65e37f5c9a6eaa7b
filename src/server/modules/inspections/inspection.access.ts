/**
 * @module The one way a use case loads an inspection by id: within the caller's jurisdiction (the
 * inspected mine's county), or a 404 that does not tell other jurisdictions' ids apart from none.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { users } from '../access/access.table.ts';
import { enterprises } from '../registry/enterprise.table.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf, mineScopeCondition } from '../registry/registry.scope.ts';
import { inspections } from './inspection.table.ts';

export async function loadVisibleInspection(db: Db, principal: Principal, id: string) {
  const [row] = await db
    .select({
      inspection: inspections,
      mine: {
        name: mines.name,
        kind: mines.kind,
        countyCode: mines.countyCode,
        status: mines.status,
        enterpriseName: enterprises.name,
      },
    })
    .from(inspections)
    .innerJoin(mines, eq(mines.id, inspections.mineId))
    .innerJoin(enterprises, eq(enterprises.id, mines.enterpriseId))
    .where(allOf(eq(inspections.id, id), mineScopeCondition(principal.scope)));
  if (!row) {
    throw notFound('inspection', id);
  }
  return row;
}
export type VisibleInspection = Awaited<ReturnType<typeof loadVisibleInspection>>;

/** Display names of users, in the order of the ids given. */
export async function teamOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.map((id) => ({ userId: id, name: byId.get(id) ?? id }));
}
