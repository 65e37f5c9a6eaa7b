/**
 * @module The engine's per-sensor state and the step that runs one reading through every detector,
 * turning what they report into alarm intents (raise a kind at a level, start clearing it, close it),
 * all in event time: the readings' own timestamps decide when an alarm starts, clears and closes, and a
 * gap between two readings longer than the point's silence limit is a 断线 episode (缺线). Only readings
 * newer than the newest one seen go through here; late ones make the engine fold the sensor again from
 * a checkpoint of this state (event-time.ts), so the alarms do not depend on the arrival order. A
 * reading outside the instrument's range is 数据异常 only; a spike (突变) within it still raises 超限,
 * marked 疑似突变, and the alarm follows the next normal reading at once.
 */
import { shanghaiDateTime } from '../../../shared/dates.ts';
import {
  alarmKinds,
  levelRank,
  type AlarmKind,
  type WarningLevel,
} from '../../../shared/monitoring.enums.ts';
import { SensorSpec } from '../../../shared/monitoring.schemas.ts';
import {
  detectAnomaly,
  detectFlat,
  detectOverLimit,
  detectRate,
  newAnomalyState,
  newFlatState,
  newOverLimitState,
  newRateState,
  type AnomalyState,
  type FlatState,
  type OverLimitState,
  type RateState,
} from './detectors.ts';
import { ReadingTail } from './reading-tail.ts';
import { compileSpec, type CompiledSpec } from './sensor.spec.ts';

export interface OpenAlarm {
  id: string;
  level: WarningLevel;
  clearing: boolean;
  /** Reading time (ms) since which the clear condition holds; NaN while it does not. */
  clearSince: number;
  /** A 历史告警 (raised from old readings): it calls nobody until current readings show it holds. */
  historic: boolean;
}

/** The detector state a fold can start from again: taken before the first reading of each period. */
export interface Checkpoint {
  /** The checkpoint holds the state before the first reading at or after this time (ms). */
  at: number;
  state: FoldState;
}

/** What detection carries from one reading to the next (everything but the spec). */
export interface FoldState {
  over: OverLimitState;
  rate: RateState | null;
  flat: FlatState | null;
  anomaly: AnomalyState | null;
  /**
   * The 超限 detector's state from before the current run of spikes (突变), null outside one: the
   * first normal reading after a spike is judged from it, so a spike's level does not linger.
   */
  preSpike: OverLimitState | null;
  /** Whether the open 超限 alarm was last raised by a spike (its detail says 疑似突变). */
  spikeMarked: boolean;
  /** Newest reading time processed (ms); an older one makes the engine fold again (event-time.ts). */
  lastAt: number;
  /** Readings detected since the sensor was loaded, folds included (the cost of a fold from a checkpoint). */
  folded: number;
  open: Map<AlarmKind, OpenAlarm>;
}

/** One sensor in the engine: who it is, its compiled spec, its detection state and checkpoints. */
export interface SensorRuntime extends FoldState {
  id: string;
  no: number;
  mineId: string;
  facilityId: string;
  code: string;
  quantity: string;
  version: number;
  spec: CompiledSpec;
  /** States before the first reading of each checkpoint period, the oldest first. */
  checkpoints: Checkpoint[];
  /**
   * The newest reading time handed to a writer (≥ lastAt): a reading later than this cannot be stored
   * yet, so it takes the plain INSERT (monitoring.engine.ts).
   */
  handedAt: number;
  /** The newest stored readings (reading-tail.ts): late readings judged without reading them back. */
  tail: ReadingTail;
}

export interface SensorRow {
  id: string;
  no: number;
  mineId: string;
  facilityId: string;
  code: string;
  quantity: string;
  version: number;
  spec: unknown;
  lastReadingAt: Date | null;
}

/** Compiled specs by quantity and spec: points of one preset share one (a province has 100,000s). */
const compiled = new Map<string, CompiledSpec>();
/** Distinct specs kept; beyond, the cache starts again (specs are read, never changed). */
const COMPILED_MAX = 10_000;

function sharedSpec(quantity: string, spec: unknown): CompiledSpec {
  const key = `${quantity}\u0000${JSON.stringify(spec)}`;
  let out = compiled.get(key);
  if (!out) {
    out = Object.freeze(compileSpec(quantity, SensorSpec.parse(spec)));
    if (compiled.size >= COMPILED_MAX) {
      compiled.clear();
    }
    compiled.set(key, out);
  }
  return out;
}

