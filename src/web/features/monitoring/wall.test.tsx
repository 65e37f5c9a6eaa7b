// @vitest-environment jsdom
/**
 * The monitoring wall's pure parts: new red alarms (never on the first load), facilities worst first
 * with points cut off counted, the chart's axis reaching the thresholds, gaps drawn as gaps, the
 * alarm's chart window, and a point with an open 断线 never tagged 正常.
 */
import '../../test-setup.ts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AlarmResponse,
  FacilityResponse,
  SensorReadingsResponse,
} from '../../../shared/monitoring.schemas.ts';
import { I18nProvider } from '../../app/i18n.tsx';
import { alarmWindow } from './AlarmChart.tsx';
import { LevelTag } from './LevelTag.tsx';
import { axisBounds, sensorOption, withGaps } from './sensorChart.ts';
import { isQuiet, newRedAlarms, worstFirst } from './wall.ts';

afterEach(cleanup);

const alarm = (id: string, over: Partial<AlarmResponse> = {}) =>
  ({
    id,
    level: '红色',
    closedAt: null,
    historic: false,
    suppressed: false,
    ...over,
  }) as AlarmResponse;

describe('new red alarms', () => {
  it('the first load signals nothing; a red alarm arriving later does, once', () => {
    const first = newRedAlarms(null, [alarm('a'), alarm('b', { level: '黄色' })]);
    expect(first.fresh).toEqual([]);
    const second = newRedAlarms(first.seen, [
      alarm('a'),
      alarm('c'),
      alarm('b', { level: '黄色' }),
    ]);
    expect(second.fresh).toEqual(['c']);
    expect(newRedAlarms(second.seen, [alarm('a'), alarm('c')]).fresh).toEqual([]);
  });

  it('an alarm turning red from 橙色 is new then; a red one dropping and rising again is not', () => {
    const first = newRedAlarms(null, [alarm('a', { level: '橙色' }), alarm('b')]);
    const second = newRedAlarms(first.seen, [alarm('a'), alarm('b', { level: '橙色' })]);
    expect(second.fresh).toEqual(['a']);
    expect(newRedAlarms(second.seen, [alarm('a'), alarm('b')]).fresh).toEqual([]);
  });

  it('closed, historic (补传) and maintenance-window red alarms page nobody', () => {
    const first = newRedAlarms(null, []);
    const next = newRedAlarms(first.seen, [
      alarm('closed', { closedAt: '2026-12-06T00:00:00Z' }),
      alarm('historic', { historic: true }),
      alarm('maintenance', { suppressed: true }),
    ]);
    expect(next.fresh).toEqual([]);
  });

  it("a duty officer's home sounds for a new orange call too, never for yellow", () => {
    const calls = ['红色', '橙色'] as const;
    const first = newRedAlarms(null, [alarm('a', { level: '黄色' })], calls);
    const next = newRedAlarms(
      first.seen,
      [alarm('a', { level: '黄色' }), alarm('o', { level: '橙色' }), alarm('y', { level: '黄色' })],
      calls,
    );
    expect(next.fresh).toEqual(['o']);
  });
});

describe('facility wall order', () => {
  const f = (name: string, over: Partial<FacilityResponse>) =>
    ({
      name,
      mineName: '矿',
      level: null,
      offlineSensors: 0,
      openAlarms: 0,
      ...over,
    }) as FacilityResponse;

  it('puts the worst colour first, then points cut off, then open alarms, quiet ones last', () => {
    const list = [
      f('quiet', {}),
      f('alarms', { openAlarms: 2 }),
      f('yellow', { level: '黄色' }),
      f('offline', { offlineSensors: 1 }),
      f('red', { level: '红色' }),
    ];
    expect(worstFirst(list).map((x) => x.name)).toEqual([
      'red',
      'yellow',
      'offline',
      'alarms',
      'quiet',
    ]);
    expect(list.filter(isQuiet).map((x) => x.name)).toEqual(['quiet']);
  });
});

describe('a point with an open 断线', () => {
  const tag = (level: '红色' | null, offline: boolean) =>
    render(
      <I18nProvider locale="zh-CN">
        <LevelTag level={level} offline={offline} />
      </I18nProvider>,
    );

  it('is tagged 断线, never 正常', () => {
    tag(null, true);
    expect(screen.getByText('断线')).toBeTruthy();
    expect(screen.queryByText('正常')).toBeNull();
  });

  it('keeps its colour beside 断线; a point neither cut off nor coloured is 正常', () => {
    tag('红色', true);
    expect(screen.getByText('红色')).toBeTruthy();
    expect(screen.getByText('断线')).toBeTruthy();
    cleanup();
    tag(null, false);
    expect(screen.getByText('正常')).toBeTruthy();
  });
});

