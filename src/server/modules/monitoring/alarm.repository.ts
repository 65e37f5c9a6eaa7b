/**
 * @module SQL of alarms: the board and one alarm with its timeline, the writer's open / level / clearing
 * statements (the engine's hot path: keep them one statement each), the handling steps, the reads of
 * sensors, facilities and charts, the inputs of 断网 from the data (network-gap.ts), and the timed work
 * (断线/断网, auto-resolve, maintenance end). The 叫应 loop's own SQL is in alarm-call.repository.ts.
 */
import {
  and,
  asc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lte,
  not,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import {
  levelRank,
  type AlarmCloseReason,
  type AlarmKind,
  type AlarmState,
  type WarningLevel,
} from '../../../shared/monitoring.enums.ts';
import { queryRows, sqlTimeMs, type Db } from '../../platform/db/client.ts';
import { webhookOutbox } from '../notifications/notification.table.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf, likeText, mineInRegion } from '../registry/registry.scope.ts';
import { alarmEvents, alarms, monitoringSensors } from './monitoring.table.ts';

export type AlarmRow = typeof alarms.$inferSelect;

/** An alarm with its mine's name and its sensor's code (null for a mine-wide alarm). */
function selectAlarms(db: Db) {
  return db
    .select({ a: alarms, mineName: mines.name, sensorCode: monitoringSensors.code })
    .from(alarms)
    .innerJoin(mines, eq(mines.id, alarms.mineId))
    .leftJoin(monitoringSensors, eq(monitoringSensors.id, alarms.sensorId));
}
export type AlarmJoinedRow = Awaited<
  ReturnType<ReturnType<typeof selectAlarms>['execute']>
>[number];

/** The select of one alarm with its mine and sensor, for visibleByMine. */
export function alarmSelect(db: Db) {
  return selectAlarms(db).$dynamic();
}

/** What the board shows. */
export interface AlarmFilter {
  mineScope: SQL | undefined;
  /** A region code: alarms at mines in its subtree. */
  region?: string | undefined;
  mineId?: string | undefined;
  sensorId?: string | undefined;
  /** Only open (true) or only closed (false) alarms; both when undefined. */
  open?: boolean | undefined;
  kind?: AlarmKind | undefined;
  level?: WarningLevel | undefined;
  /** Live alarms (raised from current readings, which call people) opened at or after this instant. */
  liveSince?: Date | undefined;
  state?: AlarmState | undefined;
  /** Text in the mine's name or the sensor's code. */
  q?: string | undefined;
  /** Opened at or after / before these instants. */
  openedFrom?: Date | undefined;
  openedBefore?: Date | undefined;
}

/** The board: open alarms first, unanswered before answered, then the highest level, then the oldest. */
export async function listAlarms(db: Db, f: AlarmFilter, limit: number) {
  return selectAlarms(db)
    .where(
      allOf(
        f.mineScope,
        mineInRegion(f.region),
        f.mineId ? eq(alarms.mineId, f.mineId) : undefined,
        f.sensorId ? eq(alarms.sensorId, f.sensorId) : undefined,
        f.open === true
          ? isNull(alarms.closedAt)
          : f.open === false
            ? sql`${alarms.closedAt} IS NOT NULL`
            : undefined,
        f.kind ? eq(alarms.kind, f.kind) : undefined,
        f.level ? eq(alarms.level, f.level) : undefined,
        f.liveSince ? and(gte(alarms.openedAt, f.liveSince), not(alarms.historic)) : undefined,
        f.state ? eq(alarms.state, f.state) : undefined,
        f.q
          ? or(ilike(mines.name, likeText(f.q)), ilike(monitoringSensors.code, likeText(f.q)))
          : undefined,
        f.openedFrom ? gte(alarms.openedAt, f.openedFrom) : undefined,
        f.openedBefore ? sql`${alarms.openedAt} < ${f.openedBefore.toISOString()}` : undefined,
      ),
    )
    .orderBy(
      sql`(${alarms.closedAt} IS NULL) DESC`,
      // A 历史告警 waits for no one: it is not unanswered.
      sql`(${alarms.state} = '待叫应' AND NOT ${alarms.historic}) DESC`,
      sql`array_position(ARRAY['红色','橙色','黄色','蓝色'], ${alarms.level})`,
      asc(alarms.openedAt),
    )
    .limit(limit);
}

/** Open alarms at mines in scope, counted by level, kind and state, with the oldest opening of each. */
export async function openAlarmCounts(
  db: Db,
  f: { mineScope: SQL | undefined; region?: string | undefined },
) {
  return db
    .select({
      level: alarms.level,
      kind: alarms.kind,
      state: alarms.state,
      historic: alarms.historic,
      n: sql<number>`count(*)::int`,
      oldest: sql<string | null>`min(${alarms.openedAt})`,
    })
    .from(alarms)
    .innerJoin(mines, eq(mines.id, alarms.mineId))
    .where(allOf(f.mineScope, mineInRegion(f.region), isNull(alarms.closedAt)))
    .groupBy(alarms.level, alarms.kind, alarms.state, alarms.historic);
}
export type AlarmCountRow = Awaited<ReturnType<typeof openAlarmCounts>>[number];

/** An alarm's timeline entries in the order they were written, at most `limit`. */
export async function alarmEventsOf(db: Db, alarmId: string, limit: number) {
  return db
    .select()
    .from(alarmEvents)
    .where(eq(alarmEvents.alarmId, alarmId))
    .orderBy(asc(alarmEvents.id))
    .limit(limit);
}
export type AlarmEventRow = typeof alarmEvents.$inferSelect;

/** The webhook and e-mail deliveries queued for an alarm's calls, in the order they were queued. */
export async function deliveriesOf(db: Db, alarmId: string) {
  return db
    .select()
    .from(webhookOutbox)
    .where(sql`${webhookOutbox.payload}->>'alarmId' = ${alarmId}`)
    .orderBy(asc(webhookOutbox.id));
}
export type AlarmDeliveryRow = typeof webhookOutbox.$inferSelect;

/** Puts an entry on an alarm's timeline. */
export async function addEvent(
  tx: Db,
  alarmId: string,
  at: Date,
  type: string,
  detail: Record<string, unknown> = {},
  level: WarningLevel | null = null,
  actor: string | null = null,
) {
  const held = heldEvents.get(tx);
  if (held) {
    held.push({ alarmId, at, type, level, actor, detail });
    return;
  }
  await tx.insert(alarmEvents).values({ alarmId, at, type, level, actor, detail });
}

/** Events held back per transaction until flushEvents (the engine's writer: one INSERT for a group). */
const heldEvents = new WeakMap<Db, (typeof alarmEvents.$inferInsert)[]>();
/** Rows per INSERT when held events are written (one JSON parameter). */
const EVENTS_PER_INSERT = 20_000;

/** Timeline entries in one statement: the rows as one JSON parameter (no parameter per field). */
async function insertEvents(tx: Db, rows: (typeof alarmEvents.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += EVENTS_PER_INSERT) {
    const json = JSON.stringify(
      rows.slice(i, i + EVENTS_PER_INSERT).map((e) => ({
        alarm_id: e.alarmId,
        at: e.at,
        type: e.type,
        level: e.level ?? null,
        actor: e.actor ?? null,
        detail: e.detail,
      })),
    );
    await tx.execute(
      sql`INSERT INTO alarm_events (alarm_id, at, type, level, actor, detail)
          SELECT x.alarm_id, x.at, x.type, x.level, x.actor, x.detail
          FROM jsonb_to_recordset(${json}::jsonb)
            AS x(alarm_id uuid, at timestamptz, type text, level text, actor text, detail jsonb)`,
    );
  }
}

/**
 * From now until flushEvents, addEvent on this transaction holds its events and flushEvents writes
 * them together, in the order they were added. For a writer that reads no events back meanwhile.
 */
export function holdEvents(tx: Db): void {
  if (!heldEvents.has(tx)) {
    heldEvents.set(tx, []);
  }
}

/** Drops the events held for an alarm that was not inserted after all (alarm.writer.ts, HeldOpens). */
export function dropHeldEvents(tx: Db, alarmId: string): void {
  const held = heldEvents.get(tx);
  if (held) {
    heldEvents.set(
      tx,
      held.filter((e) => e.alarmId !== alarmId),
    );
  }
}

/** Writes the events held on a transaction (see holdEvents) and stops holding; how many. */
export async function flushEvents(tx: Db): Promise<number> {
  const held = heldEvents.get(tx) ?? [];
  heldEvents.delete(tx);
  await insertEvents(tx, held);
  return held.length;
}

/**
 * Refreshes the planner's statistics of the alarm tables. Plans made while they were nearly empty
 * (a new installation; PGlite has no autovacuum, and a server's may be off) scan them whole for every
 * foreign-key check of a timeline entry; new statistics make them plan again.
 */
export async function analyzeAlarmTables(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE alarms, alarm_events`);
}

/** Changes columns of one alarm. */
export async function updateAlarm(tx: Db, id: string, set: Partial<typeof alarms.$inferInsert>) {
  await tx.update(alarms).set(set).where(eq(alarms.id, id));
}

/** One alarm, locked FOR UPDATE in the caller's transaction. */
export async function lockAlarm(tx: Db, id: string) {
  const [row] = await tx.select().from(alarms).where(eq(alarms.id, id)).for('update');
  return row;
}

// --- the writer (inside the engine's group commit) ---

/** What the writer needs to raise an alarm at a level. */
export interface AlarmRaise {
  kind: AlarmKind;
  level: WarningLevel;
  detail: string;
  /** The reading's time (ms) and value, when a reading raised it. */
  triggeredAt: number;
  value: number | null;
}

/**
 * Moves an open alarm to a level (its peak kept), ending its clearing; a higher level (`up`) starts
 * the call policy over. Undefined when the alarm was closed meanwhile. A raise from current readings
 * (`historic` false) makes a 历史告警 current again, and it starts calling.
 */
export async function moveOpenAlarm(
  tx: Db,
  id: string,
  r: AlarmRaise,
  up: boolean,
  at: Date,
  historic: boolean,
) {
  const restart = up && !historic;
  const [row] = await tx
    .update(alarms)
    .set({
      level: r.level,
      peakLevel: sql`CASE WHEN ${levelRank(r.level)} > array_position(ARRAY['蓝色','黄色','橙色','红色'], ${alarms.peakLevel}) - 1 THEN ${r.level} ELSE ${alarms.peakLevel} END`,
      clearSince: null,
      lastValue: r.value,
      detail: r.detail,
      // A higher level needs a new acknowledgement: the call policy of that level starts over.
      ...(restart
        ? {
            state: '待叫应',
            acknowledgedAt: null,
            acknowledgedBy: null,
            callStep: 0,
            callRound: 0,
            stepStartedAt: null,
          }
        : {}),
      ...(historic
        ? {}
        : {
            historic: false,
            nextCallAt: sql`CASE WHEN ${alarms.suppressed} THEN NULL
              WHEN ${restart} OR ${alarms.historic} THEN ${at.toISOString()}::timestamptz
              ELSE ${alarms.nextCallAt} END`,
          }),
    })
    .where(and(eq(alarms.id, id), isNull(alarms.closedAt)))
    .returning({ id: alarms.id, clearSince: alarms.clearSince });
  return row;
}

/**
 * Opens an alarm unless one of its subject and kind is open (the partial unique index decides):
 * its id, or undefined when another was open. Suppressed and historic alarms get no call timer.
 */
export async function insertOpenAlarm(
  tx: Db,
  s: { mineId: string; sensorId: string | null; facilityId: string | null; subject: string },
  r: AlarmRaise,
  suppressed: boolean,
  at: Date,
  historic = false,
): Promise<string | undefined> {
  const calls = !suppressed && !historic;
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO alarms (mine_id, sensor_id, facility_id, subject, kind, level, peak_level, state, detail,
          opened_at, triggered_at, last_value, suppressed, historic, next_call_at)
        VALUES (${s.mineId}, ${s.sensorId}, ${s.facilityId}, ${s.subject}, ${r.kind}, ${r.level}, ${r.level}, '待叫应',
          ${r.detail}, ${at.toISOString()}::timestamptz, to_timestamp(${r.triggeredAt} / 1000.0), ${r.value},
          ${suppressed}, ${historic}, ${calls ? at.toISOString() : null}::timestamptz)
        ON CONFLICT (subject, kind) WHERE closed_at IS NULL DO NOTHING
        RETURNING id`,
  );
  return inserted[0]?.id;
}