export function newRuntime(row: SensorRow, open: Map<AlarmKind, OpenAlarm>): SensorRuntime {
  const spec = sharedSpec(row.quantity, row.spec);
  const over = newOverLimitState();
  // After a restart the level in force is the open 超限 alarm's: the detector continues from it.
  const overAlarm = open.get('超限');
  if (overAlarm && !overAlarm.clearing) {
    over.level = overAlarm.level;
  }
  return {
    id: row.id,
    no: row.no,
    mineId: row.mineId,
    facilityId: row.facilityId,
    code: row.code,
    quantity: row.quantity,
    version: row.version,
    spec,
    over,
    rate: spec.rate ? newRateState() : null,
    flat: spec.flat ? newFlatState() : null,
    anomaly: spec.anomaly.window > 0 ? newAnomalyState() : null,
    preSpike: null,
    spikeMarked: false,
    lastAt: row.lastReadingAt?.getTime() ?? Number.NEGATIVE_INFINITY,
    folded: 0,
    checkpoints: [],
    handedAt: row.lastReadingAt?.getTime() ?? Number.NEGATIVE_INFINITY,
    // Nothing newer than the newest stored reading is stored: the tail knows every one from here.
    tail: new ReadingTail(row.lastReadingAt?.getTime() ?? Number.NEGATIVE_INFINITY),
    open,
  };
}

/** Swaps in new parameters, keeping the state that still applies. */
export function respec(rt: SensorRuntime, row: SensorRow): void {
  rt.spec = sharedSpec(row.quantity, row.spec);
  rt.version = row.version;
  rt.rate = rt.spec.rate ? (rt.rate ?? newRateState()) : null;
  rt.flat = rt.spec.flat ? (rt.flat ?? newFlatState()) : null;
  rt.anomaly = rt.spec.anomaly.window > 0 ? (rt.anomaly ?? newAnomalyState()) : null;
}

/**
 * What detection asks of the alarms. `at`, when given, is the episode's own start or end time (a 缺线
 * starts at the last reading before the gap); otherwise the reading's time.
 */
export type Intent =
  | { op: 'raise'; kind: AlarmKind; level: WarningLevel; detail: string; at?: number }
  | { op: 'clear'; kind: AlarmKind }
  | { op: 'close'; kind: AlarmKind };

export interface FaultLevels {
  平线: WarningLevel;
  断线: WarningLevel;
  /** A mine's 断网, judged from its points' 断线 (network-gap.ts). */
  断网: WarningLevel;
  数据异常: WarningLevel;
}

/** The rule parameters detection reads besides the sensor's own spec. */
export interface DetectContext {
  faults: FaultLevels;
  /** An alarm closes once its clear condition has held this long in reading time (ms). */
  holdMs: number;
  /** How far apart checkpoints are, in reading time (ms). */
  checkpointMs: number;
  /** How far back of the newest reading a late one is folded in place (ms); checkpoints cover it. */
  latenessMs: number;
}

/** A deep copy of the state that detection carries (a checkpoint, or the start of a fold). */
export function snapshot(rt: FoldState): FoldState {
  return {
    over: { ...rt.over },
    rate: rt.rate ? { times: [...rt.rate.times], values: [...rt.rate.values] } : null,
    flat: rt.flat ? { ...rt.flat } : null,
    anomaly: rt.anomaly ? structuredClone(rt.anomaly) : null,
    preSpike: rt.preSpike ? { ...rt.preSpike } : null,
    spikeMarked: rt.spikeMarked,
    lastAt: rt.lastAt,
    folded: rt.folded,
    open: new Map([...rt.open].map(([k, a]) => [k, { ...a }])),
  };
}

/** Puts a state into a runtime (the start of a fold, or its end adopted). */
export function restore(rt: SensorRuntime, s: FoldState): void {
  const copy = snapshot(s);
  rt.over = copy.over;
  rt.rate = rt.spec.rate ? (copy.rate ?? newRateState()) : null;
  rt.flat = rt.spec.flat ? (copy.flat ?? newFlatState()) : null;
  rt.anomaly = rt.spec.anomaly.window > 0 ? (copy.anomaly ?? newAnomalyState()) : null;
  rt.preSpike = copy.preSpike;
  rt.spikeMarked = copy.spikeMarked;
  rt.lastAt = copy.lastAt;
  rt.folded = copy.folded;
  rt.open = copy.open;
}

/** A state with nothing seen and nothing open (a fold of history with no checkpoint). */
export function emptyState(rt: SensorRuntime): FoldState {
  return {
    over: newOverLimitState(),
    rate: rt.spec.rate ? newRateState() : null,
    flat: rt.spec.flat ? newFlatState() : null,
    anomaly: rt.spec.anomaly.window > 0 ? newAnomalyState() : null,
    preSpike: null,
    spikeMarked: false,
    lastAt: Number.NEGATIVE_INFINITY,
    folded: rt.folded,
    open: new Map(),
  };
}

