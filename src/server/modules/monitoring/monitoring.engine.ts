/**
 * @module The monitoring engine (issue 5 §2–§3): validates batches from every ingest path (HTTP, MQTT),
 * stores them and runs detection. One writer per process takes every batch waiting at that moment into
 * one transaction (group commit): the readings (idempotent on sensor and time), the statistics, the
 * alarms they raise and the sensors' newest times commit together, and only then is any batch
 * answered — an acknowledged reading is durable, and an alarm cannot be lost between the two.
 */
import type { AlarmKind } from '../../../shared/monitoring.enums.ts';
import type { IngestReport } from '../../../shared/monitoring.schemas.ts';
import { IngestLimits } from '../../../shared/limits.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { sqlState, type Db } from '../../platform/db/client.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  analyzeAlarmTables,
  flushEvents,
  holdEvents,
  closedAlarmsAmong,
  openAlarmsOfSensors,
} from './alarm.repository.ts';
import { closeHeldAlarm, HeldOpens, raiseAlarm, startClearing } from './alarm.writer.ts';
import { makeHeldCurrent, raisesHistoric, refoldSensors } from './event-time.ts';
import { groupBy } from '../../../shared/collections.ts';
import { HOUR_MS } from '../../../shared/dates.ts';
import { parseTime, parseValue, type RawRecord, type Rejected } from './ingest.parse.ts';
import {
  advanceLastSeen,
  aggregateStats,
  ensurePartitions,
  insertNewReadings,
  insertReadings,
  upsertStats,
} from './readings.repository.ts';
import { runtimeSensor, runtimeSensorsOfMine, runtimeSensorsOfMines } from './sensor.repository.ts';
import {
  checkpointBefore,
  detectReading,
  newRuntime,
  respec,
  track,
  type DetectContext,
  type Intent,
  type OpenAlarm,
  type SensorRuntime,
} from './sensor.runtime.ts';
import { monitoringSettings } from './monitoring.settings.ts';
import { rememberMaintenance } from './maintenance.repository.ts';
import { NetworkGapWatch } from './network-gap.ts';
import {
  clearPendingFolds,
  minesWithPendingFolds,
  pendingFoldsOf,
  recordPendingFolds,
} from './pending-fold.repository.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';

/** A fold reading more readings than this runs deferred (MonitoringEngine.runDeferred). */
const SYNC_FOLD_MAX = 500;
/** How long deferred folds wait for more late readings of the same sensors (ms). */
const DEFER_MS = 1000;

/** About how many readings a fold from the checkpoint before `live` reads. */
function foldCost(rt: SensorRuntime, live: number): number {
  return rt.folded - (rt.checkpoints[checkpointBefore(rt, live)]?.state.folded ?? 0);
}

/** A sensor's late readings in one group: the earliest within the lateness, the stretch older. */
interface Refold {
  live: number;
  from: number;
  to: number;
  /** The batch the last of them came from (its report counts the alarms they open). */
  gi: number;
}

interface MineSensors {
  byCode: Map<string, SensorRuntime>;
}

interface Batch {
  rts: SensorRuntime[];
  times: number[];
  values: number[];
  resolve: (r: { stored: number; alarmsOpened: number }) => void;
  reject: (e: unknown) => void;
}

/** How long the engine reuses the settings it read (a changed setting applies within this time). */
const SETTINGS_TTL_MS = 5000;

interface EngineSettings {
  maxFutureMs: number;
  rawMonths: number;
  detect: DetectContext;
  /** Readings older than this (ms) at evaluation raise 历史告警. */
  historyMs: number;
}

async function loadEngineSettings(db: Db): Promise<EngineSettings> {
  const eventTime = await getSetting(db, monitoringSettings.eventTime);
  const latenessMs = eventTime.latenessHours * HOUR_MS;
  return {
    maxFutureMs: (await getSetting(db, monitoringSettings.maxFutureSeconds)) * 1000,
    rawMonths: (await getSetting(db, monitoringSettings.retention)).rawMonths,
    detect: {
      faults: await getSetting(db, monitoringSettings.faultLevels),
      holdMs: (await getSetting(db, monitoringSettings.autoResolveSeconds)) * 1000,
      latenessMs,
      // A checkpoint every 5 minutes of reading time for the last hour, hourly before (sensor.runtime.ts).
      checkpointMs: 5 * 60_000,
    },
    historyMs: eventTime.historyMinutes * 60_000,
  };
}

interface AdmitContext {
  mineIds: string[];
  sets: MineSensors[];
  latest: number;
  oldest: number;
  settings: EngineSettings;
}

/**
 * Checks one record and, when good, adds it to the batch; otherwise returns the field and why. A plain
 * function without closures: it runs for every reading.
 */
