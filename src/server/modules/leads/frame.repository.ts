/**
 * @module The SQL behind a mine's frame beyond its series (series.repository.ts) and registered areas
 * (meter.repository.ts): the mine's registry facts, its dated status history, whether it has live
 * safety-monitoring points and the inspections recorded at it (停产迎检).
 */
import { and, asc, between, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { monitoringFacilities, monitoringSensors } from '../monitoring/monitoring.table.ts';
import { mineStatusChanges, mines } from '../registry/mine.table.ts';
import { organisations } from '../access/access.table.ts';
import { inspections } from '../inspections/records/inspection.table.ts';

/** The mine's row (kind, county, capacity, approved staff, current status). */
export async function findFrameMine(db: Db, mineId: string) {
  const [row] = await db.select().from(mines).where(eq(mines.id, mineId));
  return row;
}

/** A mine's dated status history, oldest first. */
export function statusChanges(db: Db, mineId: string) {
  return db
    .select({
      from: mineStatusChanges.fromStatus,
      to: mineStatusChanges.toStatus,
      date: mineStatusChanges.effectiveDate,
    })
    .from(mineStatusChanges)
    .where(eq(mineStatusChanges.mineId, mineId))
    .orderBy(asc(mineStatusChanges.effectiveDate), asc(mineStatusChanges.id));
}

/** Whether the mine has a live point of one of `quantities` in a 井下区域 facility. */
export async function hasSafetyMonitoring(
  db: Db,
  mineId: string,
  quantities: readonly string[],
): Promise<boolean> {
  const [sensor] = await db
    .select({ id: monitoringSensors.id })
    .from(monitoringSensors)
    .innerJoin(monitoringFacilities, eq(monitoringFacilities.id, monitoringSensors.facilityId))
    .where(
      and(
        eq(monitoringSensors.mineId, mineId),
        isNull(monitoringSensors.archivedAt),
        eq(monitoringFacilities.kind, '井下区域'),
        inArray(monitoringSensors.quantity, [...quantities]),
      ),
    )
    .limit(1);
  return sensor !== undefined;
}

/** The inspections recorded at a mine on the China days [from, to] (YYYY-MM-DD), with their unit's name. */
export function inspectionsBetween(db: Db, mineId: string, from: string, to: string) {
  return db
    .select({
      id: inspections.id,
      inspectedOn: inspections.inspectedOn,
      kind: inspections.kind,
      unit: organisations.name,
    })
    .from(inspections)
    .innerJoin(organisations, eq(organisations.id, inspections.organisationId))
    .where(and(eq(inspections.mineId, mineId), between(inspections.inspectedOn, from, to)))
    .orderBy(asc(inspections.inspectedOn), asc(inspections.id));
}