/** Checkpoints older than this many periods are thinned to one an hour. */
const DENSE_PERIODS = 12;
const SPARSE_MS = 3_600_000;
/**
 * Near the head a checkpoint also every this many readings, the newest RECENT of them kept: a sensor
 * that reports every second folds a reading some seconds late from a few dozen readings, not from the
 * start of its 5-minute period.
 */
const EVERY_READINGS = 32;
const RECENT = 4;

/**
 * Keeps a checkpoint before the first reading of each period: every period for the last
 * DENSE_PERIODS (a reading a few minutes late folds only those minutes again), one an hour before
 * that, and as far back as the lateness needs; and the RECENT newest taken every EVERY_READINGS.
 */
function checkpoint(rt: SensorRuntime, at: number, ctx: DetectContext): void {
  const cps = rt.checkpoints;
  const last = cps[cps.length - 1];
  if (
    last &&
    Math.floor(last.at / ctx.checkpointMs) === Math.floor(at / ctx.checkpointMs) &&
    rt.folded - last.state.folded < EVERY_READINGS
  ) {
    return;
  }
  cps.push({ at, state: snapshot(rt) });
  const dense = at - DENSE_PERIODS * ctx.checkpointMs;
  // The oldest one kept is the newest at or before the lateness horizon.
  const horizon = at - ctx.latenessMs;
  const recent = cps.length - RECENT;
  let w = 0;
  for (let r = 0; r < cps.length; r++) {
    const c = cps[r] as Checkpoint;
    const next = cps[r + 1];
    const beyond = next !== undefined && next.at <= horizon;
    const period = c.at < dense ? SPARSE_MS : ctx.checkpointMs;
    const thinned =
      r < recent &&
      w > 0 &&
      Math.floor((cps[w - 1] as Checkpoint).at / period) === Math.floor(c.at / period);
    if (!beyond && !thinned) {
      cps[w++] = c;
    }
  }
  cps.length = w;
}

/** The index of the newest checkpoint at or before `t` (the state a fold of a reading at `t` starts from), -1 when none. */
export function checkpointBefore(rt: SensorRuntime, t: number): number {
  return rt.checkpoints.findLastIndex((c) => c.at <= t);
}

/**
 * Moves a runtime's open alarms as an intent says (the same for the live writer and for a fold), and
 * returns the alarm the intent is about before the change (undefined when it opens one).
 */
export function track(rt: FoldState, intent: Intent, t: number): OpenAlarm | undefined {
  const known = rt.open.get(intent.kind);
  if (intent.op === 'close') {
    rt.open.delete(intent.kind);
    return known;
  }
  if (intent.op === 'clear') {
    if (known) {
      known.clearing = true;
      known.clearSince = t;
    }
    return known;
  }
  rt.open.set(intent.kind, {
    id: known?.id ?? '',
    level: intent.level,
    clearing: false,
    clearSince: Number.NaN,
    historic: known?.historic ?? false,
  });
  return known;
}

const needsClear = (rt: SensorRuntime, kind: AlarmKind) => {
  const a = rt.open.get(kind);
  return a !== undefined && !a.clearing;
};

/**
 * One reading through the detectors. Returns null for a reading not newer than the newest seen (the
 * engine folds it in its place); otherwise the intents, possibly none. The caller passes each intent
 * to `track` before the next reading. Allocates only when something changes.
 */
export function detectReading(
  rt: SensorRuntime,
  at: number,
  value: number,
  ctx: DetectContext,
): readonly Intent[] | null {
  if (at <= rt.lastAt) {
    return null;
  }
  checkpoint(rt, at, ctx);
  const prev = rt.lastAt;
  rt.lastAt = at;
  rt.folded++;
  const faults = ctx.faults;
  // No closures here: this runs for every reading (hundreds of thousands a second).
  let out: Intent[] | null = rt.open.size ? closeHeld(rt, at, ctx.holdMs) : null;
  // 缺线: a gap longer than the silence limit between two readings is a 断线 episode, seen live or not.
  const limit = rt.spec.silentFactor * rt.spec.intervalMs;
  if (at - prev > limit && prev > Number.NEGATIVE_INFINITY) {
    out = add(out, {
      op: 'raise',
      kind: '断线',
      level: faults.断线,
      detail: `缺线: ${shanghaiDateTime(prev)} 至 ${shanghaiDateTime(at)} 无数据`,
      at: prev,
    });
    out.push(clearOf.断线);
  } else {
    out = clearIfOpen(rt, '断线', out);
  }
  const anomaly = detectAnomaly(rt.spec.anomaly, rt.anomaly ?? NO_SPIKE_TEST, value);
  if (anomaly) {
    out = add(out, {
      op: 'raise',
      kind: '数据异常',
      level: faults.数据异常,
      detail: `${anomaly}: ${value}`,
    });
    if (anomaly !== '突变') {
      // A reading the instrument cannot give says nothing about the limits.
      return out;
    }
  } else {
    out = clearIfOpen(rt, '数据异常', out);
  }
  if (rt.spec.hasThresholds) {
    out = overLimit(rt, at, value, anomaly === '突变', rt.anomaly?.shifted === true, out);
  }
  if (rt.rate && rt.spec.rate) {
    const r = detectRate(rt.spec.rate, rt.rate, at, value);
    if (r?.exceeded) {
      const a = rt.open.get('变化速率');
      if (!a || a.clearing) {
        out = add(out, {
          op: 'raise',
          kind: '变化速率',
          level: rt.spec.rate.level,
          detail: `变化速率 ${r.perHour.toFixed(3)}/h 超过 ${rt.spec.rate.maxPerHour}/h`,
        });
      }
    } else if (r) {
      out = clearIfOpen(rt, '变化速率', out);
    }
  }
  if (rt.flat && rt.spec.flat) {
    const f = detectFlat(rt.spec.flat, rt.flat, at, value);
    if (f === 'flat') {
      out = add(out, {
        op: 'raise',
        kind: '平线',
        level: faults.平线,
        detail: `数值 ${value} 长时间不变`,
      });
    } else if (f === 'moving') {
      out = clearIfOpen(rt, '平线', out);
    }
  }
  return out ?? NONE;
}

