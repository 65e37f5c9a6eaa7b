/**
 * @module SQL of a mine's points as its system defines them: the definitions with their current
 * thresholds and the minewatch point each feeds, new threshold versions, the marked status records and
 * the episodes they form.
 */
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { CoalEpisodeKind } from '../../../shared/coal-upload.enums.ts';
import type { SensorSpec } from '../../../shared/monitoring.schemas.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { monitoringSensors } from '../monitoring/monitoring.table.ts';
import { mines } from '../registry/mine.table.ts';
import { coalPointEpisodes } from './coal-review.table.ts';
import {
  coalPoints,
  coalPointStates,
  coalPointStatus,
  coalPointThresholds,
} from './coal-point.table.ts';

export type CoalPointRow = typeof coalPoints.$inferSelect;
export type CoalThresholdRow = typeof coalPointThresholds.$inferSelect;

/** A point with its current thresholds and the minewatch point it feeds (spec, number, quantity). */
export interface PointWithSensor {
  point: CoalPointRow;
  thresholds: CoalThresholdRow | null;
  sensor: { id: string; no: number; quantity: string; spec: SensorSpec; version: number } | null;
}

const CHUNK = 5000;

/** A mine's points of these codes (every point when `codes` is undefined), by code. */
export async function pointsOf(
  db: Db,
  mineId: string,
  codes?: string[],
): Promise<Map<string, PointWithSensor>> {
  const out = new Map<string, PointWithSensor>();
  const lists = codes ? chunks(codes) : [undefined];
  for (const list of lists) {
    if (list?.length === 0) {
      continue;
    }
    const rows = await db
      .select({
        point: coalPoints,
        thresholds: coalPointThresholds,
        sensor: {
          id: monitoringSensors.id,
          no: monitoringSensors.no,
          quantity: monitoringSensors.quantity,
          spec: monitoringSensors.spec,
          version: monitoringSensors.version,
        },
      })
      .from(coalPoints)
      .leftJoin(
        coalPointThresholds,
        and(
          eq(coalPointThresholds.pointId, coalPoints.id),
          eq(coalPointThresholds.version, coalPoints.thresholdVersion),
        ),
      )
      .leftJoin(monitoringSensors, eq(monitoringSensors.id, coalPoints.sensorId))
      .where(
        and(eq(coalPoints.mineId, mineId), list ? inArray(coalPoints.pointCode, list) : undefined),
      )
      .orderBy(asc(coalPoints.pointCode));
    for (const r of rows) {
      out.set(r.point.pointCode, r);
    }
  }
  return out;
}

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) {
    out.push(xs.slice(i, i + CHUNK));
  }
  return out.length ? out : [[]];
}

/** The point that feeds a minewatch point (sensor), with its thresholds, or undefined. */
export async function pointOfSensor(
  db: Db,
  sensorId: string,
): Promise<PointWithSensor | undefined> {
  const [row] = await db
    .select({ mineId: coalPoints.mineId, pointCode: coalPoints.pointCode })
    .from(coalPoints)
    .where(eq(coalPoints.sensorId, sensorId))
    .limit(1);
  return row ? (await pointsOf(db, row.mineId, [row.pointCode])).get(row.pointCode) : undefined;
}

/** A point's newest status record other than 正常 (the mine's marked readings and alarm states). */
export async function latestStatus(db: Db, pointId: string) {
  const [row] = await db
    .select()
    .from(coalPointStatus)
    .where(eq(coalPointStatus.pointId, pointId))
    .orderBy(sql`${coalPointStatus.ts} DESC`)
    .limit(1);
  return row;
}

export async function insertPoint(tx: Db, values: typeof coalPoints.$inferInsert) {
  const [row] = await tx.insert(coalPoints).values(values).returning();
  return row as CoalPointRow;
}

export async function updatePoint(
  tx: Db,
  id: string,
  set: Partial<typeof coalPoints.$inferInsert>,
): Promise<CoalPointRow> {
  const [row] = await tx.update(coalPoints).set(set).where(eq(coalPoints.id, id)).returning();
  return row as CoalPointRow;
}

export async function insertThresholds(tx: Db, values: typeof coalPointThresholds.$inferInsert) {
  const [row] = await tx.insert(coalPointThresholds).values(values).returning();
  return row as CoalThresholdRow;
}

/** A point's threshold versions, the newest first. */
export function thresholdHistory(db: Db, pointId: string) {
  return db
    .select()
    .from(coalPointThresholds)
    .where(eq(coalPointThresholds.pointId, pointId))
    .orderBy(sql`${coalPointThresholds.version} DESC`);
}

