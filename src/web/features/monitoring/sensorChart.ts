/**
 * The sensor chart's ECharts option: the readings (or the 5-minute min/mean/max), the threshold bands
 * of 蓝/黄/橙/红 shaded on the side the direction makes dangerous, and a mark at each alarm.
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
    data: data.points.map((p) => [p.ts, pick(p)]),
  });
  const main = {
    ...line(names.value, valueOf),
    markArea: { silent: true, data: bands },
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
    xAxis: { type: 'time', axisLabel: { formatter: (ms: number) => names.time(ms, false) } },
    yAxis: { type: 'value', name: data.unit, scale: true },
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
