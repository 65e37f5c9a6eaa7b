/**
 * The sensor chart's ECharts option: the readings (or the 5-minute min/mean/max) broken where data is
 * missing, the threshold bands of 蓝/黄/橙/红 shaded on the side the direction makes dangerous (the axis
 * always reaches every threshold line), a mark at each alarm and, on an alarm's page, its span shaded.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { warningLevels, type WarningLevel } from '../../../shared/monitoring.enums.ts';
import type {
  SensorReadingsResponse,
  SensorSpecResponse,
} from '../../../shared/monitoring.schemas.ts';
import { levelColors } from './LevelTag.tsx';

type Point = SensorReadingsResponse['points'][number];

/** A raw reading's value, or a 5-minute bucket's mean. */
const valueOf = (p: Point) => ('value' in p ? p.value : p.mean);

interface Band {
  level: WarningLevel;
  from: number;
  to: number | null;
}

/**
 * The bands between consecutive thresholds: for an upper bound 黄色 runs from its value up to 橙色's
 * and the highest level to the instrument's range (null here); for a lower bound the same downwards.
 */
export function thresholdBands(spec: Pick<SensorSpecResponse, 'thresholds'>): Band[] {
  const set = warningLevels.flatMap((level) => {
    const value = spec.thresholds[level];
    return value === undefined ? [] : [{ level, value }];
  });
  return set.map((b, i) => ({ level: b.level, from: b.value, to: set[i + 1]?.value ?? null }));
}

/**
 * The y axis: from the lowest to the highest of the readings and the thresholds (a threshold line is
 * always on the chart), widened by a twentieth and rounded to a readable step.
 */
export function axisBounds(
  values: readonly number[],
  thresholds: readonly number[],
): { min: number; max: number } | undefined {
  const all = [...values, ...thresholds].filter(Number.isFinite);
  if (all.length === 0) {
    return undefined;
  }
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const pad = (hi - lo) / 20 || Math.abs(hi) / 10 || 1;
  lo -= pad;
  hi += pad;
  const step = 10 ** Math.floor(Math.log10(hi - lo)) / 10;
  const round = (x: number) => Number(x.toPrecision(12));
  return { min: round(Math.floor(lo / step) * step), max: round(Math.ceil(hi / step) * step) };
}

/**
 * The points with a gap marker (a null value) wherever no reading came for longer than the 断线 limit
 * (silentFactor × the reporting interval; for the 5-minute statistics at least that many buckets): the
 * line breaks there instead of bridging hours without data.
 */
export function withGaps<T>(
  points: readonly { ts: string; v: T }[],
  spec: Pick<SensorSpecResponse, 'intervalSeconds' | 'silentFactor'>,
  bucketSeconds = 0,
): [string, T | null][] {
  const limit = spec.silentFactor * Math.max(spec.intervalSeconds, bucketSeconds) * 1000;
  const out: [string, T | null][] = [];
  let last: number | undefined;
  for (const p of points) {
    const at = Date.parse(p.ts);
    if (last !== undefined && at - last > limit) {
      out.push([new Date((last + at) / 2).toISOString(), null]);
    }
    out.push([p.ts, p.v]);
    last = at;
  }
  return out;
}

/**
 * A stretch of time to shade on the chart (an alarm from its start to its end, or to now) and the
 * time axis to show around it (ms), whether or not readings fill it.
 */
export interface ChartSpan {
  name: string;
  from: string;
  to: string;
  level: WarningLevel;
  view: { from: number; to: number };
}

export function sensorOption(
  data: SensorReadingsResponse,
  names: {
    value: string;
    min: string;
    max: string;
    level: (l: string) => string;
    /** Axis and tooltip times in China Standard Time, whatever the browser's zone. */
    time: (ms: number, long: boolean) => string;
  },
  span?: ChartSpan,
): EChartsCoreOption {
  const upper = data.spec.direction !== 'lower';
  const { rangeMin, rangeMax } = data.spec;
  const bands = thresholdBands(data.spec).map((b) => {
    const end = b.to ?? (upper ? rangeMax : rangeMin);
    return [
      {
        name: names.level(b.level),
        yAxis: b.from,
        itemStyle: { color: levelColors[b.level], opacity: 0.12 },
      },
      { yAxis: end ?? (upper ? 'max' : 'min') },
    ];
  });
  const lines = thresholdBands(data.spec).map((b) => ({
    name: names.level(b.level),
    yAxis: b.from,
    lineStyle: { color: levelColors[b.level], type: 'dashed' },
    label: { formatter: `${names.level(b.level)} ${b.from}`, position: 'insideEndTop' },
  }));
  const marks = data.alarms.map((a) => ({
    name: a.kind,
    coord: [a.at, nearestValue(data, a.at)],
    value: a.kind,
    itemStyle: { color: levelColors[a.level] },
  }));
  const raw = data.resolution === 'raw';
  const line = (name: string, pick: (p: Point) => number | undefined) => ({
    type: 'line',
    name,
    showSymbol: false,
    connectNulls: false,
    data: withGaps(
      data.points.map((p) => ({ ts: p.ts, v: pick(p) })),
      data.spec,
      raw ? 0 : 300,
    ),
  });
  const spanArea = span
    ? [
        [
          {
            name: span.name,
            xAxis: span.from,
            itemStyle: { color: levelColors[span.level], opacity: 0.1 },
            // below the alarm's pin at the top
            label: { position: 'insideTop', distance: 28, fontSize: 11 },
          },
          { xAxis: span.to },
        ],
      ]
    : [];
  const main = {
    ...line(names.value, valueOf),
    markArea: { silent: true, data: [...bands, ...spanArea] },
    markLine: { silent: true, symbol: 'none', data: lines },
    markPoint: { symbol: 'pin', symbolSize: 36, label: { fontSize: 9 }, data: marks },
  };
  const series = raw
    ? [main]
    : [
        main,
        {
          ...line(names.min, (p) => ('min' in p ? p.min : undefined)),
          lineStyle: { opacity: 0.4 },
        },
        {
          ...line(names.max, (p) => ('max' in p ? p.max : undefined)),
          lineStyle: { opacity: 0.4 },
        },
      ];
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { label: { formatter: (p: { value: number }) => names.time(p.value, true) } },
    },
    legend: { bottom: 0 },
    grid: { left: 56, right: 24, top: 24, bottom: 80 },
    xAxis: {
      type: 'time',
      axisLabel: { formatter: (ms: number) => names.time(ms, false) },
      ...(span ? { min: span.view.from, max: span.view.to } : {}),
    },
    yAxis: {
      type: 'value',
      name: data.unit,
      scale: true,
      ...axisBounds(
        data.points.flatMap((p) => ('value' in p ? [p.value] : [p.min, p.max])),
        thresholdBands(data.spec).map((b) => b.from),
      ),
    },
    dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 28, height: 18 }],
    series,
  };
}

/** The reading closest in time to an alarm (where its pin sits). */
function nearestValue(data: SensorReadingsResponse, at: string): number | null {
  const t = Date.parse(at);
  let best: { d: number; v: number } | null = null;
  for (const p of data.points) {
    const d = Math.abs(Date.parse(p.ts) - t);
    if (!best || d < best.d) {
      best = { d, v: valueOf(p) };
    }
  }
  return best?.v ?? null;
}
