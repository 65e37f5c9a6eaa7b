/**
 * The detectors with the standards' numbers: 煤矿安全规程 甲烷 报警/断电/复电 (its 甲烷传感器表), CO 24 ppm,
 * 浸润线 orange = 1.1 × red and 滑坡体位移 orange = 80 % of red (GB 51108-2015 commentary 8.3), and the
 * GB 39496-2020 §5.5.4 roll-up (4 blue → yellow, 3 yellow → orange, 2 orange → red).
 */
import { describe, expect, it } from 'vitest';
import {
  detectAnomaly,
  detectFlat,
  detectOverLimit,
  detectRate,
  isSilent,
  newAnomalyState,
  newFlatState,
  newOverLimitState,
  newRateState,
  type OverLimitSpec,
} from './detectors.ts';
import { createRng } from '../../platform/random.ts';
import { pointRule, rollUp } from './rollup.ts';
import { coPreset, landslidePreset, methanePresets, phreaticPreset } from './threshold.presets.ts';

const MIN = 60_000;

/** Feeds values one minute apart and returns the events. */
function feed(spec: OverLimitSpec, values: number[]) {
  const state = newOverLimitState();
  return values.map((v, i) => detectOverLimit(spec, state, i * MIN, v));
}

describe('超限 with the coal methane table (《煤矿安全规程》甲烷传感器表)', () => {
  const corner = methanePresets.采煤工作面上隅角?.spec as OverLimitSpec;

  it('上隅角: 报警 at 1.0 %, 断电 at 1.5 %, and 复电 only below 1.0 %', () => {
    expect(feed(corner, [0.8, 0.99, 1.0, 1.49, 1.5, 1.2, 1.0, 0.99])).toEqual([
      null,
      null,
      { kind: 'raised', level: '黄色' }, // 报警 ≥ 1.0
      null,
      { kind: 'changed', from: '黄色', to: '红色' }, // 断电 ≥ 1.5
      null, // 1.2: still cut off — 复电 needs < 1.0
      null, // 1.0: not below 1.0
      { kind: 'cleared', from: '红色' }, // 0.99 < 1.0: 复电, and the alarm ends too
    ]);
  });

  it('回风巷: 报警 and 断电 both at 1.0 %; 专用排瓦斯巷 at 2.5 %; 进风巷 of an outburst mine at 0.5 %', () => {
    const returnAir = methanePresets.采煤工作面回风巷?.spec as OverLimitSpec;
    expect(feed(returnAir, [0.99, 1.0])[1]).toEqual({ kind: 'raised', level: '红色' });
    const drainage = methanePresets.专用排瓦斯巷?.spec as OverLimitSpec;
    expect(feed(drainage, [2.49, 2.5]).map((e) => e?.kind ?? null)).toEqual([null, 'raised']);
    const intake = methanePresets.突出矿井采煤工作面进风巷?.spec as OverLimitSpec;
    expect(feed(intake, [0.49, 0.5])[1]).toEqual({ kind: 'raised', level: '红色' });
  });

  it('CO: alarm at 24 ppm, cleared only 1 ppm below (deadband)', () => {
    expect(feed(coPreset.spec, [23.9, 24, 23.5, 22.9]).map((e) => e?.kind ?? null)).toEqual([
      null,
      'raised',
      null,
      'cleared',
    ]);
  });
});

