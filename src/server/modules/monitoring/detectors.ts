/**
 * @module The detectors of issue 5 §3, one per kind of finding, each a deterministic function of a
 * sensor's own state and one reading (no I/O, no clock: times come with the readings, in ms). The state
 * object belongs to one sensor and is updated in place, so the hot path allocates nothing per reading.
 * - 超限: the highest warning level whose threshold the value reaches, raised only after it has held for a
 *   minimum duration and count; cleared (or lowered) only past a clear value — by default the threshold
 *   minus a deadband, or an explicit one (煤矿安全规程 甲烷: 断电 ≥1.5, 复电 <1.0).
 * - 变化速率: the change over a time window, per hour, against a limit.
 * - 平线: the value unchanged within ε for N readings or T ms.
 * - 断线 / 断网: a sensor, or a whole feed, silent for k × its reporting interval.
 * - 数据异常: not a number, outside the instrument range or physically impossible, or a spike against a
 *   robust rolling median (median ± k·1.4826·MAD).
 */
import { HOUR_MS } from '../../../shared/dates.ts';
import {
  levelRank,
  warningLevels,
  type Direction,
  type WarningLevel,
} from '../../../shared/monitoring.enums.ts';

export interface OverLimitSpec {
  direction: Direction;
  /** The value at which each level is reached (≥ for upper, ≤ for lower); levels may be missing. */
  thresholds: Partial<Record<WarningLevel, number>>;
  /** Clearing a level needs the value this far back past its threshold (hysteresis), unless `clear` says. */
  deadband: number;
  /** Explicit clear values per level (upper: the level clears when value < clear; lower: when value > clear). */
  clear?: Partial<Record<WarningLevel, number>>;
  /** A higher level is raised only after it has held this long (ms) … */
  minDurationMs: number;
  /** … and for this many consecutive readings. */
  minCount: number;
}

export interface OverLimitState {
  level: WarningLevel | null;
  pending: WarningLevel | null;
  pendingSince: number;
  pendingCount: number;
}

export function newOverLimitState(): OverLimitState {
  return { level: null, pending: null, pendingSince: 0, pendingCount: 0 };
}

export type OverLimitEvent =
  | { kind: 'raised'; level: WarningLevel }
  | { kind: 'changed'; from: WarningLevel; to: WarningLevel }
  | { kind: 'cleared'; from: WarningLevel };

const reaches = (dir: Direction, value: number, threshold: number) =>
  dir === 'upper' ? value >= threshold : value <= threshold;

/** The highest level whose threshold the value reaches, or null. */
export function reachedLevel(spec: OverLimitSpec, value: number): WarningLevel | null {
  for (let i = warningLevels.length - 1; i >= 0; i--) {
    const level = warningLevels[i] as WarningLevel;
    const t = spec.thresholds[level];
    if (t !== undefined && reaches(spec.direction, value, t)) {
      return level;
    }
  }
  return null;
}

/** Whether a level already raised still holds: the value has not gone back past its clear value. */
function holds(spec: OverLimitSpec, level: WarningLevel, value: number): boolean {
  const t = spec.thresholds[level];
  if (t === undefined) {
    return false;
  }
  const upper = spec.direction === 'upper';
  const clear = spec.clear?.[level] ?? (upper ? t - spec.deadband : t + spec.deadband);
  return upper ? value >= clear : value <= clear;
}

/** One reading through the 超限 detector; returns what changed, if anything. */
export function detectOverLimit(
  spec: OverLimitSpec,
  state: OverLimitState,
  at: number,
  value: number,
): OverLimitEvent | null {
  const reached = reachedLevel(spec, value);
  // The level held now: the reached one, or a higher current one that has not cleared yet.
  let held = reached;
  for (let r = levelRank(state.level); r > levelRank(reached); r--) {
    const level = warningLevels[r] as WarningLevel;
    if (holds(spec, level, value)) {
      held = level;
      break;
    }
  }
  if (levelRank(held) <= levelRank(state.level)) {
    state.pending = null;
    state.pendingCount = 0;
    if (held === state.level || state.level === null) {
      return null;
    }
    const from = state.level;
    state.level = held;
    return held === null ? { kind: 'cleared', from } : { kind: 'changed', from, to: held };
  }
  // A higher level: it must hold for the minimum duration and count before it is raised.
  if (state.pending !== held) {
    state.pending = held;
    state.pendingSince = at;
    state.pendingCount = 0;
  }
  state.pendingCount++;
  if (at - state.pendingSince < spec.minDurationMs || state.pendingCount < spec.minCount) {
    return null;
  }
  const from = state.level;
  state.level = held;
  state.pending = null;
  state.pendingCount = 0;
  return from === null
    ? { kind: 'raised', level: held as WarningLevel }
    : { kind: 'changed', from, to: held as WarningLevel };
}

