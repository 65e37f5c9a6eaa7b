/**
 * @module SQL of monitoring points (sensors): storing one and changing its parameters, the lists, the
 * engine's loads (a mine's sensors, one sensor after a change) and the simulator's feed.
 */
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { SensorSpec } from '../../../shared/monitoring.schemas.ts';
import type { Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf } from '../registry/registry.scope.ts';
import { monitoringSensors } from './monitoring.table.ts';

export type SensorRow = typeof monitoringSensors.$inferSelect;

/** Stores a sensor; undefined when the mine already has one with its code. */
export async function insertSensorRow(
  tx: Db,
  values: typeof monitoringSensors.$inferInsert,
): Promise<SensorRow | undefined> {
  const [row] = await tx.insert(monitoringSensors).values(values).onConflictDoNothing().returning();
  return row;
}

/** Replaces a sensor's detection parameters with the given version; the changed row. */
export async function updateSensorSpecRow(
  tx: Db,
  id: string,
  set: { spec: SensorSpec; version: number; updatedAt: Date },
): Promise<SensorRow | undefined> {
  const [row] = await tx
    .update(monitoringSensors)
    .set(set)
    .where(eq(monitoringSensors.id, id))
    .returning();
  return row;
}

/** Which sensors are listed. */
export interface SensorFilter {
  mineScope: SQL | undefined;
  mineId?: string | undefined;
  facilityId?: string | undefined;
}

/** Sensors in service at mines in scope, by code, at most `limit`. */
export async function listSensors(db: Db, f: SensorFilter, limit: number): Promise<SensorRow[]> {
  const rows = await db
    .select({ s: monitoringSensors })
    .from(monitoringSensors)
    .innerJoin(mines, eq(mines.id, monitoringSensors.mineId))
    .where(
      allOf(
        f.mineScope,
        isNull(monitoringSensors.archivedAt),
        f.mineId ? eq(monitoringSensors.mineId, f.mineId) : undefined,
        f.facilityId ? eq(monitoringSensors.facilityId, f.facilityId) : undefined,
      ),
    )
    .orderBy(asc(monitoringSensors.code))
    .limit(limit);
  return rows.map((r) => r.s);
}

/** A mine's sensors in service with these codes. */
export async function sensorsOfMineByCode(db: Db, mineId: string, codes: string[]) {
  if (codes.length === 0) {
    return [];
  }
  return db
    .select()
    .from(monitoringSensors)
    .where(
      and(
        eq(monitoringSensors.mineId, mineId),
        inArray(monitoringSensors.code, codes),
        isNull(monitoringSensors.archivedAt),
      ),
    );
}

/** The sensors in service of the facilities, with their monitoring item (for the roll-up). */
export async function sensorsOfFacilities(db: Db, facilityIds: string[]) {
  return db
    .select({
      id: monitoringSensors.id,
      facilityId: monitoringSensors.facilityId,
      item: monitoringSensors.item,
    })
    .from(monitoringSensors)
    .where(
      and(inArray(monitoringSensors.facilityId, facilityIds), isNull(monitoringSensors.archivedAt)),
    );
}

/** The columns the engine keeps of a sensor. */
const runtimeColumns = {
  id: monitoringSensors.id,
  no: monitoringSensors.no,
  mineId: monitoringSensors.mineId,
  facilityId: monitoringSensors.facilityId,
  code: monitoringSensors.code,
  quantity: monitoringSensors.quantity,
  version: monitoringSensors.version,
  spec: monitoringSensors.spec,
  lastReadingAt: monitoringSensors.lastReadingAt,
};

/** A mine's sensors in service, as the engine keeps them. */
export async function runtimeSensorsOfMine(db: Db, mineId: string) {
  return db
    .select(runtimeColumns)
    .from(monitoringSensors)
    .where(and(eq(monitoringSensors.mineId, mineId), isNull(monitoringSensors.archivedAt)));
}

/** The sensors in service of several mines, as the engine keeps them, 1,000 mines a statement. */
export async function runtimeSensorsOfMines(db: Db, mineIds: string[]) {
  const out: Awaited<ReturnType<typeof runtimeSensorsOfMine>> = [];
  for (let i = 0; i < mineIds.length; i += 1000) {
    const rows = await db
      .select(runtimeColumns)
      .from(monitoringSensors)
      .where(
        and(
          inArray(monitoringSensors.mineId, mineIds.slice(i, i + 1000)),
          isNull(monitoringSensors.archivedAt),
        ),
      );
    out.push(...rows);
  }
  return out;
}

/** One sensor as the engine keeps it, and whether (when) it was taken out of service. */
export async function runtimeSensor(db: Db, id: string) {
  const [row] = await db
    .select({ ...runtimeColumns, archivedAt: monitoringSensors.archivedAt })
    .from(monitoringSensors)
    .where(eq(monitoringSensors.id, id));
  return row;
}

/** Sensors in service with their mine's county, in a stable order (county, mine, code). */
export async function sensorsToSimulate(db: Db) {
  return db
    .select({
      id: monitoringSensors.id,
      mineId: monitoringSensors.mineId,
      code: monitoringSensors.code,
      quantity: monitoringSensors.quantity,
      spec: monitoringSensors.spec,
      county: mines.countyCode,
    })
    .from(monitoringSensors)
    .innerJoin(mines, eq(mines.id, monitoringSensors.mineId))
    .where(isNull(monitoringSensors.archivedAt))
    .orderBy(mines.countyCode, mines.id, monitoringSensors.code);
}
