/**
 * @module SQL of what the files reveal against minewatch's own data: the mine's abnormal-alarm records and
 * the minewatch alarm each matches, the mine's statistics and minewatch's 5-minute statistics of the same
 * periods, the data-quality findings, and minewatch's 超限 the mine filed no abnormal alarm for.
 */
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { CoalFindingKind } from '../../../shared/coal-upload.enums.ts';
import type { AlarmKind } from '../../../shared/monitoring.enums.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import {
  coalAbnormalAlarms,
  coalFindings,
  coalPointEpisodes,
  coalStatistics,
} from './coal-review.table.ts';
import { coalPoints } from './coal-point.table.ts';

export type AbnormalRow = typeof coalAbnormalAlarms.$inferSelect;
export type FindingRow = typeof coalFindings.$inferSelect;

const list = (xs: ArrayLike<number>) => `{${Array.prototype.join.call(xs, ',')}}`;

/** A mine's stored abnormal-alarm records of these points, by `${pointCode}|${type}|${start ms}`. */
export async function abnormalAlarmsOf(db: Db, mineId: string, pointCodes: string[]) {
  const rows = pointCodes.length
    ? await db
        .select()
        .from(coalAbnormalAlarms)
        .where(
          and(
            eq(coalAbnormalAlarms.mineId, mineId),
            inArray(coalAbnormalAlarms.pointCode, pointCodes),
          ),
        )
    : [];
  return new Map<string, AbnormalRow>(
    rows.map((r) => [`${r.pointCode}|${r.abnormalType}|${r.startTime.getTime()}`, r]),
  );
}

export async function insertAbnormalAlarm(tx: Db, values: typeof coalAbnormalAlarms.$inferInsert) {
  const [row] = await tx.insert(coalAbnormalAlarms).values(values).returning();
  return row as AbnormalRow;
}

export async function updateAbnormalAlarm(
  tx: Db,
  id: string,
  set: Partial<typeof coalAbnormalAlarms.$inferInsert>,
) {
  const [row] = await tx
    .update(coalAbnormalAlarms)
    .set(set)
    .where(eq(coalAbnormalAlarms.id, id))
    .returning();
  return row as AbnormalRow;
}

/**
 * The minewatch alarm of a sensor, of one of `kinds`, whose time overlaps [from, to] (to = null: still
 * going), the one raised nearest `from`; undefined when there is none.
 */
