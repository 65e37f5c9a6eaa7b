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
  dropHeldEvents,
  findOpenAlarm,
  insertHistoricAlarms,
  insertOpenAlarm,
  markClearing,
  moveOpenAlarm,
  type AlarmRaise,
  type HeldOpenRow,
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
    await recordOpened(tx, id, r, at, historic, suppressed);
    return { id, level: r.level, opened: true };
  }
  // Opened meanwhile by someone else (another process, the silence job): continue on that one.
  const other = await findOpenAlarm(tx, s.subject, r.kind);
  if (!other) {
    throw new Error(`alarm ${s.subject} ${r.kind} neither inserted nor found`);
  }
  return raiseAlarm(tx, s, r, { id: other.id, level: other.level }, at, historic);
}

/** The timeline of an alarm just opened: opened, and whether it is historic or in a maintenance window. */
async function recordOpened(
  tx: Db,
  id: string,
  r: AlarmRaise,
  at: Date,
  historic: boolean,
  suppressed: boolean,
) {
  await addEvent(tx, id, at, 'opened', { detail: r.detail, value: r.value }, r.level);
  if (historic) {
    await addEvent(tx, id, at, 'historic', {
      reason: '历史告警: 读数时间早于叫应时限, 只记录不叫应',
    });
  }
  if (suppressed) {
    await addEvent(tx, id, at, 'suppressed', { reason: '维护期内: 记录告警, 不叫应' }, r.level);
  }
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

/** An alarm HeldOpens could not insert (one of its subject and kind was open): the one it joined. */
export interface Rejoined {
  sensorId: string | null;
  kind: HeldOpenRow['kind'];
  heldId: string;
  id: string;
}

/**
 * 历史告警 that the engine's writer opens, held in memory and inserted together at `flush` (one
 * statement for a mine's 缺线 after an outage, or a replay's alarms, instead of two a point). Their ids
 * are made here, so the engine can refer to them at once; clearing one still held only changes the
 * row to be written. Anything else done to a held alarm must wait for `flush`. Its timeline entries
 * go through the transaction's held events (holdEvents), which are written after the alarms.
 */
export class HeldOpens {
  private readonly rows = new Map<string, HeldOpenRow>();

  has(id: string | undefined): boolean {
    return id !== undefined && this.rows.has(id);
  }

  get size(): number {
    return this.rows.size;
  }

  /** Opens a historic alarm to be inserted at flush; its id. */
  async open(tx: Db, s: AlarmSubject, r: AlarmRaise, at: Date): Promise<string> {
    const id = crypto.randomUUID();
    const suppressed = await inMaintenance(tx, s, at);
    this.rows.set(id, { id, ...s, ...r, suppressed, clearSince: Number.NaN, at });
    await recordOpened(tx, id, r, at, true, suppressed);
    return id;
  }

  /** Starts clearing a held alarm (as startClearing does for a stored one). */
  async clear(tx: Db, id: string, sinceMs: number, at: Date): Promise<void> {
    const row = this.rows.get(id);
    if (row && Number.isNaN(row.clearSince)) {
      row.clearSince = sinceMs;
      await addEvent(tx, id, at, 'clearing', { since: new Date(sinceMs).toISOString() });
    }
  }

  /**
   * Inserts the held alarms. One that meets an open alarm of its subject and kind (opened meanwhile
   * elsewhere) joins that one instead, as raiseAlarm would: returned, so the caller can follow it.
   */
  async flush(tx: Db): Promise<Rejoined[]> {
    const rows = [...this.rows.values()];
    this.rows.clear();
    const inserted = await insertHistoricAlarms(tx, rows);
    const rejoined: Rejoined[] = [];
    for (const row of rows) {
      if (inserted.has(row.id)) {
        continue;
      }
      dropHeldEvents(tx, row.id);
      const r = await raiseAlarm(tx, row, row, undefined, row.at, true);
      if (!Number.isNaN(row.clearSince)) {
        await startClearing(tx, r.id, row.clearSince, row.at);
      }
      rejoined.push({ sensorId: row.sensorId, kind: row.kind, heldId: row.id, id: r.id });
    }
    return rejoined;
  }
}
