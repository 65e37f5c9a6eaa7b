/**
 * @module What the rules see of one mine: its registry facts, its status per day and its series as
 * dense arrays over one time range (NaN = nothing reported), plus the robust statistics the rules use.
 * Days are China Standard Time days; `start` is a China midnight.
 */
import { DAY_MS, HOUR_MS } from '../../../../shared/dates.ts';
import {
  factors,
  isBatchFactor,
  type Factor,
  type LeadRule,
} from '../../../../shared/leads.enums.ts';
import type { MineKind, MineStatus } from '../../../../shared/registry.enums.ts';

/** A value of a numeric array; NaN past its end (reads like a missing value). */
export const at = (xs: ArrayLike<number>, i: number): number => xs[i] ?? NaN;

export interface MineFrame {
  mineId: string;
  kind: MineKind;
  countyCode: string;
  designCapacityTpa: number | null;
  /** 单班下井限员 (the registry's approved underground staff). */
  approvedStaff: number | null;
  /** A China midnight (ms since epoch). */
  start: number;
  days: number;
  /** The registry status in force on each day. */
  dayStatus: MineStatus[];
  /** Hourly series, length days × 24. */
  hourly: Partial<Record<Factor, Float64Array>>;
  /** Series reported per day (e.g. production from the dispatch report), length days. */
  daily: Partial<Record<Factor, Float64Array>>;
  /** Hourly headcount per positioning area. */
  areas: Map<string, Float64Array>;
  /** Registered areas: name → whether it is sealed (停用封闭). */
  registeredAreas: Map<string, { sealed: boolean }>;
  /** Whether the mine has safety-monitoring points (the 监控造假 rule needs them). */
  monitored: boolean;
  /** Work declared in advance at the stopped mine and not rejected (modules/stopped), read by 明停暗开. */
  declaredWork?: DeclaredWork[];
  /** Inspections recorded at the mine (modules/inspections/records), read by 停产迎检. */
  inspections?: FrameInspection[];
}

/** One recorded inspection: its day (a China midnight, ms) and how a lead names it. */
export interface FrameInspection {
  id: string;
  on: number;
  label: string;
}

/** One declaration of work at a stopped mine over [from, to) (ms). */
export interface DeclaredWork {
  id: string;
  /** How the lead names it (purpose and days). */
  label: string;
  from: number;
  to: number;
  /** The most power an hour of the work draws (kWh). */
  maxPowerKwh: number;
  /** People declared per work site (the positioning area's name). */
  sites: { place: string; people: number }[];
}

export interface Breach {
  factor: string;
  from: number;
  to: number;
  peak: number;
  threshold: number;
  baseline: number | null;
  /** Per-day expected values where the baseline moves with production (隐蔽工作面). */
  expected?: { t: number; v: number }[];
  area?: string;
}

export interface Finding {
  rule: LeadRule;
  mineId: string;
  from: number;
  to: number;
  score: number;
  summary: string;
  breaches: Breach[];
  criterionCode?: string;
  majorHazard?: boolean;
  /** Declarations that explained part of what the rule saw (明停暗开), named in the lead. */
  explainedBy?: { id: string; label: string }[];
  /** The inspection a 停产迎检 finding is about. */
  inspection?: { id: string; label: string };
}

/**
 * Day values of a factor: reported daily, else folded from hours. A continuous sum (power, transport)
 * needs 20 of 24 hours (scaled up to the day) and counts no hour above 3 × the day's median hour, so
 * one glitchy reading or the catch-up reading after a meter gap cannot make a day. A batch quantity
 * (explosives, drawn once a day: `batch` in the factor catalogue) keeps its true daily total — the
 * plain sum of the hours reported — since its median hour is 0 and the cap would erase every draw.
 */