const NONE: readonly Intent[] = Object.freeze([]);

/** The anomaly state of sensors without a spike test (the detector never touches its buffers). */
const NO_SPIKE_TEST: AnomalyState = newAnomalyState();

/** The 超限 state before a spike is judged (one reading at a time, so one object serves all sensors). */
const beforeSpike: OverLimitState = newOverLimitState();

/**
 * 超限 for one reading. A spike (突变) within the range still raises — safety first — marked 疑似突变,
 * but cannot lower or clear a level (one low sample says nothing about gas that was high). The
 * detector's state from before the run of spikes is kept aside: the first normal reading is judged
 * from that state, so the alarm follows it at once (cleared, or back to the level before). Spikes the
 * anomaly detector confirms as a new level (`shifted`) were real: the state carries on, and an alarm
 * marked 疑似突变 is re-marked as confirmed.
 */
function overLimit(
  rt: SensorRuntime,
  at: number,
  value: number,
  spike: boolean,
  shifted: boolean,
  out: Intent[] | null,
): Intent[] | null {
  const over = rt.over;
  const before = over.level;
  if (spike) {
    rt.preSpike ??= { ...over };
    Object.assign(beforeSpike, over);
  } else if (rt.preSpike) {
    if (!shifted) {
      Object.assign(over, rt.preSpike);
    }
    rt.preSpike = null;
  }
  detectOverLimit(rt.spec.overLimit, over, at, value);
  if (spike && levelRank(over.level) < levelRank(before)) {
    Object.assign(over, beforeSpike);
  }
  const level = over.level;
  if (level !== before) {
    rt.spikeMarked = spike && level !== null;
    return add(
      out,
      level === null
        ? clearOf.超限
        : {
            op: 'raise',
            kind: '超限',
            level,
            detail: `${value} 达到${level}阈值${spike ? ' (疑似突变)' : ''}`,
          },
    );
  }
  if (shifted && rt.spikeMarked && level !== null && needsClear(rt, '超限')) {
    rt.spikeMarked = false;
    return add(out, {
      op: 'raise',
      kind: '超限',
      level,
      detail: `${value} 达到${level}阈值 (突变已确认为持续水平)`,
    });
  }
  return out;
}

/** One shared clear and close intent per kind (intents are read, never changed). */
const clearOf = Object.fromEntries(
  alarmKinds.map((kind) => [kind, Object.freeze({ op: 'clear', kind })]),
) as Record<AlarmKind, Intent>;
const closeOf = Object.fromEntries(
  alarmKinds.map((kind) => [kind, Object.freeze({ op: 'close', kind })]),
) as Record<AlarmKind, Intent>;

function add(out: Intent[] | null, intent: Intent): Intent[] {
  if (out) {
    out.push(intent);
    return out;
  }
  return [intent];
}

function clearIfOpen(rt: SensorRuntime, kind: AlarmKind, out: Intent[] | null): Intent[] | null {
  return needsClear(rt, kind) ? add(out, clearOf[kind]) : out;
}

/** Close intents for the alarms whose clear condition has held for `holdMs` of reading time. */
function closeHeld(rt: SensorRuntime, at: number, holdMs: number): Intent[] | null {
  let out: Intent[] | null = null;
  for (const [kind, a] of rt.open) {
    if (a.clearing && at - a.clearSince >= holdMs) {
      out = add(out, closeOf[kind]);
    }
  }
  return out;
}
