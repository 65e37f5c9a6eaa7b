/**
 * @module The data simulator (issue 5 §9): realistic readings for a set of sensors — each quantity's
 * normal level with noise (gas, CO, temperature, air speed, phreatic depth, pond level, creeping
 * displacement, rain, headcount by shift, power) — and now and then a fault: an excursion through the
 * warning levels and back (超限, with level changes and auto-resolve), a sensor falling silent (断线), a
 * stuck value (平线) or a single outlier (数据异常). Pure: the caller supplies the time and sends the
 * readings (in-process to the engine for `npm start`, over HTTP or MQTT for `minewatch simulate`).
 */
import { warningLevels, type WarningLevel } from '../../../shared/monitoring.enums.ts';
import { createRng, type Rng } from '../../platform/random.ts';

export interface SimSensor {
  mineId: string;
  code: string;
  quantity: string;
  spec: {
    direction: 'upper' | 'lower';
    /** The sensor type (传感器类型), whose range rangeMin–rangeMax is. */
    sensorType?: string | undefined;
    thresholds: Partial<Record<WarningLevel, number>>;
    intervalSeconds: number;
    silentFactor?: number;
    rangeMin: number;
    rangeMax: number;
    flat?: { count: number } | undefined;
    spike?: { minDeviation: number } | undefined;
  };
}

export interface SimReading {
  mine: string;
  sensor: string;
  ts: string;
  value: number;
}

