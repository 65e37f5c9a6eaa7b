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
 * - 数据异常: not a number, outside the instrument range (its sensor type's) or physically impossible,
 *   or a spike against a robust rolling median (median ± k·1.4826·MAD); a new level confirmed by N
 *   agreeing readings becomes the window, so a real level shift stops being a spike.
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
  /** The instrument's measuring range (its sensor type's, unless the sensor overrides it). */
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
  /**
   * How many consecutive flagged readings, agreeing with each other within the spike limit, confirm a
   * new level (2 ≤ confirm ≤ window); also the fewest accepted readings the spike test needs.
   */
  confirm: number;
}

/**
 * One sensor's spike-test memory, fixed in size once allocated, in one buffer: the accepted readings
 * as a ring in arrival order (`window` slots), the same values sorted (`window` slots, so the median
 * and MAD need no sort per reading), and the flagged readings held aside while they might be a new
 * level (`confirm` slots).
 */
export interface AnomalyState {
  buf: number[];
  /** The window and confirmation count the buffer is sized for. */
  cap: number;
  need: number;
  /** Where the next accepted reading goes in the ring, and how many it holds. */
  head: number;
  size: number;
  heldCount: number;
  heldMin: number;
  heldMax: number;
  /** Whether the last reading confirmed a new level (its held readings became the window). */
  shifted: boolean;
}

/** A sensor's empty spike-test memory; the buffer is sized on the first reading (and on a respec). */
export function newAnomalyState(): AnomalyState {
  return {
    buf: [],
    cap: 0,
    need: 0,
    head: 0,
    size: 0,
    heldCount: 0,
    heldMin: 0,
    heldMax: 0,
    shifted: false,
  };
}

export type Anomaly = '非数值' | '物理不可能' | '超出量程' | '突变';

/** `n` zeros in an array V8 keeps as unboxed doubles (about 150 bytes less than a typed array). */
function doubles(n: number): number[] {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    xs.push(0.5);
  }
  return xs.fill(0);
}

/** How many agreeing spikes confirm a level: the spec's count, within 1 … window. */
const confirmOf = (spec: AnomalySpec) => Math.max(1, Math.min(spec.confirm, spec.window));

/** Sizes the buffer for the spec's window and confirmation count, forgetting what it held. */
function sizeFor(spec: AnomalySpec, state: AnomalyState): void {
  state.cap = spec.window;
  state.need = confirmOf(spec);
  state.buf = doubles(2 * state.cap + state.need);
  state.head = 0;
  state.size = 0;
  state.heldCount = 0;
}

/** Puts a value into the sorted run of `n` values at `off` (one slot free after it). */
function insertSorted(xs: number[], off: number, n: number, v: number): void {
  let i = off + n;
  while (i > off && (xs[i - 1] as number) > v) {
    xs[i] = xs[i - 1] as number;
    i--;
  }
  xs[i] = v;
}

/** Takes one occurrence of a value out of the sorted run of `n` values at `off`. */
function removeSorted(xs: number[], off: number, n: number, v: number): void {
  const last = off + n - 1;
  let i = off;
  while (i < last && (xs[i] as number) !== v) {
    i++;
  }
  for (; i < last; i++) {
    xs[i] = xs[i + 1] as number;
  }
}

/** Accepts a reading into the window, evicting the oldest when it is full. */
function accept(state: AnomalyState, value: number): void {
  const { buf, cap } = state;
  if (state.size === cap) {
    removeSorted(buf, cap, cap, buf[state.head] as number);
    insertSorted(buf, cap, cap - 1, value);
  } else {
    insertSorted(buf, cap, state.size, value);
    state.size++;
  }
  buf[state.head] = value;
  state.head = (state.head + 1) % cap;
}

/** The window becomes the held readings: the confirmed level is the new normal. */
function admitHeld(state: AnomalyState): void {
  const { buf, cap, heldCount: n } = state;
  const held = 2 * cap;
  for (let i = 0; i < n; i++) {
    const v = buf[held + i] as number;
    buf[i] = v;
    insertSorted(buf, cap, i, v);
  }
  state.size = n;
  state.head = n % cap;
  state.heldCount = 0;
}

/** The median of the sorted run of `n` values (n ≥ 1) at `off`. */
function sortedMedian(xs: number[], off: number, n: number): number {
  const mid = off + (n >> 1);
  return n & 1 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

/**
 * The median absolute deviation of the sorted run of `n` values at `off` from its median, without
 * sorting: the deviations below the median grow leftwards and those above it rightwards, so merging
 * the two runs from the middle meets the deviations in order; the middle one (or two) is the MAD.
 */
function sortedMad(xs: number[], off: number, n: number, med: number): number {
  const mid = n >> 1;
  let l = off + mid - 1;
  let r = off + mid;
  const end = off + n;
  let below = 0;
  let dev = 0;
  for (let rank = 0; rank <= mid; rank++) {
    const dl = l >= off ? med - (xs[l] as number) : Infinity;
    const dr = r < end ? (xs[r] as number) - med : Infinity;
    if (dl <= dr) {
      dev = dl;
      l--;
    } else {
      dev = dr;
      r++;
    }
    if (rank === mid - 1) {
      below = dev;
    }
  }
  return n & 1 ? dev : (below + dev) / 2;
}

/**
 * One reading through the 数据异常 detector. A reading far from the window's median (at least
 * `minDeviation` and more than k·1.4826·MAD) is a spike (突变) and does not enter the window; it is
 * held aside. When `confirm` consecutive spikes agree with each other (their spread is itself no
 * spike), the level has really changed: they become the window, that reading is not flagged, and
 * later readings at the new level are normal (`state.shifted` tells the caller). A normal reading
 * drops what was held, so a lone spike never enters the window. Allocates nothing once the buffers
 * is sized.
 */
export function detectAnomaly(
  spec: AnomalySpec,
  state: AnomalyState,
  value: number,
): Anomaly | null {
  state.shifted = false;
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
  if (state.cap !== spec.window || state.need !== confirmOf(spec)) {
    sizeFor(spec, state);
  }
  const { buf, cap, need } = state;
  if (state.size >= need) {
    const n = state.size;
    const med = sortedMedian(buf, cap, n);
    const limit = spec.k * 1.4826 * sortedMad(buf, cap, n, med);
    const deviation = Math.abs(value - med);
    if (deviation >= spec.minDeviation && deviation > limit) {
      // A spike, or the start of a new level: held aside until it is confirmed or dropped.
      const lo = state.heldCount ? Math.min(state.heldMin, value) : value;
      const hi = state.heldCount ? Math.max(state.heldMax, value) : value;
      const spread = hi - lo;
      if (state.heldCount && spread >= spec.minDeviation && spread > limit) {
        // Disagrees with what was held: that was no level; start over from this reading.
        state.heldCount = 0;
        state.heldMin = value;
        state.heldMax = value;
      } else {
        state.heldMin = lo;
        state.heldMax = hi;
      }
      buf[2 * cap + state.heldCount++] = value;
      if (state.heldCount < need) {
        return '突变';
      }
      admitHeld(state);
      state.shifted = true;
      return null;
    }
  }
  state.heldCount = 0;
  accept(state, value);
  return null;
}
