/**
 * Benchmark: the pure detectors alone on one core (issue 5 target: ≥ 2,000,000 readings/s). Runs the
 * 超限 detector (coal methane preset, with hysteresis), the 平线 detector and the 数据异常 detector
 * (the demo's spike test: a 20-reading window, k 8, 0.5 % CH4 floor, 3 readings confirm a new level)
 * over 10,000 sensors' state for BENCH_READINGS readings (default 20,000,000) of a noisy methane
 * signal with excursions. Prints `BENCH detect-readings-per-s <n> readings/s`.
 */
import {
  detectAnomaly,
  detectFlat,
  detectOverLimit,
  newAnomalyState,
  newFlatState,
  newOverLimitState,
} from '../src/server/modules/monitoring/detectors.ts';
import { methanePresets } from '../src/server/modules/monitoring/threshold.presets.ts';
import { createRng } from '../src/server/platform/random.ts';

const SENSORS = 10_000;
const READINGS = Number(process.env.BENCH_READINGS ?? 20_000_000);
const spec = methanePresets.采煤工作面上隅角?.spec;
if (!spec) {
  throw new Error('preset missing');
}
const flatSpec = { epsilon: 0.001, count: 30, durationMs: 30 * 60_000 };
const over = Array.from({ length: SENSORS }, newOverLimitState);
const flat = Array.from({ length: SENSORS }, newFlatState);
const anomalySpec = {
  rangeMin: 0,
  rangeMax: 4,
  physicalMin: 0,
  physicalMax: 100,
  window: 20,
  k: 8,
  minDeviation: 0.5,
  confirm: 3,
};
const anomaly = Array.from({ length: SENSORS }, () => newAnomalyState());
// A precomputed signal (so the benchmark measures the detectors, not the random generator).
const rng = createRng(5);
const signal = Float64Array.from({ length: 65_536 }, (_, i) =>
  Math.max(0, 0.4 + (rng.int(0, 1000) / 1000 - 0.5) * 0.2 + (i % 4096 < 40 ? 1.2 : 0)),
);
let events = 0;
const start = performance.now();
for (let n = 0; n < READINGS; n++) {
  const s = n % SENSORS;
  const at = Math.floor(n / SENSORS) * 20_000; // every sensor reports each 20 s
  const v = signal[n & 65_535] ?? 0;
  if (detectOverLimit(spec, over[s] as (typeof over)[number], at, v)) {
    events++;
  }
  if (detectFlat(flatSpec, flat[s] as (typeof flat)[number], at, v)) {
    events++;
  }
  if (detectAnomaly(anomalySpec, anomaly[s] as (typeof anomaly)[number], v)) {
    events++;
  }
}
const seconds = (performance.now() - start) / 1000;
const rate = Math.round(READINGS / seconds);
console.log(
  `${READINGS} readings over ${SENSORS} sensors in ${seconds.toFixed(2)} s, ${events} events (超限 + 平线 + 数据异常)`,
);
console.log(`BENCH detect-readings-per-s ${rate} readings/s`);