describe('超限 on tailings ponds (GB 51108-2015 commentary 8.3)', () => {
  it('浸润线埋深 (smaller is worse): red at the minimum depth, orange at 1.1 × it', () => {
    const p = phreaticPreset(6);
    expect(p.spec.thresholds).toEqual({ 橙色: 6.6, 红色: 6 });
    expect(feed(p.spec, [7.0, 6.6, 6.3, 6.0, 6.04, 6.06])).toEqual([
      null,
      { kind: 'raised', level: '橙色' },
      null,
      { kind: 'changed', from: '橙色', to: '红色' },
      null, // within the 0.05 m deadband
      { kind: 'changed', from: '红色', to: '橙色' },
    ]);
  });

  it('滑坡体位移: orange at 80 % of red', () => {
    const p = landslidePreset(50);
    expect(p.spec.thresholds).toEqual({ 橙色: 40, 红色: 50 });
    expect(feed(p.spec, [39.9, 40, 50]).map((e) => e?.kind ?? null)).toEqual([
      null,
      'raised',
      'changed',
    ]);
  });

  it('a level is raised only after its minimum duration and count; a dip back resets the wait', () => {
    const spec: OverLimitSpec = {
      direction: 'upper',
      thresholds: { 黄色: 10 },
      deadband: 0,
      minDurationMs: 2 * MIN,
      minCount: 3,
    };
    expect(feed(spec, [11, 11, 9, 11, 11, 11]).map((e) => e?.kind ?? null)).toEqual([
      null,
      null,
      null, // dipped: the wait starts again
      null,
      null,
      'raised', // 3 readings over 2 minutes
    ]);
  });
});

describe('变化速率, 平线, 断线, 数据异常', () => {
  it('rate of change per hour over a full window', () => {
    const state = newRateState();
    const spec = { windowMs: 30 * MIN, maxPerHour: 2 };
    expect(detectRate(spec, state, 0, 100)).toBeNull();
    expect(detectRate(spec, state, 15 * MIN, 100.5)).toBeNull(); // window not yet full
    const full = detectRate(spec, state, 30 * MIN, 100.9); // 0.9 in 30 min
    expect(full?.perHour).toBeCloseTo(1.8, 9);
    expect(full?.exceeded).toBe(false);
    expect(detectRate(spec, state, 45 * MIN, 101.8)?.exceeded).toBe(true); // 1.3 in 30 min = 2.6/h
  });

  it('平线: unchanged within ε for N readings or T, and moving again after', () => {
    const spec = { epsilon: 0.01, count: 5, durationMs: 60 * MIN };
    const state = newFlatState();
    const out = [3.2, 3.205, 3.2, 3.195, 3.2, 3.2].map((v, i) =>
      detectFlat(spec, state, i * MIN, v),
    );
    expect(out).toEqual([null, null, null, null, 'flat', null]);
    expect(detectFlat(spec, state, 6 * MIN, 3.4)).toBe('moving');
    const slow = newFlatState();
    expect(detectFlat(spec, slow, 0, 1)).toBeNull();
    expect(detectFlat(spec, slow, 60 * MIN, 1)).toBe('flat'); // two readings an hour apart
  });

  it('断线 after k × the interval; a late resend does not make a sensor silent', () => {
    expect(isSilent(0, 3 * MIN, MIN, 3)).toBe(false);
    expect(isSilent(0, 3 * MIN + 1, MIN, 3)).toBe(true);
    expect(isSilent(null, 0, MIN, 3)).toBe(true);
  });

  it('数据异常: not a number, physically impossible, out of range, and a spike against the median', () => {
    const spec = {
      rangeMin: 0,
      rangeMax: 4,
      physicalMin: 0,
      physicalMax: 100,
      window: 5,
      k: 5,
      minDeviation: 0.5,
      confirm: 3,
    };
    const state = newAnomalyState();
    expect(detectAnomaly(spec, state, Number.NaN)).toBe('非数值');
    expect(detectAnomaly(spec, state, -0.1)).toBe('物理不可能');
    expect(detectAnomaly(spec, state, 5)).toBe('超出量程');
    for (const v of [0.31, 0.3, 0.32, 0.29, 0.3]) {
      expect(detectAnomaly(spec, state, v)).toBeNull();
    }
    expect(detectAnomaly(spec, state, 3.5)).toBe('突变');
    expect(detectAnomaly(spec, state, 0.33)).toBeNull(); // the spike did not enter the window
  });
});