/** Stores marked status records; returns how many were new (the rest were stored before). */
export async function insertStatusRecords(
  tx: Db,
  rows: { pointId: string; ts: Date; value: number; status: number }[],
): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const done = await tx
      .insert(coalPointStatus)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoNothing()
      .returning({ ts: coalPointStatus.ts });
    n += done.length;
  }
  return n;
}

/** One stretch of a point's records of one kind, as a file gives it. */
export interface EpisodeRun {
  mineId: string;
  pointId: string;
  kind: CoalEpisodeKind;
  from: Date;
  to: Date;
  detail: string;
}

/**
 * Joins each run to the stored episode of its point and kind within `gapMs` of it (widening that one),
 * or stores it as a new one. Idempotent: a run stored before changes nothing.
 */
export async function mergeEpisodes(tx: Db, runs: EpisodeRun[], gapMs: number): Promise<void> {
  for (const r of runs) {
    const [near] = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM coal_point_episodes
          WHERE point_id = ${r.pointId} AND kind = ${r.kind}
            AND started_at <= ${new Date(r.to.getTime() + gapMs).toISOString()}::timestamptz
            AND ended_at >= ${new Date(r.from.getTime() - gapMs).toISOString()}::timestamptz
          ORDER BY started_at LIMIT 1`,
    );
    if (near) {
      await tx
        .update(coalPointEpisodes)
        .set({
          startedAt: sql`LEAST(${coalPointEpisodes.startedAt}, ${r.from.toISOString()}::timestamptz)`,
          endedAt: sql`GREATEST(${coalPointEpisodes.endedAt}, ${r.to.toISOString()}::timestamptz)`,
        })
        .where(eq(coalPointEpisodes.id, near.id));
    } else {
      await tx
        .insert(coalPointEpisodes)
        .values({
          mineId: r.mineId,
          pointId: r.pointId,
          kind: r.kind,
          startedAt: r.from,
          endedAt: r.to,
          detail: r.detail,
        })
        .onConflictDoNothing();
    }
  }
}

/** A point's state as reported (value and 测点状态) at a time. */
export interface PointState {
  pointId: string;
  ts: Date;
  value: number;
  status: number;
}

/** Each point's last stored state at or before `at` (points without one are absent). */
export async function statesAtOrBefore(
  db: Db,
  pointIds: string[],
  at: Date,
): Promise<Map<string, PointState>> {
  const out = new Map<string, PointState>();
  for (const list of chunks(pointIds)) {
    if (list.length === 0) {
      continue;
    }
    const rows = await queryRows<{ point_id: string; ts: string; value: number; status: number }>(
      db,
      sql`SELECT DISTINCT ON (point_id) point_id, ts, value, status FROM coal_point_states
          WHERE point_id IN (${sql.join(
            list.map((id) => sql`${id}`),
            sql`, `,
          )}) AND ts <= ${at.toISOString()}::timestamptz
          ORDER BY point_id, ts DESC`,
    );
    for (const r of rows) {
      out.set(r.point_id, {
        pointId: r.point_id,
        ts: new Date(r.ts),
        value: r.value,
        status: r.status,
      });
    }
  }
  return out;
}

/** Stores states; returns how many were new. */
export async function insertStates(tx: Db, rows: PointState[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const done = await tx
      .insert(coalPointStates)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoNothing()
      .returning({ ts: coalPointStates.ts });
    n += done.length;
  }
  return n;
}

/** Each of a mine's points' latest stored state. */
export async function latestStatesOf(db: Db, mineId: string): Promise<Map<string, PointState>> {
  const rows = await queryRows<{ point_id: string; ts: string; value: number; status: number }>(
    db,
    sql`SELECT DISTINCT ON (s.point_id) s.point_id, s.ts, s.value, s.status
        FROM coal_point_states s JOIN coal_points p ON p.id = s.point_id
        WHERE p.mine_id = ${mineId} ORDER BY s.point_id, s.ts DESC`,
  );
  return new Map(
    rows.map((r) => [
      r.point_id,
      { pointId: r.point_id, ts: new Date(r.ts), value: r.value, status: r.status },
    ]),
  );
}

/** The mines (with a 煤矿编码) whose systems have defined points by file, by 煤矿编码. */
export async function uploadingMines(
  db: Db,
): Promise<{ id: string; coalCode: string; name: string }[]> {
  const rows = await db
    .selectDistinct({ id: mines.id, coalCode: mines.coalCode, name: mines.name })
    .from(mines)
    .innerJoin(coalPoints, eq(coalPoints.mineId, mines.id))
    .where(isNotNull(mines.coalCode))
    .orderBy(asc(mines.coalCode));
  return rows.map((r) => ({ ...r, coalCode: r.coalCode ?? '' }));
}
