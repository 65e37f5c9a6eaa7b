/**
 * @module SQL of substations (分站) and positioning stations (基站): definitions, reported states, the
 * latest state of each and the spans of 通信中断 that explain their points' silence.
 */
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { coalDeviceStates, coalSubstations } from './coal-device.table.ts';

export type SubstationRow = typeof coalSubstations.$inferSelect;

/** A mine's substations, by code. */
export async function substationsOf(db: Db, mineId: string) {
  const rows = await db
    .select()
    .from(coalSubstations)
    .where(eq(coalSubstations.mineId, mineId))
    .orderBy(asc(coalSubstations.code));
  return new Map(rows.map((r) => [r.code, r] as const));
}

export async function insertSubstation(tx: Db, values: typeof coalSubstations.$inferInsert) {
  const [row] = await tx.insert(coalSubstations).values(values).returning();
  return row as SubstationRow;
}

export async function updateSubstation(
  tx: Db,
  id: string,
  set: Partial<typeof coalSubstations.$inferInsert>,
) {
  await tx.update(coalSubstations).set(set).where(eq(coalSubstations.id, id));
}

/** Stores reported states; returns how many were new. */
export async function insertStates(tx: Db, rows: (typeof coalDeviceStates.$inferInsert)[]) {
  if (rows.length === 0) {
    return 0;
  }
  const done = await tx
    .insert(coalDeviceStates)
    .values(rows)
    .onConflictDoNothing()
    .returning({ at: coalDeviceStates.at });
  return done.length;
}

/** The latest reported state of each device of a kind at a mine. */
export async function latestStates(db: Db, mineId: string, device: 'substation' | 'station') {
  return queryRows<{ code: string; at: Date | string; run_status: string; power_status: string }>(
    db,
    sql`SELECT DISTINCT ON (code) code, at, run_status, power_status FROM coal_device_states
        WHERE mine_id = ${mineId} AND device = ${device} ORDER BY code, at DESC`,
  );
}

/** A device's reported states in [from, to], oldest first (with the last one before `from`). */
export async function statesBetween(
  db: Db,
  mineId: string,
  device: 'substation' | 'station',
  from: Date,
  to: Date,
) {
  const before = await queryRows<{ code: string; at: Date | string; run_status: string }>(
    db,
    sql`SELECT DISTINCT ON (code) code, at, run_status FROM coal_device_states
        WHERE mine_id = ${mineId} AND device = ${device} AND at < ${from.toISOString()}::timestamptz
        ORDER BY code, at DESC`,
  );
  const within = await db
    .select({
      code: coalDeviceStates.code,
      at: coalDeviceStates.at,
      run_status: coalDeviceStates.runStatus,
    })
    .from(coalDeviceStates)
    .where(
      and(
        eq(coalDeviceStates.mineId, mineId),
        eq(coalDeviceStates.device, device),
        gte(coalDeviceStates.at, from),
        lte(coalDeviceStates.at, to),
      ),
    )
    .orderBy(asc(coalDeviceStates.code), asc(coalDeviceStates.at));
  return [...before, ...within];
}

/** The substation a minewatch point hangs on, when the point was defined by the mine's files. */
export async function substationOfSensor(db: Db, sensorId: string) {
  const [row] = await queryRows<{ code: string }>(
    db,
    sql`SELECT substation_code AS code FROM coal_points WHERE sensor_id = ${sensorId} LIMIT 1`,
  );
  return row?.code;
}

/** The substations a mine's minewatch points hang on (points defined by its files). */
export async function substationsWithPoints(db: Db, mineId: string) {
  const rows = await queryRows<{ code: string }>(
    db,
    sql`SELECT DISTINCT substation_code AS code FROM coal_points
        WHERE mine_id = ${mineId} AND sensor_id IS NOT NULL ORDER BY 1`,
  );
  return rows.map((r) => r.code);
}