describe('数据异常 spike test with a window that accepts a sustained level', () => {
  // 浸润线埋深 (m) of a pond whose design red line is 6 m (orange 6.6 m, GB 51108-2015 条文说明 8.3):
  // hourly readings near 10 m; a 0.5 m jump counts as a spike; 3 agreeing spikes confirm a new level.
  const spec = {
    rangeMin: 0,
    rangeMax: 50,
    physicalMin: -50,
    physicalMax: 500,
    window: 6,
    k: 5,
    minDeviation: 0.5,
    confirm: 3,
  };
  const settled = () => {
    const state = newAnomalyState();
    for (const v of [10.0, 10.1, 9.9, 10.0, 10.05, 9.95]) {
      expect(detectAnomaly(spec, state, v)).toBeNull();
    }
    return state;
  };

  it('a 浸润线 rising for good is 突变 until 3 readings agree, then the new level is normal', () => {
    const state = settled();
    const out = [8.0, 8.05, 7.95, 8.0, 8.02, 7.98, 8.03, 8.0].map((v) => {
      const a = detectAnomaly(spec, state, v);
      return state.shifted ? 'shifted' : a;
    });
    // Before, every reading after the shift stayed 突变 and the 数据异常 alarm never closed.
    expect(out).toEqual(['突变', '突变', 'shifted', null, null, null, null, null]);
    // The old level is now the outlier.
    expect(detectAnomaly(spec, state, 10.0)).toBe('突变');
  });

  it('a lone spike is flagged and never enters the window', () => {
    const state = settled();
    expect(detectAnomaly(spec, state, 8.0)).toBe('突变');
    expect(detectAnomaly(spec, state, 10.02)).toBeNull();
    // Spikes that are not consecutive never confirm a level.
    const out = [8.0, 10.0, 8.0, 9.98, 8.0, 10.0, 8.01].map((v) => detectAnomaly(spec, state, v));
    expect(out).toEqual(['突变', null, '突变', null, '突变', null, '突变']);
    expect(state.shifted).toBe(false);
    expect(detectAnomaly(spec, state, 10.03)).toBeNull();
  });

  it('spikes that disagree with each other confirm nothing; agreeing ones count from the first of them', () => {
    const state = settled();
    // 8.0 and 12.0 are 4 m apart (a spike against each other): the count starts again at 12.0, and
    // again at 8.0; three agreeing readings from there make the level.
    const out = [8.0, 12.0, 8.0, 8.05, 7.98].map((v) => {
      const a = detectAnomaly(spec, state, v);
      return state.shifted ? 'shifted' : a;
    });
    expect(out).toEqual(['突变', '突变', '突变', '突变', 'shifted']);
    expect(detectAnomaly(spec, state, 8.01)).toBeNull();
  });

  it('the spike limit is k·1.4826·MAD of the accepted readings, for odd and even counts', () => {
    const tight = { ...spec, rangeMax: 200, k: 2, minDeviation: 0 };
    const fill = (values: number[]) => {
      const state = newAnomalyState();
      for (const v of values) {
        expect(detectAnomaly({ ...tight, minDeviation: 1000 }, state, v)).toBeNull();
      }
      return state;
    };
    // [1, 2, 3, 4, 100]: median 3, deviations 0 1 1 2 97, MAD 1: limit 2·1.4826 = 2.9652.
    const odd = fill([1, 2, 3, 4, 100]);
    expect(detectAnomaly(tight, odd, 3 + 2.97)).toBe('突变');
    expect(detectAnomaly(tight, odd, 3 - 2.96)).toBeNull();
    // [1, 2, 3, 4, 100, 5]: median 3.5, deviations .5 .5 1.5 1.5 2.5 96.5, MAD 1.5: limit 4.4478.
    const even = fill([1, 2, 3, 4, 100, 5]);
    expect(detectAnomaly(tight, even, 3.5 + 4.45)).toBe('突变');
    expect(detectAnomaly(tight, even, 3.5 + 4.44)).toBeNull();
    // 7.94 entered and 1 left: [2, 3, 4, 100, 5, 7.94], median 4.5, MAD (1.5 + 2.5) / 2 = 2: 5.9304.
    expect(detectAnomaly(tight, even, 4.5 + 5.95)).toBe('突变');
    expect(detectAnomaly(tight, even, 4.5 + 5.92)).toBeNull();
  });
});