export function dailyOf(frame: MineFrame, factor: Factor): Float64Array | undefined {
  const direct = frame.daily[factor];
  if (direct) {
    return direct;
  }
  const hours = frame.hourly[factor];
  if (!hours) {
    return undefined;
  }
  const fold = factors[factor].fold;
  const batch = fold === 'sum' && isBatchFactor(factor);
  const out = new Float64Array(frame.days).fill(NaN);
  for (let d = 0; d < frame.days; d++) {
    const cap = fold === 'sum' && !batch ? 3 * median(pick(hours, d * 24, d * 24 + 24)) : Infinity;
    let n = 0;
    let acc = fold === 'max' ? -Infinity : 0;
    for (let h = d * 24; h < d * 24 + 24; h++) {
      const v = at(hours, h);
      if (Number.isNaN(v)) {
        continue;
      }
      n++;
      acc = fold === 'max' ? Math.max(acc, v) : acc + Math.min(v, cap);
    }
    if (n === 0) {
      continue;
    }
    if (batch) {
      out[d] = acc;
    } else if (fold === 'sum') {
      out[d] = n >= 20 ? (acc * 24) / n : NaN;
    } else {
      out[d] = fold === 'mean' ? acc / n : acc;
    }
  }
  return out;
}

/** Finite values of `xs[from..to)`. */
export function pick(xs: ArrayLike<number>, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    const v = xs[i];
    if (v !== undefined && Number.isFinite(v)) {
      out.push(v);
    }
  }
  return out;
}

/** Reused sort buffer (the rules take many medians of short windows; allocation dominated). */
let scratch = new Float64Array(4096);

/** The q-quantile (linear interpolation) of `values`; NaN when empty. Leaves `values` as it was. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) {
    return NaN;
  }
  if (values.length > scratch.length) {
    scratch = new Float64Array(values.length * 2);
  }
  const sorted = scratch.subarray(0, values.length);
  sorted.set(values);
  sorted.sort();
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return at(sorted, lo) + (at(sorted, hi) - at(sorted, lo)) * (pos - lo);
}

export const median = (values: ArrayLike<number>) => quantile(values, 0.5);

/** Median absolute deviation, scaled to a normal σ (× 1.4826). */
export function mad(values: number[], center: number): number {
  return 1.4826 * median(values.map((v) => Math.abs(v - center)));
}

/**
 * Runs of consecutive indices where `hit(i)` holds, at least `minLength` long. A missing value
 * (where `hit` is false) ends a run, so a gap never stitches two short runs into a long one.
 */
export function runs(
  length: number,
  hit: (i: number) => boolean,
  minLength: number,
): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let start = -1;
  for (let i = 0; i <= length; i++) {
    if (i < length && hit(i)) {
      if (start < 0) {
        start = i;
      }
    } else if (start >= 0) {
      if (i - start >= minLength) {
        out.push({ from: start, to: i });
      }
      start = -1;
    }
  }
  return out;
}

export type NonEmpty<T> = [T, ...T[]];

/** The last item of a non-empty list. */
export const lastOf = <T>(xs: NonEmpty<T>): T => xs[xs.length - 1] ?? xs[0];

/** Merges breaches (sorted by start) closer than `gapMs` into groups. */
export function groupBreaches(breaches: Breach[], gapMs: number): NonEmpty<Breach>[] {
  const sorted = [...breaches].sort((a, b) => a.from - b.from);
  const groups: NonEmpty<Breach>[] = [];
  let end = -Infinity;
  for (const b of sorted) {
    const last = groups.at(-1);
    if (last && b.from - end <= gapMs) {
      last.push(b);
      end = Math.max(end, b.to);
    } else {
      groups.push([b]);
      end = b.to;
    }
  }
  return groups;
}

/** 1 − Π(1 − p): independent pieces of evidence, as a 0–100 score. */
export function combinedScore(probabilities: number[]): number {
  const miss = probabilities.reduce((acc, p) => acc * (1 - Math.min(Math.max(p, 0), 0.99)), 1);
  return Math.round((1 - miss) * 100);
}

export function hourAt(frame: MineFrame, i: number): number {
  return frame.start + i * HOUR_MS;
}

export function dayAt(frame: MineFrame, d: number): number {
  return frame.start + d * DAY_MS;
}
