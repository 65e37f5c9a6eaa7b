/**
 * @module All SQL of the folds put off (`monitoring_pending_folds`): recorded with the late readings,
 * read when the engine loads a mine or starts, deleted when the fold has run.
 */
import { inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { monitoringPendingFolds } from './pending-fold.table.ts';

/** A sensor's fold put off, from its earliest late reading (ms). */
export interface PendingFold {
  sensorId: string;
  since: number;
}

const uuids = (xs: PendingFold[]) => `{${xs.map((x) => x.sensorId).join(',')}}`;
const times = (xs: PendingFold[]) => `{${xs.map((x) => x.since).join(',')}}`;

/** Records folds put off; a sensor already waiting keeps the earlier of the two times. */
export async function recordPendingFolds(tx: Db, folds: PendingFold[]): Promise<void> {
  if (folds.length === 0) {
    return;
  }
  await tx.execute(
    sql`INSERT INTO monitoring_pending_folds (sensor_id, since)
        SELECT id, to_timestamp(ms / 1000.0) FROM unnest(${uuids(folds)}::uuid[], ${times(folds)}::float8[]) AS q(id, ms)
        ON CONFLICT (sensor_id) DO UPDATE
          SET since = least(monitoring_pending_folds.since, excluded.since)`,
  );
}

/**
 * Deletes the folds that have run, each only if it waited from no earlier than the time it was run
 * from (a later late reading recorded meanwhile by another writer keeps its row).
 */
export async function clearPendingFolds(tx: Db, folds: PendingFold[]): Promise<void> {
  if (folds.length === 0) {
    return;
  }
  await tx.execute(
    sql`DELETE FROM monitoring_pending_folds p
        USING unnest(${uuids(folds)}::uuid[], ${times(folds)}::float8[]) AS q(id, ms)
        WHERE p.sensor_id = q.id AND p.since >= to_timestamp(q.ms / 1000.0)`,
  );
}

/** The folds waiting for sensors. */
export async function pendingFoldsOf(db: Db, sensorIds: string[]): Promise<PendingFold[]> {
  if (sensorIds.length === 0) {
    return [];
  }
  const rows = await db
    .select()
    .from(monitoringPendingFolds)
    .where(inArray(monitoringPendingFolds.sensorId, sensorIds));
  return rows.map((r) => ({ sensorId: r.sensorId, since: r.since.getTime() }));
}

/** The mines with a fold waiting. */
export async function minesWithPendingFolds(db: Db): Promise<string[]> {
  const rows = await queryRows<{ mine_id: string }>(
    db,
    sql`SELECT DISTINCT s.mine_id FROM monitoring_pending_folds p
        JOIN monitoring_sensors s ON s.id = p.sensor_id`,
  );
  return rows.map((r) => r.mine_id);
}
