/**
 * @module Writes alarm changes inside the caller's transaction: open (one per subject and kind, the
 * partial unique index decides), level changes (a higher level restarts the call policy), clearing and
 * recurring. Every change goes on the alarm's timeline. Updates are guarded by `closed_at IS NULL`, so
 * an alarm closed meanwhile by another process makes the writer open a new one instead.
 */
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { levelRank, type AlarmKind, type WarningLevel } from '../../../shared/monitoring.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { queryRows } from '../../platform/db/client.ts';
import { alarmEvents, alarms, maintenanceWindows } from './monitoring.table.ts';

export interface AlarmSubject {
  mineId: string;
  sensorId: string | null;
  facilityId: string | null;
  /** 'sensor:<id>' | 'mine:<id>' */
  subject: string;
}

export async function addEvent(
  tx: Db,
  alarmId: string,
  at: Date,
  type: string,
  detail: Record<string, unknown> = {},
  level: WarningLevel | null = null,
  actor: string | null = null,
) {
  await tx.insert(alarmEvents).values({ alarmId, at, type, level, actor, detail });
}

/** Whether a maintenance window covers the subject now (calls are then suppressed). */
export async function inMaintenance(tx: Db, s: AlarmSubject, at: Date): Promise<boolean> {
  const rows = await tx
    .select({ id: maintenanceWindows.id })
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.mineId, s.mineId),
        lte(maintenanceWindows.startsAt, at),
        gt(maintenanceWindows.endsAt, at),
        isNull(maintenanceWindows.cancelledAt),
        or(
          isNull(maintenanceWindows.sensorId),
          s.sensorId ? eq(maintenanceWindows.sensorId, s.sensorId) : sql`false`,
        ),
        or(
          isNull(maintenanceWindows.facilityId),
          s.facilityId ? eq(maintenanceWindows.facilityId, s.facilityId) : sql`false`,
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export interface Raise {
  kind: AlarmKind;
  level: WarningLevel;
  detail: string;
  /** The reading's time (ms) and value, when a reading raised it. */
  triggeredAt: number;
  value: number | null;
}

/**
 * Raises a kind on a subject: opens the alarm, or moves an open one to the new level (or back from
 * clearing). Returns the open alarm and whether a new one was opened.
 */
export async function raiseAlarm(
  tx: Db,
  s: AlarmSubject,
  r: Raise,
  known: { id: string; level: WarningLevel } | undefined,
  at: Date,
): Promise<{ id: string; level: WarningLevel; opened: boolean }> {
  if (known) {
    const up = levelRank(r.level) > levelRank(known.level);
    const [row] = await tx
      .update(alarms)
      .set({
        level: r.level,
        peakLevel: sql`CASE WHEN ${levelRank(r.level)} > array_position(ARRAY['蓝色','黄色','橙色','红色'], ${alarms.peakLevel}) - 1 THEN ${r.level} ELSE ${alarms.peakLevel} END`,
        clearSince: null,
        lastValue: r.value,
        detail: r.detail,
        // A higher level needs a new acknowledgement: the call policy of that level starts over.
        ...(up
          ? {
              state: '待叫应',
              acknowledgedAt: null,
              acknowledgedBy: null,
              callStep: 0,
              callRound: 0,
              stepStartedAt: null,
              nextCallAt: sql`CASE WHEN ${alarms.suppressed} THEN NULL ELSE ${at.toISOString()}::timestamptz END`,
            }
          : {}),
      })
      .where(and(eq(alarms.id, known.id), isNull(alarms.closedAt)))
      .returning({ id: alarms.id, clearSince: alarms.clearSince });
    if (row) {
      await addEvent(
        tx,
        known.id,
        at,
        r.level === known.level ? 'recurred' : 'level_changed',
        { from: known.level, to: r.level, value: r.value, detail: r.detail },
        r.level,
      );
      return { id: known.id, level: r.level, opened: false };
    }
  }
  const suppressed = await inMaintenance(tx, s, at);
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO alarms (mine_id, sensor_id, facility_id, subject, kind, level, peak_level, state, detail,
          opened_at, triggered_at, last_value, suppressed, next_call_at)
        VALUES (${s.mineId}, ${s.sensorId}, ${s.facilityId}, ${s.subject}, ${r.kind}, ${r.level}, ${r.level}, '待叫应',
          ${r.detail}, ${at.toISOString()}::timestamptz, to_timestamp(${r.triggeredAt} / 1000.0), ${r.value},
          ${suppressed}, ${suppressed ? null : at.toISOString()}::timestamptz)
        ON CONFLICT (subject, kind) WHERE closed_at IS NULL DO NOTHING
        RETURNING id`,
  );
  const id = inserted[0]?.id;
  if (id) {
    await addEvent(tx, id, at, 'opened', { detail: r.detail, value: r.value }, r.level);
    if (suppressed) {
      await addEvent(tx, id, at, 'suppressed', { reason: '维护期内: 记录告警, 不叫应' }, r.level);
    }
    return { id, level: r.level, opened: true };
  }
  // Opened meanwhile by someone else (another process, the silence job): continue on that one.
  const [other] = await tx
    .select({ id: alarms.id, level: alarms.level })
    .from(alarms)
    .where(and(eq(alarms.subject, s.subject), eq(alarms.kind, r.kind), isNull(alarms.closedAt)));
  if (!other) {
    throw new Error(`alarm ${s.subject} ${r.kind} neither inserted nor found`);
  }
  return raiseAlarm(tx, s, r, { id: other.id, level: other.level }, at);
}

/** Starts clearing an open alarm: it resolves once the clear condition has held long enough. */
export async function startClearing(tx: Db, alarmId: string, sinceMs: number, at: Date) {
  const rows = await tx
    .update(alarms)
    .set({ clearSince: sql`to_timestamp(${sinceMs} / 1000.0)` })
    .where(and(eq(alarms.id, alarmId), isNull(alarms.closedAt), isNull(alarms.clearSince)))
    .returning({ id: alarms.id });
  if (rows.length) {
    await addEvent(tx, alarmId, at, 'clearing', { since: new Date(sinceMs).toISOString() });
  }
}