function admit(
  r: RawRecord,
  ctx: AdmitContext,
  batch: Omit<Batch, 'resolve' | 'reject'>,
): [string, string] | null {
  const code = r.sensor;
  if (code === undefined || code === null || code === '') {
    return ['sensor', '缺少测点编码 (sensor)'];
  }
  if (typeof code !== 'string') {
    return [
      'sensor',
      `测点编码须为文本, 收到的是${typeof code === 'number' ? '数字' : typeof code}`,
    ];
  }
  if (code.length > 64) {
    return ['sensor', `测点编码过长: ${code.length} 个字符, 最多 64 个`];
  }
  let rt: SensorRuntime | undefined;
  if (r.mine !== undefined) {
    const at = typeof r.mine === 'string' ? ctx.mineIds.indexOf(r.mine) : -1;
    if (at < 0) {
      return ['mine', '矿山不在该网关令牌的范围内'];
    }
    rt = ctx.sets[at]?.byCode.get(code);
  } else {
    let found = 0;
    for (const set of ctx.sets) {
      const x = set.byCode.get(code);
      if (x) {
        rt = x;
        found++;
      }
    }
    if (found > 1) {
      return ['mine', `测点编码 ${code} 在多个矿山存在, 须指明 mine`];
    }
  }
  if (!rt) {
    return ['sensor', `未知测点 ${code.slice(0, 64)}`];
  }
  const t = parseTime(r.ts);
  if (typeof t === 'string') {
    return ['ts', t];
  }
  if (t > ctx.latest) {
    return ['ts', `时间超前服务器时间超过 ${ctx.settings.maxFutureMs / 1000} 秒`];
  }
  if (t < ctx.oldest) {
    return [
      'ts',
      `时间早于原始数据保存期限 (${ctx.settings.rawMonths} 个月): 更早的历史数据请以5分钟统计值导入, 或由系统管理员延长原始数据保存期限`,
    ];
  }
  const v = parseValue(r.value);
  if (typeof v === 'string') {
    return ['value', v];
  }
  batch.rts.push(rt);
  batch.times.push(t);
  batch.values.push(v);
  return null;
}

/**
 * Where an ingest node sends the readings it has admitted instead of writing them (the JetStream path,
 * src/server/scale): one call per mine, answered once they are durable elsewhere.
 */
export type IngestForward = (
  admitted: AdmittedBatch[],
) => Promise<{ accepted: number; duplicates: number }>;

/** A mine's admitted readings (sensor ids, times in ms, values), in the order received. */
export interface AdmittedBatch {
  mineId: string;
  sensorIds: string[];
  times: number[];
  values: number[];
}

export interface EngineOptions {
  /** Judge every reading as history (minewatch replay): its alarms are recorded, none calls. */
  replay?: boolean;
  /**
   * Runs first in every write transaction with the mines it writes; throwing aborts it. An engine worker
   * checks here that it still owns the mines' partitions (src/server/scale/engine.worker.ts).
   */
  fence?: (tx: Db, mineIds: string[]) => Promise<void>;
  /**
   * Under load — more readings arrived while the last group was written — wait up to `ms` for
   * `readings` before the next transaction: fewer, larger commits (an engine worker; several on the same
   * cores would otherwise each commit small). From idle the first batch is written at once.
   */
  gather?: { ms: number; readings: number };
  /** Where the engine reports what it retries on its own (a catch-up after missed events). */
  log?: (msg: string, err?: unknown) => void;
}

export class MonitoringEngine {
  /** When set (an ingest node of the JetStream mode), admitted readings go there, not to the writer. */
  forward: IngestForward | undefined;

  private readonly mines = new Map<string, Promise<MineSensors>>();
  private readonly queue: Batch[] = [];
  /** Readings in `queue`. */
  private queued = 0;
  /** The writer's wait for more readings under load (EngineOptions.gather), while it waits. */
  private gathering: { readings: number; done: () => void } | null = null;
  private writing = false;
  /** Months whose readings partition exists (see ensurePartitions). */
  private readonly partitions = new Set<string>();
  /** Unsubscribes from the event channel. */
  private readonly unsubscribe: (() => void)[];

