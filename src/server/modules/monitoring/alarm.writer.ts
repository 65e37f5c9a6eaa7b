/**
 * @module Writes alarm changes inside the caller's transaction: open (one per subject and kind, the
 * partial unique index decides), level changes (a higher level restarts the call policy), clearing and
 * recurring. Every change goes on the alarm's timeline. Updates are guarded by `closed_at IS NULL`, so
 * an alarm closed meanwhile by another process makes the writer open a new one instead.
 */
import { levelRank, type WarningLevel } from '../../../shared/monitoring.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  addEvent,
  closeAlarmAt,
  findOpenAlarm,
  insertOpenAlarm,
  markClearing,
  moveOpenAlarm,
  type AlarmRaise,
} from './alarm.repository.ts';
import { inMaintenance } from './maintenance.repository.ts';

export interface AlarmSubject {
  mineId: string;
  sensorId: string | null;
  facilityId: string | null;
  /** 'sensor:<id>' | 'mine:<id>' */
  subject: string;
}

/**
 * Raises a kind on a subject: opens the alarm, or moves an open one to the new level (or back from
 * clearing). Returns the open alarm and whether a new one was opened. A `historic` raise (from readings
 * older than the history age) records the alarm and calls nobody.
 */
export async function raiseAlarm(
  tx: Db,
  s: AlarmSubject,
  r: AlarmRaise,
  known: { id: string; level: WarningLevel } | undefined,
  at: Date,
  historic = false,
): Promise<{ id: string; level: WarningLevel; opened: boolean }> {
  if (known?.id) {
    const up = levelRank(r.level) > levelRank(known.level);
    const row = await moveOpenAlarm(tx, known.id, r, up, at, historic);
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
  const id = await insertOpenAlarm(tx, s, r, suppressed, at, historic);
  if (id) {
    await addEvent(tx, id, at, 'opened', { detail: r.detail, value: r.value }, r.level);
    if (historic) {
      await addEvent(tx, id, at, 'historic', {
        reason: '历史告警: 读数时间早于叫应时限, 只记录不叫应',
      });
    }
    if (suppressed) {
      await addEvent(tx, id, at, 'suppressed', { reason: '维护期内: 记录告警, 不叫应' }, r.level);
    }
    return { id, level: r.level, opened: true };
  }
  // Opened meanwhile by someone else (another process, the silence job): continue on that one.
  const other = await findOpenAlarm(tx, s.subject, r.kind);
  if (!other) {
    throw new Error(`alarm ${s.subject} ${r.kind} neither inserted nor found`);
  }
  return raiseAlarm(tx, s, r, { id: other.id, level: other.level }, at, historic);
}

/** Closes an open alarm whose clear condition held from its clearing until the reading at `t` (ms). */
export async function closeHeldAlarm(tx: Db, alarmId: string, t: number, at: Date) {
  if (await closeAlarmAt(tx, alarmId, t)) {
    await addEvent(tx, alarmId, at, 'resolved', {
      reason: '自动解除',
      endedAt: new Date(t).toISOString(),
    });
  }
}

/** Starts clearing an open alarm: it resolves once the clear condition has held long enough. */
export async function startClearing(tx: Db, alarmId: string, sinceMs: number, at: Date) {
  if (await markClearing(tx, alarmId, sinceMs)) {
    await addEvent(tx, alarmId, at, 'clearing', { since: new Date(sinceMs).toISOString() });
  }
}
