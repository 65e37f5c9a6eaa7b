/**
 * An ECharts chart that resizes with its box. ECharts comes from its own chunk (echarts-setup.ts),
 * fetched by the first chart shown; a page can start the fetch earlier with `preloadCharts()`, while
 * its data loads.
 */
import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

let charts: Promise<typeof import('./echarts-setup.ts')> | undefined;

/** Starts (once) fetching ECharts; the charts drawn later wait for the same fetch. */
export function preloadCharts(): Promise<typeof import('./echarts-setup.ts')> {
  charts ??= import('./echarts-setup.ts').catch((e: unknown) => {
    charts = undefined; // the next chart tries again
    throw e;
  });
  return charts;
}

export function Chart({
  option,
  label,
  height,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cleanup: (() => void) | undefined;
    let cancelled = false;
    // A chart whose library could not be fetched stays an empty box (its page and data still show).
    preloadCharts().then(
      ({ echarts }) => {
        const box = ref.current;
        if (cancelled || !box) {
          return;
        }
        const chart = echarts.init(box);
        chart.setOption(option);
        const observer = new ResizeObserver(() => chart.resize());
        observer.observe(box);
        cleanup = () => {
          observer.disconnect();
          chart.dispose();
        };
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [option]);
  return (
    <div
      ref={ref}
      className="chart"
      role="img"
      aria-label={label}
      style={height ? { height } : undefined}
    />
  );
}

/** A pie chart option from `{ key, count }` rows. */
export function pieOption(
  rows: { key: string; count: number }[],
  name: (key: string) => string,
): EChartsCoreOption {
  // Every category in the legend with its count, wrapped onto lines under the ring (never paged or cut).
  const counts = new Map(rows.map((r) => [name(r.key), r.count]));
  return {
    tooltip: { trigger: 'item' },
    legend: {
      bottom: 0,
      type: 'plain',
      itemWidth: 10,
      itemHeight: 8,
      itemGap: 8,
      textStyle: { fontSize: 11 },
      formatter: (n: string) => `${n} ${counts.get(n) ?? 0}`,
    },
    series: [
      {
        type: 'pie',
        radius: ['30%', '52%'],
        center: ['50%', '38%'],
        label: { show: false },
        data: rows.map((r) => ({ name: name(r.key), value: r.count })),
      },
    ],
  };
}

/** A bar chart option from `{ name, count }` rows. */
export function barOption(rows: { name: string; count: number }[]): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#1456c8' } }],
  };
}

/** A line chart option: one line per series over the categories (months). */
export function trendOption(
  categories: string[],
  series: { name: string; data: number[] }[],
): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 60 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'line', ...s })),
  };
}