export const faultKinds = ['excursion', 'silent', 'stuck', 'spike'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface SimOptions {
  seed?: number;
  /** Faults per sensor per hour (0 = none). */
  faultsPerHour?: number;
  /** Called when a fault starts (for the log). */
  onFault?: (sensor: SimSensor, kind: FaultKind, at: number) => void;
}

interface Episode {
  kind: FaultKind;
  /** Reading index within the episode. */
  n: number;
  length: number;
  target: number;
}

interface State {
  s: SimSensor;
  nextAt: number;
  base: number;
  noise: number;
  drift: number;
  last: number;
  episode: Episode | null;
}

/** Normal level and noise per quantity (demo values, not standards). */
const profiles: Record<string, { base: number; noise: number; integer?: boolean }> = {
  CH4: { base: 0.3, noise: 0.03 },
  CO: { base: 6, noise: 0.8 },
  O2: { base: 20.6, noise: 0.05 },
  温度: { base: 24, noise: 0.3 },
  风速: { base: 1.8, noise: 0.08 },
  降雨量: { base: 0.5, noise: 0.5 },
  井下人数: { base: 80, noise: 3, integer: true },
  // kWh drawn in one 10-s reading: about 1,400 kWh an hour, a mid-sized mine's load.
  用电量: { base: 4, noise: 0.2 },
  涌水量: { base: 60, noise: 2 },
  地压: { base: 8, noise: 0.2 },
};

/** The worst threshold the sensor has, and the first (mildest). */
function extremes(s: SimSensor): { first?: number; worst?: number } {
  const set = warningLevels
    .map((l) => s.spec.thresholds[l])
    .filter((v): v is number => typeof v === 'number');
  return { first: set[0], worst: set[set.length - 1] };
}

function initialState(s: SimSensor, now: number, rng: Rng): State {
  const { first } = extremes(s);
  const p = profiles[s.quantity];
  let base: number;
  let noise: number;
  if (p) {
    ({ base, noise } = p);
  } else if (first !== undefined) {
    // Safely inside the normal zone: below an upper first threshold, beyond a lower one.
    base = s.spec.direction === 'upper' ? first - Math.abs(first) * 0.02 - 1.5 : first * 1.6;
    noise = Math.max(Math.abs(first) * 0.002, 0.02);
  } else {
    base = s.spec.rangeMin + (s.spec.rangeMax - s.spec.rangeMin) * 0.05;
    noise = (s.spec.rangeMax - s.spec.rangeMin) * 0.001;
  }
  if (s.quantity.startsWith('表面位移') || s.quantity === '内部位移' || s.quantity === '雷达形变') {
    base = first !== undefined ? first * 0.15 : 10;
    noise = 0.2;
  }
  const interval = s.spec.intervalSeconds * 1000;
  return {
    s,
    nextAt: now + Math.floor(rng.next() * interval),
    base,
    noise,
    drift: 0,
    last: base,
    episode: null,
  };
}

/**
 * How far past the worst threshold an excursion goes, then back — never outside the instrument's
 * range, where a reading is 数据异常 rather than 超限 (a low-concentration methane sensor reads 0–4 %).
 */
function excursionTarget(s: SimSensor): number | null {
  const { worst } = extremes(s);
  if (worst === undefined) {
    return null;
  }
  const past = s.spec.direction === 'upper' ? worst + Math.abs(worst) * 0.1 + 0.05 : worst * 0.9;
  return Math.min(s.spec.rangeMax, Math.max(s.spec.rangeMin, past));
}

export class Simulator {
  private readonly rng: Rng;
  private readonly states = new Map<string, State>();
  private readonly faultsPerHour: number;

  constructor(
    sensors: SimSensor[],
    startMs: number,
    private readonly options: SimOptions = {},
  ) {
    this.rng = createRng(options.seed ?? 2026);
    this.faultsPerHour = options.faultsPerHour ?? 0.1;
    this.setSensors(sensors, startMs);
  }

  /** Adds new sensors and drops removed ones; known ones keep their state. */
  setSensors(sensors: SimSensor[], nowMs: number): void {
    const keys = new Set(sensors.map((s) => `${s.mineId}/${s.code}`));
    for (const k of this.states.keys()) {
      if (!keys.has(k)) {
        this.states.delete(k);
      }
    }
    for (const s of sensors) {
      const k = `${s.mineId}/${s.code}`;
      const known = this.states.get(k);
      if (known) {
        known.s = s;
      } else {
        this.states.set(k, initialState(s, nowMs, this.rng));
      }
    }
  }

  get size(): number {
    return this.states.size;
  }

  /** Starts a fault on one sensor now; false when the sensor cannot have it (no thresholds). */
  force(mineId: string, code: string, kind: FaultKind, nowMs: number): boolean {
    const st = this.states.get(`${mineId}/${code}`);
    return st ? this.begin(st, kind, nowMs) : false;
  }

  /** Every reading due up to `nowMs`, in time order per sensor. */
  step(nowMs: number): SimReading[] {
    const out: SimReading[] = [];
    for (const st of this.states.values()) {
      const interval = st.s.spec.intervalSeconds * 1000;
      while (st.nextAt <= nowMs) {
        const at = st.nextAt;
        st.nextAt += interval;
        if (!st.episode && this.faultsPerHour > 0) {
          const p = (this.faultsPerHour * st.s.spec.intervalSeconds) / 3600;
          if (this.rng.chance(p)) {
            this.begin(st, this.rng.pick(faultKinds), at);
          }
        }
        const value = this.value(st);
        if (value !== null) {
          out.push({ mine: st.s.mineId, sensor: st.s.code, ts: new Date(at).toISOString(), value });
        }
      }
    }
    return out;
  }

  private begin(st: State, kind: FaultKind, at: number): boolean {
    const target = excursionTarget(st.s);
    if (kind === 'excursion' && target === null) {
      return false;
    }
    const silent = (st.s.spec.silentFactor ?? 3) + 4;
    const length =
      kind === 'excursion'
        ? 18
        : kind === 'silent'
          ? silent
          : kind === 'stuck'
            ? (st.s.spec.flat?.count ?? 30) + 5
            : 1;
    st.episode = { kind, n: 0, length, target: target ?? st.base };
    this.options.onFault?.(st.s, kind, at);
    return true;
  }

  /** The next value of one sensor; null while it is silent. */
  private value(st: State): number | null {
    const e = st.episode;
    let v = this.normal(st);
    if (e) {
      if (e.kind === 'excursion') {
        // Up over a third of the episode, hold a third, down the last third.
        const third = e.length / 3;
        const w = e.n < third ? e.n / third : e.n < 2 * third ? 1 : (e.length - e.n) / third;
        v = v + (e.target - st.base) * Math.max(0, Math.min(1, w));
      } else if (e.kind === 'silent') {
        v = Number.NaN;
      } else if (e.kind === 'stuck') {
        v = st.last;
      } else {
        // Past the spike check's floor, yet (for the demo's quantities) short of the first threshold.
        const jump = Math.max((st.s.spec.spike?.minDeviation ?? 0) * 1.3, st.noise * 15);
        v = Math.min(st.s.spec.rangeMax, st.base + jump);
      }
      e.n++;
      if (e.n >= e.length) {
        st.episode = null;
      }
    }
    if (Number.isNaN(v)) {
      return null;
    }
    const rounded = profiles[st.s.quantity]?.integer ? Math.round(v) : Math.round(v * 1000) / 1000;
    st.last = rounded;
    return rounded;
  }

  private normal(st: State): number {
    const q = st.s.quantity;
    if (q.startsWith('表面位移') || q === '内部位移' || q === '雷达形变') {
      st.drift += 0.001;
    }
    let v = st.base + st.drift + (this.rng.next() * 2 - 1) * st.noise;
    if (q === '井下人数') {
      // Fewer people between shifts (Beijing time 7–8, 15–16, 23–0).
      const hour = (new Date(st.nextAt).getUTCHours() + 8) % 24;
      v *= [7, 15, 23].includes(hour) ? 0.4 : 1;
    }
    if (q === '降雨量') {
      v = Math.max(0, v);
    }
    return v;
  }
}
