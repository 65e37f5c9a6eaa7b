/**
 * @module SQL of monitored facilities: storing one, the list with each facility's mine, and a mine's
 * facilities by code (for imports).
 */
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf, mineInRegion } from '../registry/registry.scope.ts';
import { monitoringFacilities } from './monitoring.table.ts';

export type FacilityRow = typeof monitoringFacilities.$inferSelect;

/** Facilities in service (not archived). */
export const facilityInService = isNull(monitoringFacilities.archivedAt);

/** Stores a facility; undefined when the mine already has one with its code. */
export async function insertFacilityRow(
  tx: Db,
  values: typeof monitoringFacilities.$inferInsert,
): Promise<FacilityRow | undefined> {
  const [row] = await tx
    .insert(monitoringFacilities)
    .values(values)
    .onConflictDoNothing()
    .returning();
  return row;
}

/** Which facilities are listed. */
export interface FacilityFilter {
  mineScope: SQL | undefined;
  mineId?: string | undefined;
  /** A region code: facilities of mines in its subtree. */
  region?: string | undefined;
}

/** Facilities in service with their mine's name and county, by mine name and code, at most `limit`. */
export async function listFacilities(db: Db, f: FacilityFilter, limit: number) {
  return db
    .select({ f: monitoringFacilities, mineName: mines.name, countyCode: mines.countyCode })
    .from(monitoringFacilities)
    .innerJoin(mines, eq(mines.id, monitoringFacilities.mineId))
    .where(
      allOf(
        f.mineScope,
        facilityInService,
        f.mineId ? eq(monitoringFacilities.mineId, f.mineId) : undefined,
        mineInRegion(f.region),
      ),
    )
    .orderBy(asc(mines.name), asc(monitoringFacilities.code))
    .limit(limit);
}
export type FacilityListRow = Awaited<ReturnType<typeof listFacilities>>[number];

/** The ids and codes of a mine's facilities in service. */
export async function facilityCodesOf(db: Db, mineId: string) {
  return db
    .select({ id: monitoringFacilities.id, code: monitoringFacilities.code })
    .from(monitoringFacilities)
    .where(and(eq(monitoringFacilities.mineId, mineId), facilityInService));
}