export async function overlappingAlarm(
  db: Db,
  sensorId: string,
  kinds: readonly AlarmKind[],
  from: Date,
  to: Date | null,
): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM alarms
        WHERE sensor_id = ${sensorId} AND kind IN (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})
          AND triggered_at <= ${to ? to.toISOString() : 'infinity'}::timestamptz
          AND COALESCE(closed_at, 'infinity'::timestamptz) >= ${from.toISOString()}::timestamptz
        ORDER BY abs(extract(epoch FROM triggered_at - ${from.toISOString()}::timestamptz)), id
        LIMIT 1`,
  );
  return row?.id;
}

/** Minewatch's 5-minute statistics over each period of a sensor: min, max, sum and count (index order). */
export async function statsOverPeriods(
  db: Db,
  periods: { no: number; from: number; to: number }[],
): Promise<({ min: number; max: number; sum: number; count: number } | undefined)[]> {
  const out: ({ min: number; max: number; sum: number; count: number } | undefined)[] = periods.map(
    () => undefined,
  );
  if (periods.length === 0) {
    return out;
  }
  const rows = await queryRows<{ i: number; mi: number; ma: number; su: number; c: number }>(
    db,
    sql`SELECT q.i, min(st.min)::float8 AS mi, max(st.max)::float8 AS ma, sum(st.sum)::float8 AS su,
          sum(st.count)::int AS c
        FROM unnest(${list(periods.map((p) => p.no))}::int[], ${list(periods.map((p) => p.from))}::float8[],
                    ${list(periods.map((p) => p.to))}::float8[]) WITH ORDINALITY AS q(no, f, t, i)
        JOIN reading_stats_5m st ON st.sensor_no = q.no
          AND st.bucket >= to_timestamp(q.f / 1000.0) AND st.bucket < to_timestamp(q.t / 1000.0)
        GROUP BY q.i`,
  );
  for (const r of rows) {
    out[Number(r.i) - 1] = {
      min: Number(r.mi),
      max: Number(r.ma),
      sum: Number(r.su),
      count: Number(r.c),
    };
  }
  return out;
}

/** Stores a point's statistics of a period; false when that period was stored before. */
export async function insertStatistics(tx: Db, values: typeof coalStatistics.$inferInsert) {
  const rows = await tx.insert(coalStatistics).values(values).onConflictDoNothing().returning({
    pointId: coalStatistics.pointId,
  });
  return rows.length > 0;
}

/** Records a finding once per (kind, subject); false when it was recorded before. */
export async function insertFinding(tx: Db, values: typeof coalFindings.$inferInsert) {
  const rows = await tx
    .insert(coalFindings)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: coalFindings.id });
  return rows.length > 0;
}

/** The abnormal types whose record answers a minewatch 超限 (超限报警, 断电报警, 超上/下限预警). */
export const OVER_LIMIT_TYPES = ['001', '002', '009', '010'] as const;

/**
 * Minewatch 超限 alarms at points that a mine's system defined, triggered in [from, to), for which the
 * mine filed no abnormal alarm of an over-limit type at that point starting within `withinMs` of the
 * alarm's start (before or after) — and no finding was recorded yet.
 */
export async function unreportedOverLimits(db: Db, from: Date, to: Date, withinMs: number) {
  return queryRows<{
    alarm_id: string;
    mine_id: string;
    point_id: string;
    point_code: string;
    triggered_at: Date | string;
    level: string;
    last_value: number | null;
  }>(
    db,
    sql`SELECT a.id AS alarm_id, a.mine_id, p.id AS point_id, p.point_code, a.triggered_at, a.level,
          a.last_value
        FROM alarms a
        JOIN coal_points p ON p.sensor_id = a.sensor_id
        WHERE a.kind = '超限' AND a.triggered_at >= ${from.toISOString()}::timestamptz
          AND a.triggered_at < ${to.toISOString()}::timestamptz
          AND NOT EXISTS (
            SELECT 1 FROM coal_abnormal_alarms y
            WHERE y.mine_id = a.mine_id AND y.point_code = p.point_code
              AND y.abnormal_type IN (${sql.join(
                OVER_LIMIT_TYPES.map((t) => sql`${t}`),
                sql`, `,
              )})
              AND y.start_time >= a.triggered_at - ${`${withinMs} milliseconds`}::interval
              AND y.start_time <= a.triggered_at + ${`${withinMs} milliseconds`}::interval)
          AND NOT EXISTS (
            SELECT 1 FROM coal_findings f WHERE f.kind = ${'超限未报异常报警' satisfies CoalFindingKind}
              AND f.subject = 'alarm:' || a.id::text)
        ORDER BY a.triggered_at`,
  );
}

/** A mine's hours with findings of one kind in [from, to): the hour and how many (for its series). */
export async function findingHours(
  db: Db,
  mineId: string,
  kind: CoalFindingKind,
  from: Date,
  to: Date,
) {
  return queryRows<{ hour: Date | string; n: number }>(
    db,
    sql`SELECT date_trunc('hour', at) AS hour, count(*)::int AS n FROM coal_findings
        WHERE mine_id = ${mineId} AND kind = ${kind}
          AND at >= ${from.toISOString()}::timestamptz AND at < ${to.toISOString()}::timestamptz
        GROUP BY 1 ORDER BY 1`,
  );
}

/** A mine's findings (of one kind if given) since `since`, the newest first. */
export function findingsOf(
  db: Db,
  mineId: string,
  f: { kind?: CoalFindingKind | undefined; since: Date },
  limit: number,
) {
  return db
    .select({
      finding: coalFindings,
      pointCode: coalPoints.pointCode,
      location: coalPoints.location,
    })
    .from(coalFindings)
    .leftJoin(coalPoints, eq(coalPoints.id, coalFindings.pointId))
    .where(
      and(
        eq(coalFindings.mineId, mineId),
        gte(coalFindings.at, f.since),
        f.kind ? eq(coalFindings.kind, f.kind) : undefined,
      ),
    )
    .orderBy(desc(coalFindings.at))
    .limit(limit);
}

/** A mine's point episodes (marks and discrepancies) since `since`, the newest first. */
export function episodesOf(db: Db, mineId: string, since: Date, limit: number) {
  return db
    .select({
      episode: coalPointEpisodes,
      pointCode: coalPoints.pointCode,
      location: coalPoints.location,
      sensorId: coalPoints.sensorId,
    })
    .from(coalPointEpisodes)
    .innerJoin(coalPoints, eq(coalPoints.id, coalPointEpisodes.pointId))
    .where(and(eq(coalPointEpisodes.mineId, mineId), gte(coalPointEpisodes.endedAt, since)))
    .orderBy(desc(coalPointEpisodes.startedAt))
    .limit(limit);
}

/** A mine's abnormal-alarm records since `since` (or those matched to one alarm), the newest first. */
export function abnormalAlarmsList(
  db: Db,
  f: { mineId?: string | undefined; alarmId?: string | undefined; since?: Date | undefined },
  limit: number,
) {
  return db
    .select({ alarm: coalAbnormalAlarms, location: coalPoints.location })
    .from(coalAbnormalAlarms)
    .leftJoin(coalPoints, eq(coalPoints.id, coalAbnormalAlarms.pointId))
    .where(
      and(
        f.mineId ? eq(coalAbnormalAlarms.mineId, f.mineId) : undefined,
        f.alarmId ? eq(coalAbnormalAlarms.alarmId, f.alarmId) : undefined,
        f.since ? gte(coalAbnormalAlarms.startTime, f.since) : undefined,
      ),
    )
    .orderBy(desc(coalAbnormalAlarms.startTime))
    .limit(limit);
}

/**
 * The mine's records of points in 断电 (测点状态 bit 2) in [from, to] at points whose 断电 controls a 馈电
 * point (关联关系 D), oldest first, with those points' codes.
 */
export async function powerOffRecords(db: Db, from: Date, to: Date) {
  return queryRows<{
    mine_id: string;
    point_id: string;
    point_code: string;
    ts: string;
    value: number;
    feeds: string[];
  }>(
    db,
    sql`SELECT p.mine_id, p.id AS point_id, p.point_code, s.ts, s.value,
               array(SELECT DISTINCT l->>'pointCode' FROM jsonb_array_elements(p.relations) g,
                     jsonb_array_elements(g) l WHERE l->>'type' = 'D') AS feeds
        FROM coal_point_status s JOIN coal_points p ON p.id = s.point_id
        WHERE s.ts >= ${from.toISOString()}::timestamptz AND s.ts <= ${to.toISOString()}::timestamptz
          AND (s.status & 2) <> 0
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.relations) g, jsonb_array_elements(g) l
                      WHERE l->>'type' = 'D')
        ORDER BY p.id, s.ts`,
  );
}

/** The state of a mine's point (by code) at or before a time: its value, or undefined when none known. */
export async function pointStateAt(db: Db, mineId: string, pointCode: string, at: Date) {
  const [row] = await queryRows<{ id: string; value: number; ts: string }>(
    db,
    sql`SELECT p.id, s.value, s.ts FROM coal_points p
        JOIN coal_point_states s ON s.point_id = p.id
        WHERE p.mine_id = ${mineId} AND p.point_code = ${pointCode}
          AND s.ts <= ${at.toISOString()}::timestamptz
        ORDER BY s.ts DESC LIMIT 1`,
  );
  return row;
}
