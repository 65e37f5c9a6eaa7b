/**
 * The comparison chart (pure): several factors of one mine on one time axis, each on its own value
 * axis, with a lead's breaches shaded, its baseline and threshold drawn, the expected values where
 * the baseline moves with production, and the mine's status changes marked.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { seriesFactorOf } from '../../../shared/leads.enums.ts';
import type { Breach, SeriesResponse } from '../../../shared/leads.schemas.ts';

const palette = ['#1456c8', '#d4380d', '#389e0d', '#722ed1', '#08979c'];

/**
 * Points with a null where the spacing jumps (a meter gap), so the line breaks instead of drawing a
 * ramp across the missing hours.
 */
export function withGaps(points: [string, number][]): [string, number | null][] {
  const times = points.map(([t]) => Date.parse(t));
  const steps = times
    .slice(1)
    .map((t, i) => t - (times[i] ?? t))
    .sort((a, b) => a - b);
  const usual = steps[Math.floor(steps.length / 2)] ?? 0;
  const out: [string, number | null][] = [];
  points.forEach((p, i) => {
    const gap = i > 0 ? (times[i] ?? 0) - (times[i - 1] ?? 0) : 0;
    if (usual > 0 && gap > 1.5 * usual) {
      out.push([new Date((times[i - 1] ?? 0) + usual).toISOString(), null]);
    }
    out.push(p);
  });
  return out;
}

export function comparisonOption(
  data: SeriesResponse,
  opts: {
    factors: string[];
    name: (factor: string) => string;
    time: (iso: string) => string;
    breaches?: Breach[];
    labels: { baseline: string; threshold: string; statusChange: string };
  },
): EChartsCoreOption {
  const shown = opts.factors
    .map((f) => data.series.find((s) => s.factor === f && s.area === ''))
    .filter((s): s is SeriesResponse['series'][number] => s !== undefined);
  const breaches = opts.breaches ?? [];
  const series: Record<string, unknown>[] = shown.map((s, i) => {
    const own = breaches.filter((b) => seriesFactorOf(b.factor) === s.factor && !b.area);
    const lines = own.flatMap((b) =>
      b.expected
        ? []
        : [
            ...(b.baseline !== null && b.factor === s.factor
              ? [{ yAxis: b.baseline, name: opts.labels.baseline }]
              : []),
            ...(b.factor === s.factor ? [{ yAxis: b.threshold, name: opts.labels.threshold }] : []),
          ],
    );
    return {
      type: 'line',
      name: `${opts.name(s.factor)} (${s.unit})`,
      yAxisIndex: i,
      showSymbol: false,
      data: withGaps(s.points),
      connectNulls: false,
      step: s.granularity === 'day' && data.granularity === 'hour' ? 'start' : undefined,
      lineStyle: { width: 1.5 },
      itemStyle: { color: palette[i % palette.length] },
      markArea: own.length
        ? {
            itemStyle: { color: 'rgba(207, 19, 34, 0.12)' },
            data: own.map((b) => [{ xAxis: b.from }, { xAxis: b.to }]),
          }
        : undefined,
      markLine: {
        symbol: 'none',
        label: { formatter: '{b}' },
        lineStyle: { type: 'dashed' },
        data: [
          ...lines,
          ...(i === 0
            ? data.statusChanges.map((c) => ({
                xAxis: `${c.date}T00:00:00+08:00`,
                name: `${opts.labels.statusChange}: ${c.status}`,
                lineStyle: { color: '#8c8c8c' },
              }))
            : []),
        ],
      },
    };
  });
  // Expected values (隐蔽工作面: the factor predicted from production) as a dashed line.
  for (const b of breaches.filter((x) => x.expected)) {
    const i = shown.findIndex((s) => s.factor === b.factor);
    if (i >= 0) {
      series.push({
        type: 'line',
        name: `${opts.name(b.factor)} ${opts.labels.baseline}`,
        yAxisIndex: i,
        data: (b.expected ?? []).map((e) => [e.t, e.v]),
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#595959' },
      });
    }
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 64, right: 40 + Math.max(0, shown.length - 1) * 56, top: 24, bottom: 64 },
    xAxis: {
      type: 'time',
      axisLabel: { formatter: (v: number) => opts.time(new Date(v).toISOString()) },
    },
    yAxis: shown.map((s, i) => ({
      type: 'value',
      name: s.unit,
      position: i === 0 ? 'left' : 'right',
      offset: i <= 1 ? 0 : (i - 1) * 56,
      axisLine: { show: true, lineStyle: { color: palette[i % palette.length] } },
      splitLine: { show: i === 0 },
    })),
    dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 28, height: 16 }],
    series,
  };
}