/** A 历史告警 opened by the engine's writer, inserted with others in one statement (alarm.writer.ts). */
export interface HeldOpenRow {
  id: string;
  mineId: string;
  sensorId: string | null;
  facilityId: string | null;
  subject: string;
  kind: AlarmKind;
  level: WarningLevel;
  detail: string;
  /** Reading time that raised it (ms). */
  triggeredAt: number;
  value: number | null;
  suppressed: boolean;
  /** Reading time since which its clear condition holds (ms), NaN while it does not. */
  clearSince: number;
  at: Date;
}

/**
 * Opens 历史告警 (no call timer) with the ids given, unless one of the same subject and kind is open
 * (the partial unique index decides): the ids inserted. One statement for all of them.
 */
export async function insertHistoricAlarms(tx: Db, rows: HeldOpenRow[]): Promise<Set<string>> {
  if (rows.length === 0) {
    return new Set();
  }
  const json = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      mine_id: r.mineId,
      sensor_id: r.sensorId,
      facility_id: r.facilityId,
      subject: r.subject,
      kind: r.kind,
      level: r.level,
      detail: r.detail,
      opened_at: r.at.toISOString(),
      t: sqlTimeMs(r.triggeredAt),
      value: r.value,
      suppressed: r.suppressed,
      clear: Number.isNaN(r.clearSince) ? null : sqlTimeMs(r.clearSince),
    })),
  );
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO alarms (id, mine_id, sensor_id, facility_id, subject, kind, level, peak_level, state, detail,
          opened_at, triggered_at, last_value, suppressed, historic, next_call_at, clear_since)
        SELECT x.id, x.mine_id, x.sensor_id, x.facility_id, x.subject, x.kind, x.level, x.level, '待叫应',
          x.detail, x.opened_at, to_timestamp(x.t / 1000.0), x.value, x.suppressed, true, NULL,
          to_timestamp(x.clear / 1000.0)
        FROM jsonb_to_recordset(${json}::jsonb) AS x(id uuid, mine_id uuid, sensor_id uuid, facility_id uuid,
          subject text, kind text, level text, detail text, opened_at timestamptz, t float8, value float8,
          suppressed boolean, clear float8)
        ON CONFLICT (subject, kind) WHERE closed_at IS NULL DO NOTHING
        RETURNING id`,
  );
  return new Set(inserted.map((r) => r.id));
}

/** The open alarm of a subject and kind, if any. */
export async function findOpenAlarm(tx: Db, subject: string, kind: AlarmKind) {
  const [row] = await tx
    .select({ id: alarms.id, level: alarms.level })
    .from(alarms)
    .where(and(eq(alarms.subject, subject), eq(alarms.kind, kind), isNull(alarms.closedAt)));
  return row;
}

/** Marks an open alarm as clearing since a time (ms); false when it was closed or clearing already. */
export async function markClearing(tx: Db, alarmId: string, sinceMs: number): Promise<boolean> {
  const rows = await tx
    .update(alarms)
    .set({ clearSince: sql`to_timestamp(${sinceMs} / 1000.0)` })
    .where(and(eq(alarms.id, alarmId), isNull(alarms.closedAt), isNull(alarms.clearSince)))
    .returning({ id: alarms.id });
  return rows.length > 0;
}

/**
 * Closes an open alarm in event time: its clear condition held from `clearSince` until the reading at
 * `t` (ms). False when it was closed meanwhile.
 */
export async function closeAlarmAt(tx: Db, id: string, t: number): Promise<boolean> {
  const rows = await tx
    .update(alarms)
    .set({
      closedAt: sql`to_timestamp(${t} / 1000.0)`,
      closeReason: '自动解除',
      state: '已解除',
      nextCallAt: null,
    })
    .where(and(eq(alarms.id, id), isNull(alarms.closedAt)))
    .returning({ id: alarms.id });
  return rows.length > 0;
}

/** An alarm's course as the event-time reads select it (COURSE_COLUMNS). */
interface CourseRow {
  id: string;
  sensor_id: string | null;
  kind: AlarmKind;
  level: WarningLevel;
  peak_level: WarningLevel;
  triggered_at: string | Date;
  clear_since: string | Date | null;
  closed_at: string | Date | null;
  close_reason: AlarmCloseReason | null;
  historic: boolean;
}

const COURSE_COLUMNS = sql.raw(`a.id, a.sensor_id, a.kind, a.level, a.peak_level, a.triggered_at,
  a.clear_since, a.closed_at, a.close_reason, a.historic`);

const dateOrNull = (d: string | Date | null) => (d === null ? null : new Date(d));

function courseOf(r: CourseRow): OverlappingAlarm {
  return {
    id: r.id,
    kind: r.kind,
    level: r.level,
    peakLevel: r.peak_level,
    triggeredAt: new Date(r.triggered_at),
    clearSince: dateOrNull(r.clear_since),
    closedAt: dateOrNull(r.closed_at),
    closeReason: r.close_reason,
    historic: r.historic,
  };
}

/**
 * Sensors' alarms from their readings whose course overlaps each sensor's [from, to] (ms): what folds
 * of those stretches re-derive. Alarms already replaced by such a fold are left out. By sensor id.
 */
export async function alarmsForFolds(
  tx: Db,
  spans: { sensorId: string; from: number; to: number }[],
) {
  const out = new Map<string, OverlappingAlarm[]>();
  if (spans.length === 0) {
    return out;
  }
  const rows = await queryRows<CourseRow & { sensor_id: string }>(
    tx,
    sql`SELECT ${COURSE_COLUMNS}
        FROM unnest(${`{${spans.map((x) => x.sensorId).join(',')}}`}::uuid[],
                    ${`{${spans.map((x) => sqlTimeMs(x.from)).join(',')}}`}::float8[],
                    ${`{${spans.map((x) => sqlTimeMs(x.to)).join(',')}}`}::float8[]) AS q(id, f, t)
        JOIN alarms a ON a.sensor_id = q.id
        WHERE a.kind IN ('超限', '变化速率', '平线', '数据异常', '断线')
          AND a.triggered_at <= to_timestamp(q.t / 1000.0)
          AND (a.closed_at IS NULL OR a.closed_at >= to_timestamp(q.f / 1000.0))
          AND a.close_reason IS DISTINCT FROM '补传重判'
        ORDER BY a.triggered_at`,
  );
  for (const r of rows) {
    const list = out.get(r.sensor_id) ?? [];
    list.push(courseOf(r));
    out.set(r.sensor_id, list);
  }
  return out;
}

/** A stored alarm a fold re-derives. */
export interface OverlappingAlarm {
  id: string;
  kind: AlarmKind;
  level: WarningLevel;
  peakLevel: WarningLevel;
  triggeredAt: Date;
  clearSince: Date | null;
  closedAt: Date | null;
  closeReason: AlarmCloseReason | null;
  historic: boolean;
}

/** What a fold found an alarm's course to be (times in ms; NaN for none). */
export interface AlarmCourse {
  level: WarningLevel;
  peakLevel: WarningLevel;
  triggeredAt: number;
  clearSince: number;
  closedAt: number;
  closeReason: AlarmCloseReason | null;
  lastValue: number | null;
  detail: string;
}

const tsOrNull = (ms: number) =>
  Number.isNaN(ms) ? sql`NULL::timestamptz` : sql`to_timestamp(${ms} / 1000.0)`;

/** Sets an alarm's course as a fold found it; a closed course stops its calls. */
export async function setAlarmCourse(tx: Db, id: string, c: AlarmCourse) {
  const closed = !Number.isNaN(c.closedAt);
  await tx
    .update(alarms)
    .set({
      level: c.level,
      peakLevel: c.peakLevel,
      triggeredAt: sql`${tsOrNull(c.triggeredAt)}`,
      clearSince: sql`${tsOrNull(c.clearSince)}`,
      // A fold that only carried the alarm on (no raise seen) keeps its last value and detail.
      ...(c.detail ? { lastValue: c.lastValue, detail: c.detail } : {}),
      ...(closed
        ? {
            closedAt: sql`${tsOrNull(c.closedAt)}`,
            closeReason: c.closeReason,
            state: '已解除',
            nextCallAt: null,
          }
        : {}),
    })
    .where(eq(alarms.id, id));
}

/**
 * A 历史告警 whose condition current readings show still holds becomes current: its calls start (unless
 * it is in maintenance). False when it was not open and historic.
 */
export async function makeCurrent(tx: Db, id: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(alarms)
    .set({
      historic: false,
      nextCallAt: sql`CASE WHEN ${alarms.suppressed} THEN NULL ELSE ${at.toISOString()}::timestamptz END`,
    })
    .where(and(eq(alarms.id, id), isNull(alarms.closedAt), eq(alarms.historic, true)))
    .returning({ id: alarms.id });
  return rows.length > 0;
}

/**
 * Closes alarms that a fold of resent data does not show (补传重判), with a timeline entry each; they
 * stop calling. One statement each for all of them.
 */
export async function supersedeAlarms(tx: Db, ids: string[], at: Date) {
  if (ids.length === 0) {
    return;
  }
  await tx
    .update(alarms)
    .set({
      closedAt: sql`coalesce(${alarms.closedAt}, ${at.toISOString()}::timestamptz)`,
      closeReason: '补传重判',
      state: '已解除',
      nextCallAt: null,
    })
    .where(inArray(alarms.id, ids));
  await insertEvents(
    tx,
    ids.map((alarmId) => ({
      alarmId,
      at,
      type: 'superseded',
      detail: { reason: '补传数据重新判定: 读数不再显示此告警' },
    })),
  );
}

/** Records an alarm whose whole course a fold found, already closed (no calls). */
export async function insertClosedAlarm(
  tx: Db,
  s: { mineId: string; sensorId: string | null; facilityId: string | null; subject: string },
  kind: AlarmKind,
  c: AlarmCourse,
  historic: boolean,
  at: Date,
): Promise<string> {
  const [row] = await tx
    .insert(alarms)
    .values({
      ...s,
      kind,
      level: c.level,
      peakLevel: c.peakLevel,
      state: '已解除',
      detail: c.detail,
      openedAt: at,
      triggeredAt: new Date(c.triggeredAt),
      lastValue: c.lastValue,
      clearSince: Number.isNaN(c.clearSince) ? null : new Date(c.clearSince),
      historic,
      closedAt: new Date(c.closedAt),
      closeReason: c.closeReason,
    })
    .returning({ id: alarms.id });
  return (row as { id: string }).id;
}

/**
 * Alarms of the mines whose readings lie in [from, to] (what a replay of that span found), oldest
 * first; those a later judgement replaced are left out.
 */
export async function alarmsFoundBetween(db: Db, mineIds: string[], from: Date, to: Date) {
  return db
    .select({
      sensorCode: monitoringSensors.code,
      kind: alarms.kind,
      level: alarms.level,
      peakLevel: alarms.peakLevel,
      triggeredAt: alarms.triggeredAt,
      closedAt: alarms.closedAt,
      closeReason: alarms.closeReason,
      detail: alarms.detail,
    })
    .from(alarms)
    .leftJoin(monitoringSensors, eq(monitoringSensors.id, alarms.sensorId))
    .where(
      and(
        inArray(alarms.mineId, mineIds),
        gte(alarms.triggeredAt, from),
        lte(alarms.triggeredAt, to),
        or(isNull(alarms.closeReason), sql`${alarms.closeReason} <> '补传重判'`),
      ),
    )
    .orderBy(asc(alarms.triggeredAt))
    .limit(10_000);
}

// --- 断网 from the data (network-gap.ts) ---

/**
 * The points of mines that have reported, as 断网 from the data reads them: each one's silence limit
 * (k × interval, as the silence job computes it), first stored reading and newest reading (ms).
 */
export async function networkPoints(tx: Db, mineIds: string[]) {
  if (mineIds.length === 0) {
    return [];
  }
  const rows = await queryRows<{
    sensor_id: string;
    mine_id: string;
    limit_ms: number;
    first_ms: number;
    last_ms: number | null;
  }>(
    tx,
    sql`SELECT s.id AS sensor_id, s.mine_id,
          ((s.spec->>'intervalSeconds')::float8 * coalesce((s.spec->>'silentFactor')::float8, 3) * 1000)::float8 AS limit_ms,
          (extract(epoch FROM f.first) * 1000)::float8 AS first_ms,
          (extract(epoch FROM s.last_reading_at) * 1000)::float8 AS last_ms
        FROM monitoring_sensors s
        CROSS JOIN LATERAL (SELECT min(r.ts) AS first FROM readings r WHERE r.sensor_no = s.no) f
        WHERE s.mine_id IN (SELECT unnest(${`{${mineIds.join(',')}}`}::uuid[]))
          AND s.archived_at IS NULL AND f.first IS NOT NULL`,
  );
  return rows.map((r) => ({
    sensorId: r.sensor_id,
    mineId: r.mine_id,
    limitMs: Number(r.limit_ms),
    firstAt: Number(r.first_ms),
    lastAt: r.last_ms === null ? null : Number(r.last_ms),
  }));
}

/**
 * The 断线 and 断网 alarms of mines still open or closed at or after each mine's time (ms), those a
 * later judgement replaced left out: the silences a 断网 is made of, and the 断网 recorded.
 */
export async function networkGapAlarms(tx: Db, spans: { mineId: string; from: number }[]) {
  if (spans.length === 0) {
    return [];
  }
  const rows = await queryRows<CourseRow & { mine_id: string; sensor_id: string | null }>(
    tx,
    sql`SELECT a.mine_id, ${COURSE_COLUMNS}
        FROM unnest(${`{${spans.map((x) => x.mineId).join(',')}}`}::uuid[],
                    ${`{${spans.map((x) => sqlTimeMs(x.from)).join(',')}}`}::float8[]) AS q(id, f)
        JOIN alarms a ON a.mine_id = q.id
        WHERE a.kind IN ('断线', '断网')
          AND (a.closed_at IS NULL OR a.closed_at >= to_timestamp(q.f / 1000.0))
          AND a.close_reason IS DISTINCT FROM '补传重判'
        ORDER BY a.triggered_at`,
  );
  return rows.map((r) => ({ ...courseOf(r), mineId: r.mine_id, sensorId: r.sensor_id }));
}

// --- reads for sensors, the engine and the chart ---

/**
 * Which of these alarms are closed, with their sensor and kind, 5,000 a statement: an engine that may
 * have missed other nodes' closes catches up (an id not yet committed is simply not found).
 */
export async function closedAlarmsAmong(db: Db, ids: string[]) {
  const out: { id: string; sensorId: string | null; kind: AlarmKind }[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .select({ id: alarms.id, sensorId: alarms.sensorId, kind: alarms.kind })
      .from(alarms)
      .where(and(inArray(alarms.id, ids.slice(i, i + 5000)), isNotNull(alarms.closedAt)));
    out.push(...rows);
  }
  return out;
}

/** Open alarms of sensors (the engine's state at load), 5,000 sensors a statement. */
export async function openAlarmsOfSensors(db: Db, sensorIds: string[]) {
  const out: {
    id: string;
    sensorId: string | null;
    kind: AlarmKind;
    level: WarningLevel;
    clearSince: Date | null;
    historic: boolean;
  }[] = [];
  for (let i = 0; i < sensorIds.length; i += 5000) {
    const rows = await db
      .select({
        id: alarms.id,
        sensorId: alarms.sensorId,
        kind: alarms.kind,
        level: alarms.level,
        clearSince: alarms.clearSince,
        historic: alarms.historic,
      })
      .from(alarms)
      .where(and(inArray(alarms.sensorId, sensorIds.slice(i, i + 5000)), isNull(alarms.closedAt)));
    out.push(...rows);
  }
  return out;
}

/** The levels of the open level alarms (超限, 变化速率) of sensors. */
export async function openLevelAlarmsOf(db: Db, sensorIds: string[]) {
  return db
    .select({ sensorId: alarms.sensorId, level: alarms.level })
    .from(alarms)
    .where(
      and(
        inArray(alarms.sensorId, sensorIds),
        isNull(alarms.closedAt),
        inArray(alarms.kind, ['超限', '变化速率']),
      ),
    );
}

/**
 * Which of the sensors are cut off now: an open 断线 of their own or an open 断网 of their mine, neither
 * clearing (data back). Such a point's colour is unknown, never 正常.
 */
export async function offlineSensorsOf(db: Db, sensorIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < sensorIds.length; i += 5000) {
    // By subject and kind: the open alarms' unique index answers each probe.
    const rows = await db
      .select({ id: monitoringSensors.id })
      .from(monitoringSensors)
      .where(
        and(
          inArray(monitoringSensors.id, sensorIds.slice(i, i + 5000)),
          sql`EXISTS (SELECT 1 FROM alarms a WHERE a.closed_at IS NULL AND a.clear_since IS NULL
                AND ((a.subject = 'sensor:' || ${monitoringSensors.id} AND a.kind = '断线')
                  OR (a.subject = 'mine:' || ${monitoringSensors.mineId} AND a.kind = '断网')))`,
        ),
      );
    for (const r of rows) {
      out.add(r.id);
    }
  }
  return out;
}

/** Open alarms of the facilities' sensors, counted by facility. */
export async function openAlarmCountsByFacility(db: Db, facilityIds: string[]) {
  return db
    .select({ facilityId: monitoringSensors.facilityId, n: sql<number>`count(*)::int` })
    .from(alarms)
    .innerJoin(monitoringSensors, eq(monitoringSensors.id, alarms.sensorId))
    .where(and(inArray(monitoringSensors.facilityId, facilityIds), isNull(alarms.closedAt)))
    .groupBy(monitoringSensors.facilityId);
}

/** A sensor's alarms raised before `to` and open at some time after `from` (the chart's marks). */
export async function alarmMarks(db: Db, sensorId: string, from: Date, to: Date, limit: number) {
  return db
    .select({
      id: alarms.id,
      kind: alarms.kind,
      level: alarms.level,
      triggeredAt: alarms.triggeredAt,
      closedAt: alarms.closedAt,
    })
    .from(alarms)
    .where(
      and(
        eq(alarms.sensorId, sensorId),
        lte(alarms.triggeredAt, to),
        or(isNull(alarms.closedAt), gte(alarms.closedAt, from)),
      ),
    )
    .orderBy(asc(alarms.triggeredAt))
    .limit(limit);
}
export type AlarmMarkRow = Awaited<ReturnType<typeof alarmMarks>>[number];

// --- timed work ---

/** A sensor is silent when its newest reading (or, never read, its creation) is older than k × interval. */
/**
 * A sensor silent for k × its interval at `now`, counted from its last reading — or from `since` when
 * that is later: the instant this process began listening, as the platform's own downtime is nobody's
 * silence (a gateway could not send while it was down).
 */
const silentSql = (
  now: Date,
  since?: Date,
) => sql`greatest(coalesce(s.last_reading_at, s.created_at), ${(since ?? new Date(0)).toISOString()}::timestamptz) <
  ${now.toISOString()}::timestamptz - make_interval(secs => (s.spec->>'intervalSeconds')::float8 * coalesce((s.spec->>'silentFactor')::float8, 3))`;

/**
 * Silent active sensors without an open, not clearing 断线 (theirs) or 断网 (their mine's) alarm, and
 * whether every sensor of their mine is silent.
 */
export async function silentSensors(db: Db, now: Date, listeningSince?: Date) {
  return queryRows<{
    id: string;
    mine_id: string;
    facility_id: string;
    code: string;
    last: string;
    mine_silent: boolean;
  }>(
    db,
    sql`WITH st AS (
          SELECT s.id, s.mine_id, s.facility_id, s.code, coalesce(s.last_reading_at, s.created_at) AS last,
                 ${silentSql(now, listeningSince)} AS silent
          FROM monitoring_sensors s WHERE s.archived_at IS NULL
        ), m AS (SELECT mine_id, bool_and(silent) AS all_silent FROM st GROUP BY mine_id)
        SELECT st.id, st.mine_id, st.facility_id, st.code, st.last, m.all_silent AS mine_silent
        FROM st JOIN m USING (mine_id)
        WHERE st.silent AND NOT EXISTS (
          SELECT 1 FROM alarms a WHERE a.closed_at IS NULL AND a.clear_since IS NULL AND (
            (a.subject = 'sensor:' || st.id AND a.kind = '断线') OR (a.subject = 'mine:' || st.mine_id AND a.kind = '断网')))`,
  );
}

/** Open, not clearing 断线/断网 alarms whose sensor (or any sensor of whose mine) is no longer silent. */
export async function silenceAlarmsWithDataBack(db: Db, now: Date) {
  return queryRows<{ id: string; since: string }>(
    db,
    sql`SELECT a.id, coalesce(max(s.last_reading_at), now()) AS since FROM alarms a
        JOIN monitoring_sensors s ON (a.kind = '断线' AND a.subject = 'sensor:' || s.id)
          OR (a.kind = '断网' AND a.subject = 'mine:' || s.mine_id)
        WHERE a.closed_at IS NULL AND a.clear_since IS NULL AND a.kind IN ('断线', '断网')
          AND s.archived_at IS NULL AND NOT (${silentSql(now)})
        GROUP BY a.id`,
  );
}

/** Ids of open alarms clearing since `cutoff` or earlier. */
export async function clearedSince(db: Db, cutoff: Date, limit: number) {
  return db
    .select({ id: alarms.id })
    .from(alarms)
    .where(
      and(isNull(alarms.closedAt), isNotNull(alarms.clearSince), lte(alarms.clearSince, cutoff)),
    )
    .limit(limit);
}

/** Closes an alarm as 自动解除 if it is still open and clearing since `cutoff`: the closed row, or undefined. */
export async function resolveCleared(tx: Db, id: string, cutoff: Date, at: Date) {
  const [row] = await tx
    .update(alarms)
    .set({ closedAt: at, closeReason: '自动解除', state: '已解除', nextCallAt: null })
    .where(and(eq(alarms.id, id), isNull(alarms.closedAt), lte(alarms.clearSince, cutoff)))
    .returning();
  return row;
}

/** Open alarms recorded during maintenance (calls suppressed). */
export async function suppressedOpenAlarms(db: Db, limit: number) {
  return db
    .select()
    .from(alarms)
    .where(and(isNull(alarms.closedAt), eq(alarms.suppressed, true)))
    .limit(limit);
}

/** Ends an alarm's suppression with the given call timer; false when it was not suppressed any more. */
export async function unsuppressAlarm(tx: Db, id: string, nextCallAt: Date | null) {
  const [row] = await tx
    .update(alarms)
    .set({ suppressed: false, nextCallAt })
    .where(and(eq(alarms.id, id), eq(alarms.suppressed, true)))
    .returning({ id: alarms.id });
  return row !== undefined;
}