describe('数据异常 spike test against a plain reference', () => {
  /** The same rule written the slow way: sort copies of the window each reading. */
  function reference(spec: { window: number; k: number; minDeviation: number; confirm: number }) {
    let win: number[] = [];
    let held: number[] = [];
    const med = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
    };
    const jump = (d: number, limit: number) => d >= spec.minDeviation && d > limit;
    return (v: number): string | null => {
      if (win.length >= spec.confirm) {
        const m = med(win);
        const limit = spec.k * 1.4826 * med(win.map((x) => Math.abs(x - m)));
        if (jump(Math.abs(v - m), limit)) {
          const next = [...held, v];
          held = jump(Math.max(...next) - Math.min(...next), limit) ? [v] : next;
          if (held.length < spec.confirm) {
            return '突变';
          }
          win = held;
          held = [];
          return 'shifted';
        }
      }
      held = [];
      win.push(v);
      if (win.length > spec.window) {
        win.shift();
      }
      return null;
    };
  }

  it('gives the same verdicts on a long noisy series with spikes, level shifts and repeated values', () => {
    const spec = {
      rangeMin: -1000,
      rangeMax: 1000,
      physicalMin: -1000,
      physicalMax: 1000,
      window: 9,
      k: 4,
      minDeviation: 0.3,
      confirm: 3,
    };
    const rng = createRng(20);
    const ref = reference(spec);
    const state = newAnomalyState();
    let level = 5;
    let shifts = 0;
    let spikes = 0;
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      if (rng.chance(0.002)) {
        level += rng.int(-30, 30) / 10;
      }
      let v = Math.round((level + (rng.next() - 0.5) * 0.2) * 20) / 20; // coarse: many ties
      if (rng.chance(0.01)) {
        v += rng.int(-50, 50) / 10;
      }
      const a = detectAnomaly(spec, state, v);
      const got = state.shifted ? 'shifted' : a;
      const want = ref(v);
      if (got !== want) {
        mismatches.push(`reading ${i} (${v}): ${got} ≠ ${want}`);
      }
      shifts += got === 'shifted' ? 1 : 0;
      spikes += got === '突变' ? 1 : 0;
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // The series exercised both paths.
    expect(shifts).toBeGreaterThan(5);
    expect(spikes).toBeGreaterThan(50);
  });
});

describe('roll-up, GB 39496-2020 §5.5.4', () => {
  it('4 blue points make the item yellow, 3 yellow orange, 2 orange red; fewer do not', () => {
    expect(rollUp(['蓝色', '蓝色', '蓝色', null], pointRule)).toBe('蓝色');
    expect(rollUp(['蓝色', '蓝色', '蓝色', '蓝色'], pointRule)).toBe('黄色');
    expect(rollUp(['黄色', '黄色', '蓝色'], pointRule)).toBe('黄色');
    expect(rollUp(['黄色', '黄色', '黄色'], pointRule)).toBe('橙色');
    expect(rollUp(['橙色', '蓝色'], pointRule)).toBe('橙色');
    expect(rollUp(['橙色', '橙色'], pointRule)).toBe('红色');
    expect(rollUp(['红色'], pointRule)).toBe('红色');
    expect(rollUp([null, null], pointRule)).toBeNull();
    // Members above a level count toward it: 2 yellow + 1 orange are 3 at yellow or above.
    expect(rollUp(['黄色', '黄色', '橙色'], pointRule)).toBe('橙色');
  });
});
