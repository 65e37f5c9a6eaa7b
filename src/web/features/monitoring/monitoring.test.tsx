// @vitest-environment jsdom
import '../../test-setup.ts';
import { describe, expect, it } from 'vitest';
import { allowedSteps } from './AlarmDetailPage.tsx';
import { formatElapsed } from './elapsed.ts';
import type {
  AlarmDetailResponse as AlarmDetail,
  SensorReadingsResponse,
} from '../../../shared/monitoring.schemas.ts';
import { sensorOption, thresholdBands } from './sensorChart.ts';

const zh = { d: '天', h: '时', m: '分', s: '秒' };

describe('formatElapsed', () => {
  it('shows the two largest units, the second zero-padded', () => {
    expect(formatElapsed(0, zh)).toBe('0秒');
    expect(formatElapsed(45_000, zh)).toBe('45秒');
    expect(formatElapsed(185_000, zh)).toBe('3分 05秒');
    expect(formatElapsed(2 * 3600_000 + 7 * 60_000 + 9_000, zh)).toBe('2时 07分');
    expect(formatElapsed(26 * 3600_000, zh)).toBe('1天 02时');
    expect(formatElapsed(-5000, zh)).toBe('0秒');
  });
});

describe('threshold bands', () => {
  it('an upper-bound methane sensor (C1 采煤工作面: 1.0 / 1.5) gets 黄色 1.0–1.5 and 红色 from 1.5', () => {
    const spec = { direction: 'upper', thresholds: { 黄色: 1.0, 红色: 1.5 } };
    expect(thresholdBands(spec)).toEqual([
      { level: '黄色', from: 1.0, to: 1.5 },
      { level: '红色', from: 1.5, to: null },
    ]);
  });

  it('a lower-bound 浸润线 (B4: orange 6.6 = 1.1 × red 6) gets 橙色 6.6–6 and 红色 below 6', () => {
    const spec = { direction: 'lower', thresholds: { 橙色: 6.6, 红色: 6 } };
    expect(thresholdBands(spec)).toEqual([
      { level: '橙色', from: 6.6, to: 6 },
      { level: '红色', from: 6, to: null },
    ]);
  });

  it('the chart shades up to the instrument range and pins each alarm at its reading', () => {
    const data: SensorReadingsResponse = {
      sensorId: 's',
      unit: '%',
      spec: {
        direction: 'upper',
        rangeMin: 0,
        rangeMax: 4,
        intervalSeconds: 10,
        silentFactor: 3,
        thresholds: { 黄色: 1, 红色: 1.5 },
        deadband: 0,
        minDurationSeconds: 0,
        minCount: 1,
      },
      resolution: 'raw',
      truncated: false,
      points: [
        { ts: '2026-11-23T00:00:00Z', value: 0.3 },
        { ts: '2026-11-23T00:00:10Z', value: 1.2 },
      ],
      alarms: [
        { id: 'a', kind: '超限', level: '黄色', at: '2026-11-23T00:00:09Z', closedAt: null },
      ],
    };
    const option = sensorOption(data, {
      value: 'v',
      min: 'min',
      max: 'max',
      level: (l) => l,
      time: (ms) => String(ms),
    }) as {
      series: {
        markArea: { data: [{ yAxis: number }, { yAxis: number }][] };
        markPoint: { data: { coord: [string, number] }[] };
      }[];
    };
    const main = option.series[0];
    expect(main?.markArea.data.map(([a, b]) => [a.yAxis, b.yAxis])).toEqual([
      [1, 1.5],
      [1.5, 4],
    ]);
    expect(main?.markPoint.data[0]?.coord).toEqual(['2026-11-23T00:00:09Z', 1.2]);
  });
});

describe('allowed alarm steps', () => {
  const alarm = (over: Partial<AlarmDetail>) =>
    ({
      state: '待叫应',
      closedAt: null,
      respondedAt: null,
      peakLevel: '红色',
      ...over,
    }) as AlarmDetail;

  it('follows 叫应 → 回应 → 响应 (红色/橙色 only) → close', () => {
    expect(allowedSteps(alarm({}))).toEqual(['acknowledge', 'close']);
    expect(allowedSteps(alarm({ state: '已叫应' }))).toEqual(['respond', 'response', 'close']);
    expect(allowedSteps(alarm({ state: '已叫应', peakLevel: '黄色' }))).toEqual([
      'respond',
      'close',
    ]);
    expect(allowedSteps(alarm({ state: '已响应', respondedAt: 'x' }))).toEqual(['close']);
    expect(allowedSteps(alarm({ closedAt: 'x' }))).toEqual([]);
  });
});