  /**
   * An engine over the deps; it follows sensor changes and alarm closes on `deps.events`. A `replay`
   * engine (minewatch replay) judges every reading as history: its alarms are recorded, none calls.
   */
  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: EngineOptions = {},
  ) {
    this.unsubscribe = [
      deps.events.subscribe('monitoring.sensor.changed', (e) => this.sensorChanged(e.sensorId)),
      deps.events.subscribe('monitoring.alarm.closed', (e) =>
        this.alarmClosed(e.sensorId, e.kind, e.alarmId),
      ),
      // A changed setting applies at once, not after SETTINGS_TTL_MS (on every node: events.bridge.ts).
      deps.events.subscribe('platform.setting.changed', () => (this.cachedSettings = null)),
      deps.events.subscribe('platform.events.missed', () => this.missedEvents(0)),
    ];
  }

  close(): void {
    this.gathering?.done();
    for (const stop of this.unsubscribe) {
      stop();
    }
    if (this.deferTimer) {
      clearTimeout(this.deferTimer);
      this.deferTimer = null;
    }
    if (this.catchUpTimer) {
      clearTimeout(this.catchUpTimer);
      this.catchUpTimer = null;
    }
  }

  private cachedSettings: { at: number; value: Promise<EngineSettings> } | null = null;

  /**
   * The rule parameters ingest and detection read, re-read at most every SETTINGS_TTL_MS so that the hot
   * path does not query them per batch: a changed setting applies within that time.
   */
  private settings(): Promise<EngineSettings> {
    const now = Date.now();
    if (!this.cachedSettings || now - this.cachedSettings.at > SETTINGS_TTL_MS) {
      const value = loadEngineSettings(this.deps.db);
      this.cachedSettings = { at: now, value };
      value.catch(() => (this.cachedSettings = null));
    }
    return this.cachedSettings.value;
  }

  /** Every sensor held in memory, by id (for alarms closed elsewhere). */
  private readonly byId = new Map<string, SensorRuntime>();

  /** Sensors held in memory (for the state-size benchmark). */
  get sensorCount(): number {
    return this.byId.size;
  }

  /** Loads every sensor of the mines (and their open alarms) into memory, e.g. at start. */
  async warm(mineIds: string[]): Promise<number> {
    let n = 0;
    for (const id of mineIds) {
      n += (await this.mineSensors(id)).byCode.size;
    }
    return n;
  }

  private mineSensors(mineId: string): Promise<MineSensors> {
    let p = this.mines.get(mineId);
    if (!p) {
      p = this.loadMine(mineId);
      this.mines.set(mineId, p);
      p.catch(() => this.mines.delete(mineId));
    }
    return p;
  }

  private async loadMine(mineId: string): Promise<MineSensors> {
    const db = this.deps.db;
    const rows = await runtimeSensorsOfMine(db, mineId);
    const open = await openAlarmsOf(
      db,
      rows.map((r) => r.id),
    );
    const byCode = new Map<string, SensorRuntime>();
    for (const r of rows) {
      const rt = newRuntime(r, open.get(r.id) ?? new Map<AlarmKind, OpenAlarm>());
      byCode.set(r.code, rt);
      this.byId.set(r.id, rt);
    }
    // Folds put off before a restart (or a failed write) run again.
    for (const p of await pendingFoldsOf(
      db,
      rows.map((r) => r.id),
    )) {
      const rt = this.byId.get(p.sensorId);
      if (rt) {
        this.defer(rt, p.since);
      }
    }
    return { byCode };
  }

  /** Loads the mines with folds put off (at start): their folds run when the writer is idle. */
  async resumeDeferred(): Promise<number> {
    const mineIds = await minesWithPendingFolds(this.deps.db);
    await this.warm(mineIds);
    return mineIds.length;
  }

  /** Sensor reloads under way: a batch waits for them, so a sensor just created takes readings. */
  private readonly reloading = new Set<Promise<void>>();

  /**
   * Runs a reload that batches wait for. A failed one is dropped here: a sensor's next change or its
   * mine's next load repeats a sensor's reload; a catch-up tries again on its own (missedEvents).
   */
  private reloadTracked(reload: Promise<void>): void {
    const p = reload.catch(() => undefined);
    this.reloading.add(p);
    void p.finally(() => this.reloading.delete(p));
  }

  private sensorChanged(sensorId: string): void {
    this.reloadTracked(this.reloadSensor(sensorId));
  }

  private async reloadSensor(sensorId: string): Promise<void> {
    const row = await runtimeSensor(this.deps.db, sensorId);
    const loaded = row && this.mines.get(row.mineId);
    if (!row || !loaded) {
      return;
    }
    const m = await loaded;
    const rt = m.byCode.get(row.code);
    if (rt && rt.id === row.id && row.version < rt.version) {
      // Read before a newer change that another reload has applied already.
      return;
    }
    if (row.archivedAt) {
      m.byCode.delete(row.code);
      this.byId.delete(row.id);
    } else if (rt) {
      respec(rt, row);
    } else {
      const created = newRuntime(row, new Map<AlarmKind, OpenAlarm>());
      m.byCode.set(row.code, created);
      this.byId.set(row.id, created);
    }
  }

  /** A failed catch-up's next try (missedEvents), while it waits. */
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Other nodes' events may have been missed (platform.events.missed): the settings are read again and
   * the engine catches up (batches wait for it); a failed catch-up is tried again after 1, 2, 4 … 60 s
   * until one succeeds, and a newer missed event runs one at once.
   */
  private missedEvents(attempt: number): void {
    if (this.catchUpTimer) {
      clearTimeout(this.catchUpTimer);
      this.catchUpTimer = null;
    }
    this.cachedSettings = null;
    const run = this.catchUp();
    this.reloadTracked(run);
    run.catch((e: unknown) => {
      const ms = Math.min(60_000, 1000 * 2 ** attempt);
      this.options.log?.(
        `monitoring engine: catching up on missed changes failed; again in ${ms} ms`,
        e,
      );
      this.catchUpTimer = setTimeout(() => {
        this.catchUpTimer = null;
        this.missedEvents(attempt + 1);
      }, ms);
      this.catchUpTimer.unref();
    });
  }

  /**
   * Catches up after missed events: the loaded mines' sensors are compared with the database in a few
   * statements, and each one that differs there (changed, added, taken out) is reloaded on its own as
   * a sensor change is — read afresh, never older than what is held; then the alarms held open here
   * that were closed elsewhere are forgotten. What is held is updated, never replaced, so a write under
   * way is not undone, and an alarm opened by a write not yet committed is not among the closed ones. A
   * mine forgotten meanwhile (a failed write, a partition handed over) is loaded afresh by its next batch.
   */
  private async catchUp(): Promise<void> {
    const db = this.deps.db;
    const held: { mineId: string; loading: Promise<MineSensors>; m: MineSensors }[] = [];
    for (const [mineId, loading] of [...this.mines]) {
      const m = await loading.catch(() => null);
      if (m) {
        held.push({ mineId, loading, m });
      }
    }
    const rows = await runtimeSensorsOfMines(
      db,
      held.map((h) => h.mineId),
    );
    const byMine = groupBy(rows, (r) => r.mineId);
    const differ: string[] = [];
    for (const { mineId, loading, m } of held) {
      if (this.mines.get(mineId) !== loading) {
        continue;
      }
      const inService = new Set<string>();
      for (const row of byMine.get(mineId) ?? []) {
        inService.add(row.id);
        if (m.byCode.get(row.code)?.version !== row.version) {
          differ.push(row.id);
        }
      }
      for (const rt of m.byCode.values()) {
        if (!inService.has(rt.id)) {
          differ.push(rt.id);
        }
      }
    }
    for (const id of differ) {
      await this.reloadSensor(id);
    }
    const open = [...this.byId.values()].flatMap((rt) => [...rt.open.values()].map((a) => a.id));
    for (const a of await closedAlarmsAmong(db, open)) {
      this.alarmClosed(a.sensorId, a.kind, a.id);
    }
  }

  /**
   * Forgets the loaded mines the predicate picks: an engine worker does this for a partition it takes
   * over, whose state another worker changed meanwhile; the next batch loads them afresh.
   */
  forgetMines(pick: (mineId: string) => boolean): void {
    this.forget(new Set([...this.mines.keys()].filter(pick)));
  }

  /**
   * Writes readings another node admitted (an engine worker's JetStream messages) and waits until they
   * are committed with their detection. Sensors archived since are skipped.
   */
  async ingestAdmitted(b: AdmittedBatch): Promise<{ stored: number; alarmsOpened: number }> {
    if (this.reloading.size) {
      await Promise.all(this.reloading);
    }
    await this.mineSensors(b.mineId);
    const batch: Omit<Batch, 'resolve' | 'reject'> = { rts: [], times: [], values: [] };
    for (let i = 0; i < b.sensorIds.length; i++) {
      const rt = this.byId.get(b.sensorIds[i] as string);
      if (rt && rt.mineId === b.mineId) {
        batch.rts.push(rt);
        batch.times.push(b.times[i] as number);
        batch.values.push(b.values[i] as number);
      }
    }
    if (batch.rts.length === 0) {
      return { stored: 0, alarmsOpened: 0 };
    }
    return new Promise((resolve, reject) => {
      this.enqueue({ ...batch, resolve, reject });
    });
  }

  /** Forgets the in-memory state of mines (after a failed write, or another writer's change). */
  private forget(mineIds: Set<string>) {
    for (const id of mineIds) {
      this.mines.delete(id);
    }
    for (const [id, rt] of this.byId) {
      if (mineIds.has(rt.mineId)) {
        this.byId.delete(id);
      }
    }
    // Their folds put off are recorded: the mines' next load takes them up again.
    for (const rt of this.deferred.keys()) {
      if (mineIds.has(rt.mineId)) {
        this.deferred.delete(rt);
      }
    }
  }

  /**
   * Validates a parsed batch for a gateway principal and waits until its good readings are durably
   * stored and detected. `pre` are records the parser already refused.
   */
  async ingest(
    principal: Principal,
    records: (RawRecord | null)[],
    pre: Rejected[] = [],
  ): Promise<IngestReport> {
    requirePermission(principal, MonitoringPermission.Ingest);
    const scope = principal.scope;
    const mineIds = scope.kind === 'mines' ? [...scope.mineIds] : [];
    if (this.reloading.size) {
      await Promise.all(this.reloading);
    }
    const sets = await Promise.all(mineIds.map((id) => this.mineSensors(id)));
    const settings = await this.settings();
    const now = this.deps.clock().getTime();
    const oldest = new Date(now);
    oldest.setUTCMonth(oldest.getUTCMonth() - settings.rawMonths);
    const ctx: AdmitContext = {
      mineIds,
      sets,
      latest: now + settings.maxFutureMs,
      oldest: oldest.getTime(),
      settings,
    };
    const rejected = [...pre];
    const batch: Omit<Batch, 'resolve' | 'reject'> = { rts: [], times: [], values: [] };
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (r) {
        const refusal = admit(r, ctx, batch);
        if (refusal) {
          rejected.push({ index: i, field: refusal[0], message: refusal[1] });
        }
      }
    }
    rejected.sort((a, b) => a.index - b.index);
    if (this.forward) {
      const r = await this.forward(admittedByMine(batch));
      return {
        received: records.length,
        stored: r.accepted - r.duplicates,
        duplicates: r.duplicates,
        rejected: rejected.slice(0, IngestLimits.rejectedReportedMax),
        alarmsOpened: 0,
      };
    }
    const result =
      batch.rts.length === 0
        ? { stored: 0, alarmsOpened: 0 }
        : await new Promise<{ stored: number; alarmsOpened: number }>((resolve, reject) => {
            this.enqueue({ ...batch, resolve, reject });
          });
    return {
      received: records.length,
      stored: result.stored,
      duplicates: batch.rts.length - result.stored,
      rejected: rejected.slice(0, IngestLimits.rejectedReportedMax),
      alarmsOpened: result.alarmsOpened,
    };
  }

  /** The single writer: commits every waiting batch together, one group at a time. */
  private async drain(): Promise<void> {
    if (this.writing) {
      return;
    }
    this.writing = true;
    try {
      // From idle the first group goes at once; later ones arrived while the last was written (load).
      let loaded = false;
      while (this.queue.length) {
        if (loaded) {
          await this.gather();
        }
        loaded = true;
        const group: Batch[] = [];
        let n = 0;
        while (this.queue.length && n < 200_000) {
          const b = this.queue.shift() as Batch;
          group.push(b);
          n += b.rts.length;
          this.queued -= b.rts.length;
        }
        try {
          const results = await this.writeGroup(group, true).catch((e: unknown) => {
            // What the tails took from the failed attempt was not stored: they start again.
            for (const b of group) {
              for (const rt of b.rts) {
                rt.tail.reset(Math.max(rt.lastAt, rt.handedAt));
              }
            }
            // Another writer stored one of the "new" readings first: again, checking every one.
            if (sqlState(e) === '23505') {
              return this.writeGroup(group, false);
            }
            // A month's partition was dropped (retention) after this process created it: again,
            // creating partitions afresh.
            if (sqlState(e) === '23514') {
              this.partitions.clear();
              return this.writeGroup(group, false);
            }
            throw e;
          });
          group.forEach((b, i) =>
            b.resolve(results[i] as { stored: number; alarmsOpened: number }),
          );
        } catch (e) {
          this.forget(new Set(group.flatMap((b) => b.rts.map((rt) => rt.mineId))));
          for (const b of group) {
            b.reject(e);
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** Queues a batch for the writer, wakes a gathering wait that now has enough, starts the writer. */
  private enqueue(b: Batch): void {
    this.queue.push(b);
    this.queued += b.rts.length;
    if (this.gathering && this.queued >= this.gathering.readings) {
      this.gathering.done();
    }
    void this.drain();
  }

  /** Waits (see EngineOptions.gather) until enough readings are queued, or its time is up. */
  private async gather(): Promise<void> {
    const g = this.options.gather;
    if (!g || this.queued >= g.readings) {
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.gathering = null;
        resolve();
      };
      const timer = setTimeout(done, g.ms);
      this.gathering = { readings: g.readings, done };
    });
  }

  /**
   * One group in one transaction. With `fast`, readings later than everything handed to the writer for
   * their sensor go in with a plain INSERT, which cannot meet a duplicate while this process is the
   * only writer; the rest — late, out of order, resent — are checked one by one. The 5-minute
   * statistics of what was stored are summed here and folded in with one statement.
   */
  private async writeGroup(group: Batch[], fast: boolean) {
    const total = group.reduce((s, b) => s + b.rts.length, 0);
    const nos = new Int32Array(total);
    const times = new Float64Array(total);
    const values = new Float64Array(total);
    const rts: SensorRuntime[] = new Array<SensorRuntime>(total);
    /** Which batch of the group each reading came from (to report each batch its own alarms). */
    const batchOf = new Int32Array(total);
    const openedBy = new Int32Array(group.length);
    let k = 0;
    for (const [gi, b] of group.entries()) {
      for (let i = 0; i < b.rts.length; i++, k++) {
        batchOf[k] = gi;
        const rt = b.rts[i] as SensorRuntime;
        rts[k] = rt;
        nos[k] = rt.no;
        times[k] = b.times[i] as number;
        values[k] = b.values[i] as number;
      }
    }
    await ensurePartitions(this.deps.db, times, this.partitions);
    // Read before the transaction: on PGlite a read outside it would wait for it to end.
    const settings = await this.settings();
    let raised = 0;
    // New readings go in by COPY: those later than everything handed to the writer for their sensor,
    // and late ones its tail (reading-tail.ts) knows are not stored; a late one the tail holds is a
    // duplicate. Only readings older than the tail are checked by the database.
    const fresh: number[] = [];
    const late: number[] = [];
    const flags = new Uint8Array(total);
    for (let i = 0; i < total; i++) {
      const rt = rts[i] as SensorRuntime;
      const t = times[i] as number;
      if (fast && t > rt.handedAt) {
        fresh.push(i);
        rt.handedAt = t;
        rt.tail.add(t, values[i] as number);
      } else if (fast && rt.tail.covers(t)) {
        if (!rt.tail.has(t)) {
          fresh.push(i);
          rt.tail.add(t, values[i] as number);
        }
      } else {
        late.push(i);
        rt.tail.widen();
      }
    }
    const inserted = await this.deps.db.transaction(async (tx) => {
      if (this.options.fence) {
        await this.options.fence(tx, [...new Set(rts.map((rt) => rt.mineId))]);
      }
      // Only new readings: detection runs while the database stores them (its statements queue
      // behind), and the insert's own error, if any, is the one the transaction fails with.
      const pick = <T extends Int32Array | Float64Array>(xs: T, at: number[]) =>
        at.length === total ? xs : at.map((i) => xs[i] as number);
      const copy = insertNewReadings(tx, pick(nos, fresh), pick(times, fresh), pick(values, fresh));
      for (const i of fresh) {
        flags[i] = 1;
      }
      let storing: Promise<void>;
      if (late.length === 0) {
        storing = copy.done;
        storing.catch(() => undefined);
        await copy.sent;
      } else {
        await copy.done;
        const some = await insertReadings(
          tx,
          pick(nos, late),
          pick(times, late),
          pick(values, late),
        );
        late.forEach((i, j) => (flags[i] = some[j] as number));
        storing = Promise.resolve();
      }
      const [stored, detected] = await Promise.allSettled([
        storing,
        this.detectGroup(tx, settings, {
          total,
          nos,
          times,
          values,
          rts,
          flags,
          batchOf,
          openedBy,
        }),
      ]);
      if (stored.status === 'rejected') {
        throw stored.reason;
      }
      if (detected.status === 'rejected') {
        throw detected.reason;
      }
      raised = detected.value;
      return flags;
    });
    this.analyzeIfDue();
    if (raised) {
      this.deps.events.publish('monitoring.alarms.raised', { raised });
    }
    // Report to each batch its stored readings and the alarms its readings opened.
    let off = 0;
    return group.map((b, gi) => {
      let stored = 0;
      for (let i = 0; i < b.rts.length; i++) {
        stored += inserted[off + i] as number;
      }
      off += b.rts.length;
      return { stored, alarmsOpened: openedBy[gi] as number };
    });
  }

  /**
   * Detection of a group's stored readings (`flags`), in time order, inside the writer's transaction:
   * statistics, alarms, event-time refolds of late readings and the sensors' newest times. Returns how
   * many alarms were raised; counts each batch's opened alarms into `openedBy`.
   */
  private async detectGroup(
    tx: Db,
    settings: EngineSettings,
    g: {
      total: number;
      nos: Int32Array;
      times: Float64Array;
      values: Float64Array;
      rts: SensorRuntime[];
      flags: Uint8Array;
      batchOf: Int32Array;
      openedBy: Int32Array;
    },
  ): Promise<number> {
    const { total, nos, times, values, rts, flags, batchOf, openedBy } = g;
    // The alarms' timeline events of the whole group go in with one statement at its end, and each
    // mine's maintenance windows are read once.
    holdEvents(tx);
    rememberMaintenance(tx);
    const ctx = settings.detect;
    let raised = 0;
    const at = this.deps.clock();
    /** Each detected sensor's newest reading (stored on the sensor below). */
    const liveLast: { no: number; t: number; v: number }[] = [];
    const historyBefore = this.historyBefore(at, settings);
    const stats = aggregateStats(nos, times, values, flags);
    // Detection in time order (a batch may carry a sensor's readings out of order).
    const order: number[] = [];
    for (let i = 0; i < total; i++) {
      if (flags[i]) {
        order.push(i);
      }
    }
    if (!eachSensorInOrder(order, times, rts)) {
      order.sort((a, b) => (times[a] as number) - (times[b] as number));
    }
    // A sensor with a reading older than its newest one seen is folded again (event time): as a
    // whole when the reading is within the lateness, else the late stretch on its own, as history.
    const refolds = new Map<SensorRuntime, Refold>();
    for (const i of order) {
      const rt = rts[i] as SensorRuntime;
      const t = times[i] as number;
      if (t <= rt.lastAt) {
        const r = refolds.get(rt) ?? { live: Infinity, from: Infinity, to: -Infinity, gi: 0 };
        if (t >= rt.lastAt - ctx.latenessMs) {
          r.live = Math.min(r.live, t);
        } else {
          r.from = Math.min(r.from, t);
          r.to = Math.max(r.to, t);
        }
        r.gi = batchOf[i] as number;
        refolds.set(rt, r);
      }
    }
    // A fold that would read many readings (a sensor sent far more than its interval, or late
    // readings keep coming) runs after the writer is idle, once for everything late by then, so that
    // late data cannot slow live ingest; its newer readings are detected now.
    const putOff: { sensorId: string; since: number }[] = [];
    for (const [rt, r] of refolds) {
      if (r.live < Infinity && foldCost(rt, r.live) > SYNC_FOLD_MAX) {
        this.defer(rt, r.live);
        putOff.push({ sensorId: rt.id, since: r.live });
        r.live = Infinity;
        if (r.from === Infinity) {
          refolds.delete(rt);
        }
      }
    }
    // … recorded with the readings, so that a restart does not lose it.
    await recordPendingFolds(tx, putOff);
    const newest = new Map<SensorRuntime, number>();
    /** Mines whose 断线 episodes this group changes: their 断网 is judged again (network-gap.ts). */
    const gaps = new NetworkGapWatch();
    /** 历史告警 opened by this group, inserted together (a mine's 缺线 after an outage: one statement). */
    const held = new HeldOpens();
    for (const i of order) {
      const rt = rts[i] as SensorRuntime;
      if ((refolds.get(rt)?.live ?? Infinity) < Infinity) {
        continue;
      }
      const t = times[i] as number;
      if (rt.lastAt === Number.NEGATIVE_INFINITY) {
        gaps.noteFrom(rt.mineId, t); // a point's first reading: from here on it stops a 断网
      }
      const intents = detectReading(rt, t, values[i] as number, ctx);
      if (intents === null) {
        continue;
      }
      newest.set(rt, i);
      for (const intent of intents) {
        gaps.note(rt, intent, t);
        const o = await this.apply(tx, rt, intent, t, values[i] as number, at, historyBefore, held);
        const gi = batchOf[i] as number;
        openedBy[gi] = (openedBy[gi] as number) + o.opened;
        raised += o.raised;
      }
      if (rt.open.size && t >= historyBefore) {
        if (holdsAny(held, rt)) {
          await this.flushHeld(tx, held);
        }
        raised += await makeHeldCurrent(tx, rt, at);
      }
    }
    await this.flushHeld(tx, held);
    if (refolds.size) {
      const done = await refoldSensors(
        tx,
        [...refolds].map(([rt, r]) => ({ rt, live: r.live, from: r.from, to: r.to })),
        { ctx, historyBefore, at },
      );
      for (const [rt, d] of done) {
        const gi = refolds.get(rt)?.gi ?? 0;
        openedBy[gi] = (openedBy[gi] as number) + d.opened;
        raised += d.opened;
        gaps.noteFrom(rt.mineId, d.changedFrom);
        if (d.last) {
          liveLast.push({ no: rt.no, ...d.last });
        }
      }
    }
    for (const i of newest.values()) {
      liveLast.push({ no: nos[i] as number, t: times[i] as number, v: values[i] as number });
    }
    await upsertStats(tx, stats);
    await advanceLastSeen(
      tx,
      liveLast.map((x) => x.no),
      liveLast.map((x) => x.t),
      liveLast.map((x) => x.v),
    );
    await gaps.judge(tx, { level: ctx.faults.断网, historyBefore, at });
    this.noteEvents(await flushEvents(tx));
    return raised;
  }

  /** Timeline entries written by this engine, and the count at which the alarm tables are analyzed. */
  private events = { written: 0, analyzeAt: 1000, due: false };

  private noteEvents(n: number): void {
    this.events.written += n;
    if (this.events.written >= this.events.analyzeAt) {
      this.events.analyzeAt *= 2;
      this.events.due = true;
    }
  }

  /**
   * After a commit: as the alarm tables grow (each doubling of the entries written), their planner
   * statistics are refreshed, outside the writer's transaction (analyzeAlarmTables says why).
   */
  private analyzeIfDue(): void {
    if (this.events.due) {
      this.events.due = false;
      void analyzeAlarmTables(this.deps.db).catch(() => undefined);
    }
  }

  /** Sensors whose fold waits for the writer to be idle, with their earliest late reading. */
  private readonly deferred = new Map<SensorRuntime, number>();
  private deferTimer: NodeJS.Timeout | null = null;

  private defer(rt: SensorRuntime, live: number): void {
    this.deferred.set(rt, Math.min(this.deferred.get(rt) ?? Infinity, live));
    this.scheduleDeferred();
  }

  private scheduleDeferred(): void {
    this.deferTimer ??= setTimeout(() => {
      this.deferTimer = null;
      void this.runDeferred().catch(() => undefined);
    }, DEFER_MS);
  }

  /** Readings older than this (ms) raise 历史告警; a replay engine's readings are all history. */
  private historyBefore(at: Date, settings: EngineSettings): number {
    return this.options.replay ? Number.POSITIVE_INFINITY : at.getTime() - settings.historyMs;
  }

  /**
   * Runs the deferred folds when the writer is idle (else waits for the next turn), in one
   * transaction of their own, which also deletes their records (monitoring_pending_folds). Tests and
   * replay call it to have every late reading judged.
   */
  async runDeferred(): Promise<void> {
    if (this.deferred.size === 0) {
      return;
    }
    if (this.writing) {
      this.scheduleDeferred();
      return;
    }
    this.writing = true;
    const jobs = [...this.deferred].map(([rt, live]) => ({
      rt,
      live,
      from: Infinity,
      to: -Infinity,
    }));
    this.deferred.clear();
    try {
      const settings = await this.settings();
      const at = this.deps.clock();
      let raised = 0;
      await this.deps.db.transaction(async (tx) => {
        holdEvents(tx);
        rememberMaintenance(tx);
        const historyBefore = this.historyBefore(at, settings);
        const done = await refoldSensors(tx, jobs, { ctx: settings.detect, historyBefore, at });
        await clearPendingFolds(
          tx,
          jobs.map((j) => ({ sensorId: j.rt.id, since: j.live })),
        );
        const gaps = new NetworkGapWatch();
        for (const [rt, d] of done) {
          raised += d.opened;
          gaps.noteFrom(rt.mineId, d.changedFrom);
        }
        await gaps.judge(tx, { level: settings.detect.faults.断网, historyBefore, at });
        this.noteEvents(await flushEvents(tx));
      });
      this.analyzeIfDue();
      if (raised) {
        this.deps.events.publish('monitoring.alarms.raised', { raised });
      }
    } catch (e) {
      this.forget(new Set(jobs.map((j) => j.rt.mineId)));
      throw e;
    } finally {
      this.writing = false;
      if (this.queue.length) {
        void this.drain();
      }
    }
  }

  private async apply(
    tx: Db,
    rt: SensorRuntime,
    intent: Intent,
    t: number,
    value: number,
    at: Date,
    historyBefore: number,
    held: HeldOpens,
  ): Promise<{ opened: number; raised: number }> {
    let known = track(rt, intent, t);
    if (known && held.has(known.id)) {
      if (intent.op === 'clear') {
        await held.clear(tx, known.id, t, at);
        return { opened: 0, raised: 0 };
      }
      const id = (await this.flushHeld(tx, held)).get(known.id);
      if (id) {
        known = { ...known, id };
      }
    }
    if (intent.op === 'close') {
      if (known?.id) {
        await closeHeldAlarm(tx, known.id, t, at);
      }
      return { opened: 0, raised: 0 };
    }
    if (intent.op === 'clear') {
      if (known?.id) {
        await startClearing(tx, known.id, t, at);
      }
      return { opened: 0, raised: 0 };
    }
    const triggeredAt = intent.at ?? t;
    const historic = raisesHistoric(intent.kind, triggeredAt, historyBefore);
    const subject = {
      mineId: rt.mineId,
      sensorId: rt.id,
      facilityId: rt.facilityId,
      subject: `sensor:${rt.id}`,
    };
    if (historic && !known?.id) {
      const id = await held.open(
        tx,
        subject,
        { kind: intent.kind, level: intent.level, detail: intent.detail, triggeredAt, value },
        at,
      );
      const open = rt.open.get(intent.kind);
      if (open) {
        open.id = id;
        open.historic = true;
      }
      return { opened: 0, raised: 0 };
    }
    const res = await raiseAlarm(
      tx,
      subject,
      { kind: intent.kind, level: intent.level, detail: intent.detail, triggeredAt, value },
      known,
      at,
      historic,
    );
    const open = rt.open.get(intent.kind);
    if (open) {
      open.id = res.id;
      open.historic = historic && (res.opened || open.historic);
    }
    return { opened: res.opened && !historic ? 1 : 0, raised: historic ? 0 : 1 };
  }

  /**
   * Inserts the alarms held open (HeldOpens); one that joined an alarm opened elsewhere is followed in
   * its sensor's state and checkpoints. Returns held id → the id it joined.
   */
  private async flushHeld(tx: Db, held: HeldOpens): Promise<Map<string, string>> {
    const moved = new Map<string, string>();
    if (held.size === 0) {
      return moved;
    }
    for (const r of await held.flush(tx)) {
      moved.set(r.heldId, r.id);
      const rt = r.sensorId ? this.byId.get(r.sensorId) : undefined;
      for (const state of rt ? [rt, ...rt.checkpoints.map((c) => c.state)] : []) {
        const a = state.open.get(r.kind);
        if (a?.id === r.heldId) {
          a.id = r.id;
        }
      }
    }
    return moved;
  }

  /** The engine learns of alarms closed elsewhere (auto-resolve, manual close). */
  private alarmClosed(sensorId: string | null, kind: AlarmKind, alarmId: string): void {
    if (!sensorId) {
      return;
    }
    // A condition that still holds after a manual close raises a new alarm on the next reading.
    const rt = this.byId.get(sensorId);
    if (rt && rt.open.get(kind)?.id === alarmId) {
      rt.open.delete(kind);
      if (kind === '超限') {
        rt.over.level = null;
      }
    }
  }
}

/**
 * Whether each sensor's readings come in time order (sensors are detected independently, so batches
 * that interleave sensors' windows, as two gateways' do, need no sort of the whole group).
 */
function eachSensorInOrder(order: number[], times: Float64Array, rts: SensorRuntime[]): boolean {
  let sorted = true;
  for (let i = 1; i < order.length && sorted; i++) {
    sorted = (times[order[i - 1] as number] as number) <= (times[order[i] as number] as number);
  }
  if (sorted) {
    return true;
  }
  const last = new Map<SensorRuntime, number>();
  for (const i of order) {
    const rt = rts[i] as SensorRuntime;
    const t = times[i] as number;
    if ((last.get(rt) ?? Number.NEGATIVE_INFINITY) >= t) {
      return false;
    }
    last.set(rt, t);
  }
  return true;
}

/** Whether one of a sensor's open alarms is still held (not inserted yet). */
function holdsAny(held: HeldOpens, rt: SensorRuntime): boolean {
  if (held.size === 0) {
    return false;
  }
  for (const a of rt.open.values()) {
    if (held.has(a.id)) {
      return true;
    }
  }
  return false;
}

/** Open alarms of sensors, by sensor and kind. */
async function openAlarmsOf(db: Db, sensorIds: string[]) {
  const out = new Map<string, Map<AlarmKind, OpenAlarm>>();
  if (sensorIds.length === 0) {
    return out;
  }
  for (const r of await openAlarmsOfSensors(db, sensorIds)) {
    const m = out.get(r.sensorId as string) ?? new Map<AlarmKind, OpenAlarm>();
    m.set(r.kind, {
      id: r.id,
      level: r.level,
      clearing: r.clearSince !== null,
      clearSince: r.clearSince?.getTime() ?? Number.NaN,
      historic: r.historic,
    });
    out.set(r.sensorId as string, m);
  }
  return out;
}

/** A batch's admitted readings grouped by mine, each in the order received. */
function admittedByMine(batch: Omit<Batch, 'resolve' | 'reject'>): AdmittedBatch[] {
  const byMine = new Map<string, AdmittedBatch>();
  for (let i = 0; i < batch.rts.length; i++) {
    const rt = batch.rts[i] as SensorRuntime;
    let m = byMine.get(rt.mineId);
    if (!m) {
      m = { mineId: rt.mineId, sensorIds: [], times: [], values: [] };
      byMine.set(rt.mineId, m);
    }
    m.sensorIds.push(rt.id);
    m.times.push(batch.times[i] as number);
    m.values.push(batch.values[i] as number);
  }
  return [...byMine.values()];
}