describe('sensor chart', () => {
  const spec = {
    direction: 'upper' as const,
    rangeMin: 0,
    rangeMax: 4,
    intervalSeconds: 10,
    silentFactor: 3,
    thresholds: { 黄色: 1, 红色: 1.5 },
    deadband: 0,
    minDurationSeconds: 0,
    minCount: 1,
  };
  const data: SensorReadingsResponse = {
    sensorId: 's',
    unit: '%',
    spec,
    resolution: 'raw',
    truncated: false,
    points: [
      { ts: '2026-12-06T00:00:00Z', value: 0.3 },
      { ts: '2026-12-06T00:00:10Z', value: 0.35 },
      { ts: '2026-12-06T00:05:00Z', value: 0.4 },
    ],
    alarms: [],
  };
  const names = { value: 'v', min: 'min', max: 'max', level: (l: string) => l, time: String };

  it('the axis reaches every threshold line even when the readings stay low', () => {
    const b = axisBounds([0.3, 0.4], [1, 1.5]);
    expect(b?.min).toBeLessThanOrEqual(0.3);
    expect(b?.max).toBeGreaterThanOrEqual(1.5);
    expect(b?.max).toBeLessThan(1.7);
    const low = axisBounds([-5, -2], [6, 6.6]);
    expect(low?.min).toBeLessThanOrEqual(-5);
    expect(low?.max).toBeGreaterThanOrEqual(6.6);
    expect(axisBounds([], [])).toBeUndefined();
    const option = sensorOption(data, names) as { yAxis: { min: number; max: number } };
    expect(option.yAxis.max).toBeGreaterThanOrEqual(1.5);
  });

  it('no reading for longer than 3 × the interval is a gap: a null breaks the line there', () => {
    const points = [
      { ts: '2026-12-06T00:00:00Z', v: 1 },
      { ts: '2026-12-06T00:00:30Z', v: 2 },
      { ts: '2026-12-06T00:01:10Z', v: 3 },
    ];
    expect(withGaps(points, spec)).toEqual([
      ['2026-12-06T00:00:00Z', 1],
      ['2026-12-06T00:00:30Z', 2],
      ['2026-12-06T00:00:50.000Z', null],
      ['2026-12-06T00:01:10Z', 3],
    ]);
    // The 5-minute statistics: a missing bucket or two is not a gap, a quarter of an hour is.
    const buckets = [
      { ts: '2026-12-06T00:00:00Z', v: 1 },
      { ts: '2026-12-06T00:10:00Z', v: 1 },
      { ts: '2026-12-06T00:30:00Z', v: 1 },
    ];
    expect(withGaps(buckets, spec, 300).filter(([, v]) => v === null)).toHaveLength(1);
    const option = sensorOption(data, names) as {
      series: { connectNulls: boolean; data: [string, number | null][] }[];
    };
    expect(option.series[0]?.connectNulls).toBe(false);
    expect(option.series[0]?.data.map(([, v]) => v)).toEqual([0.3, 0.35, null, 0.4]);
  });

  it("an alarm's chart spans 30 min either side, ends now at the latest, and shades the alarm", () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    const closed = { triggeredAt: '2026-12-06T10:00:00Z', closedAt: '2026-12-06T10:20:00Z' };
    expect(alarmWindow(closed, now)).toEqual({
      from: Date.parse('2026-12-06T09:30:00Z'),
      to: Date.parse('2026-12-06T10:50:00Z'),
      end: Date.parse('2026-12-06T10:20:00Z'),
    });
    const open = alarmWindow({ triggeredAt: '2026-12-06T11:50:00Z', closedAt: null }, now);
    expect([open.to - now, open.end]).toEqual([60_000, now]);
    const option = sensorOption(data, names, {
      name: '告警期间',
      from: '2026-12-06T00:00:10Z',
      to: '2026-12-06T00:05:00Z',
      level: '红色',
      view: { from: 1, to: 2 },
    }) as {
      series: { markArea: { data: { xAxis?: string; yAxis?: number }[][] } }[];
      xAxis: { min: number; max: number };
    };
    expect([option.xAxis.min, option.xAxis.max]).toEqual([1, 2]);
    const areas = option.series[0]?.markArea.data ?? [];
    expect(areas.at(-1)?.map((p) => p.xAxis)).toEqual([
      '2026-12-06T00:00:10Z',
      '2026-12-06T00:05:00Z',
    ]);
    expect(areas.slice(0, -1).map(([a]) => a?.yAxis)).toEqual([1, 1.5]);
  });
});
