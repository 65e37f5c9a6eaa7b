/**
 * The simulator on its own: normal readings stay in the normal zone, and each fault looks like what
 * the detectors look for — an excursion through the 《煤矿安全规程》 methane levels (采煤工作面: 报警
 * 1.0 %, 断电 1.5 %) and back below the 复电 value, a silence longer than k × interval (断线), a stuck value
 * longer than the flat-line count (平线), and a single outlier past the spike floor.
 */
import { describe, expect, it } from 'vitest';
import { demoSpec } from '../../seed/demo-monitoring.ts';
import { Simulator, type SimSensor } from './simulator.ts';

const T0 = Date.parse('2026-11-23T00:00:00Z');
const spec = demoSpec({
  code: 'CH4-101',
  name: '101 工作面甲烷',
  quantity: 'CH4',
  location: '采煤工作面',
  preset: '甲烷:采煤工作面',
  sensorType: '低浓度甲烷传感器',
});
const gas: SimSensor = { mineId: 'm1', code: 'CH4-101', quantity: 'CH4', spec };
const interval = spec.intervalSeconds * 1000;

/** Readings one interval at a time for `n` intervals. */
function run(sim: Simulator, from: number, n: number) {
  const out = [];
  for (let i = 1; i <= n; i++) {
    out.push(...sim.step(from + i * interval));
  }
  return out;
}

describe('simulator', () => {
  it('uses the C1 preset of 采煤工作面 for the demo gas sensor, a low-concentration one (0–4 %)', () => {
    expect(spec.thresholds).toEqual({ 黄色: 1.0, 红色: 1.5 });
    expect(spec.intervalSeconds).toBe(10);
    expect(spec).toMatchObject({ sensorType: '低浓度甲烷传感器', rangeMin: 0, rangeMax: 4 });
  });

  it('without faults, a day of gas readings stays below the 1.0 % alarm value, one per interval', () => {
    const sim = new Simulator([gas], T0, { faultsPerHour: 0, seed: 1 });
    const readings = run(sim, T0, 8640);
    expect(readings).toHaveLength(8640);
    expect(Math.max(...readings.map((r) => r.value))).toBeLessThan(1.0);
    const times = readings.map((r) => Date.parse(r.ts));
    expect(times.slice(1).every((t, i) => t - (times[i] ?? 0) === interval)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = run(new Simulator([gas], T0, { seed: 7, faultsPerHour: 5 }), T0, 500);
    const b = run(new Simulator([gas], T0, { seed: 7, faultsPerHour: 5 }), T0, 500);
    expect(a).toEqual(b);
  });

  it('an excursion climbs past 1.5 % (断电) and falls back below 1.0 % (复电)', () => {
    const sim = new Simulator([gas], T0, { faultsPerHour: 0 });
    run(sim, T0, 10);
    expect(sim.force('m1', 'CH4-101', 'excursion', T0 + 10 * interval)).toBe(true);
    const values = run(sim, T0 + 10 * interval, 24).map((r) => r.value);
    const peak = values.indexOf(Math.max(...values));
    expect(values[peak]).toBeGreaterThan(1.5);
    expect(values.slice(0, peak).some((v) => v >= 1.0 && v < 1.5)).toBe(true);
    expect(values[values.length - 1]).toBeLessThan(1.0);
    // Within the sensor's 0–4 %: an excursion is 超限, never 数据异常 (超出量程).
    expect(Math.max(...values)).toBeLessThanOrEqual(spec.rangeMax);
  });

  it('a silent sensor sends nothing for longer than silentFactor × interval (断线)', () => {
    const sim = new Simulator([gas], T0, { faultsPerHour: 0 });
    const before = run(sim, T0, 5);
    sim.force('m1', 'CH4-101', 'silent', T0 + 5 * interval);
    const readings = [...before, ...run(sim, T0 + 5 * interval, 20)].map((r) => Date.parse(r.ts));
    const gaps = readings.slice(1).map((t, i) => t - (readings[i] ?? 0));
    expect(Math.max(...gaps)).toBeGreaterThan(spec.silentFactor * interval);
  });

  it('a stuck sensor repeats one value more times than the flat-line count (平线)', () => {
    const sim = new Simulator([gas], T0, { faultsPerHour: 0 });
    run(sim, T0, 5);
    sim.force('m1', 'CH4-101', 'stuck', T0 + 5 * interval);
    const values = run(sim, T0 + 5 * interval, 60).map((r) => r.value);
    let longest = 1;
    let current = 1;
    for (let i = 1; i < values.length; i++) {
      current = values[i] === values[i - 1] ? current + 1 : 1;
      longest = Math.max(longest, current);
    }
    expect(longest).toBeGreaterThanOrEqual(spec.flat?.count ?? Infinity);
  });

  it('a spike jumps past the spike floor but stays short of the first threshold', () => {
    const sim = new Simulator([gas], T0, { faultsPerHour: 0 });
    const before = run(sim, T0, 30).map((r) => r.value);
    sim.force('m1', 'CH4-101', 'spike', T0 + 30 * interval);
    const [spike] = run(sim, T0 + 30 * interval, 1);
    const median = [...before].sort((a, b) => a - b)[15] ?? 0;
    expect((spike?.value ?? 0) - median).toBeGreaterThan(spec.spike?.minDeviation ?? Infinity);
    expect(spike?.value).toBeLessThan(1.0);
  });

  it('cannot force an excursion on a sensor without thresholds', () => {
    const people: SimSensor = {
      mineId: 'm1',
      code: 'PEOPLE',
      quantity: '井下人数',
      spec: demoSpec({ code: 'PEOPLE', name: '井下人数', quantity: '井下人数' }),
    };
    const sim = new Simulator([people], T0, { faultsPerHour: 0 });
    expect(sim.force('m1', 'PEOPLE', 'excursion', T0)).toBe(false);
    expect(run(sim, T0, 10).every((r) => Number.isInteger(r.value))).toBe(true);
  });
});