export interface RateSpec {
  /** The window over which the change is measured (ms). */
  windowMs: number;
  /** Largest allowed change per hour (absolute value), in the quantity's unit. */
  maxPerHour: number;
}

export interface RateState {
  times: number[];
  values: number[];
}

export function newRateState(): RateState {
  return { times: [], values: [] };
}

/**
 * One reading through the rate-of-change detector: the change per hour from the oldest reading still
 * inside the window; `exceeded` once a full window is seen and the rate is over the limit.
 */
export function detectRate(
  spec: RateSpec,
  state: RateState,
  at: number,
  value: number,
): { perHour: number; exceeded: boolean } | null {
  state.times.push(at);
  state.values.push(value);
  while (state.times.length > 1 && at - (state.times[1] ?? at) >= spec.windowMs) {
    state.times.shift();
    state.values.shift();
  }
  const t0 = state.times[0] ?? at;
  if (at - t0 < spec.windowMs || at === t0) {
    return null;
  }
  const perHour = ((value - (state.values[0] ?? value)) / (at - t0)) * HOUR_MS;
  return { perHour, exceeded: Math.abs(perHour) > spec.maxPerHour };
}

export interface FlatSpec {
  epsilon: number;
  /** Flat after this many readings within ε … */
  count: number;
  /** … or after this long within ε (ms), whichever comes first. */
  durationMs: number;
}

export interface FlatState {
  ref: number;
  since: number;
  count: number;
  flat: boolean;
}

export function newFlatState(): FlatState {
  return { ref: Number.NaN, since: 0, count: 0, flat: false };
}

/** One reading through the 平线 detector; returns 'flat' when it starts and 'moving' when it ends. */
export function detectFlat(
  spec: FlatSpec,
  state: FlatState,
  at: number,
  value: number,
): 'flat' | 'moving' | null {
  if (Number.isNaN(state.ref) || Math.abs(value - state.ref) > spec.epsilon) {
    const wasFlat = state.flat;
    state.ref = value;
    state.since = at;
    state.count = 1;
    state.flat = false;
    return wasFlat ? 'moving' : null;
  }
  state.count++;
  if (!state.flat && (state.count >= spec.count || at - state.since >= spec.durationMs)) {
    state.flat = true;
    return 'flat';
  }
  return null;
}

/**
 * 断线 (one sensor) or 断网 (a feed or mine, with its latest reading of any sensor): silent for more than
 * k × the expected interval. Readings arriving late carry their own time, so a resend never makes a
 * sensor look silent; only the newest time seen counts.
 */
export function isSilent(
  lastSeenAt: number | null,
  now: number,
  intervalMs: number,
  k: number,
): boolean {
  return lastSeenAt === null || now - lastSeenAt > k * intervalMs;
}

export interface AnomalySpec {
  /** The instrument's measuring range. */
  rangeMin: number;
  rangeMax: number;
  /** What the quantity can physically be (e.g. a concentration 0–100 %). */
  physicalMin: number;
  physicalMax: number;
  /**
   * Spike test: readings in the rolling window (0 = no spike test), the MAD multiplier, and the
   * smallest deviation that counts.
   */
  window: number;
  k: number;
  minDeviation: number;
}

export interface AnomalyState {
  recent: number[];
}

export function newAnomalyState(): AnomalyState {
  return { recent: [] };
}

export type Anomaly = '非数值' | '物理不可能' | '超出量程' | '突变';

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** One reading through the 数据异常 detector; a spike does not enter the rolling window. */
export function detectAnomaly(
  spec: AnomalySpec,
  state: AnomalyState,
  value: number,
): Anomaly | null {
  if (!Number.isFinite(value)) {
    return '非数值';
  }
  if (value < spec.physicalMin || value > spec.physicalMax) {
    return '物理不可能';
  }
  if (value < spec.rangeMin || value > spec.rangeMax) {
    return '超出量程';
  }
  if (spec.window <= 0) {
    return null;
  }
  if (state.recent.length >= spec.window) {
    const sorted = [...state.recent].sort((a, b) => a - b);
    const med = median(sorted);
    const mad = median(sorted.map((v) => Math.abs(v - med)).sort((a, b) => a - b));
    const deviation = Math.abs(value - med);
    if (deviation >= spec.minDeviation && deviation > spec.k * 1.4826 * mad) {
      return '突变';
    }
    state.recent.shift();
  }
  state.recent.push(value);
  return null;
}
