/**
 * The mine map's ECharts option, pure: county outlines (a `geo` over the registered boundaries) with
 * the mines as points coloured by their worst open alarm, else by their status; without boundaries, the
 * points alone on longitude/latitude axes.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { MineMapPoint } from '../../../shared/mine-map.schemas.ts';
import { levelRank, type WarningLevel } from '../../../shared/monitoring.enums.ts';
import type { MineStatus } from '../../../shared/registry.enums.ts';
import { levelColors } from '../monitoring/LevelTag.tsx';

/** The colour of a mine without open alarms, by its status. */
export const statusColors: Record<MineStatus, string> = {
  生产: '#389e0d',
  建设: '#08979c',
  停产整顿: '#722ed1',
  停工停产: '#8c8c8c',
  关闭: '#bfbfbf',
};

/** A point's colour: its worst open alarm's, else its status's. */
export function pointColor(m: Pick<MineMapPoint, 'worstLevel' | 'status'>): string {
  return m.worstLevel ? levelColors[m.worstLevel] : statusColors[m.status];
}

/** The name a region's boundaries are registered under with ECharts. */
export function mapName(region: string): string {
  return `mw-${region}`;
}

/** The texts the option shows (translated by the caller). */
export interface MineMapTexts {
  /** A point's tooltip line below its name. */
  describe: (m: MineMapPoint) => string;
}

/** A point on the map: the mine's id rides along for the click. */
export interface MinePointDatum {
  id: string;
  name: string;
  value: [number, number];
  itemStyle: { color: string; opacity: number; borderColor: string; borderWidth: number };
  symbolSize: number;
}

/** The colours of the enforcement risk classes (A highest), as the risk table tags them. */
export const riskColors: Record<string, string> = {
  A: '#cf1322',
  B: '#fa8c16',
  C: '#1677ff',
  D: '#389e0d',
};
/** A mine the risk classes do not cover. */
export const UNCLASSED_COLOR = '#bfbfbf';

/** How much a point stands out (its size and drawing order): by alarm, or by risk class when given. */
function weight(m: MineMapPoint, risk: ReadonlyMap<string, string> | undefined): number {
  if (!risk) {
    return levelRank(m.worstLevel);
  }
  // A → 4 … D → 1; a class outside A–D, or none, → 0.
  const i = Object.keys(riskColors).indexOf(risk.get(m.id) ?? '');
  return i < 0 ? 0 : 4 - i;
}

/**
 * The points, the most urgent last (drawn on top): coloured by worst open alarm, else status; or, with
 * `risk` (mine id → class), by risk class.
 */
export function minePoints(
  mines: MineMapPoint[],
  risk?: ReadonlyMap<string, string>,
): MinePointDatum[] {
  return [...mines]
    .sort((a, b) => weight(a, risk) - weight(b, risk))
    .map((m) => ({
      id: m.id,
      name: m.name,
      value: [m.longitude, m.latitude],
      // Opaque, with a white ring: each colour reads true, and points that touch stay apart.
      itemStyle: {
        color: risk ? (riskColors[risk.get(m.id) ?? ''] ?? UNCLASSED_COLOR) : pointColor(m),
        opacity: 1,
        borderColor: '#fff',
        borderWidth: 1,
      },
      symbolSize: 8 + 2 * weight(m, risk),
    }));
}

/** Up to how many counties the map writes their names (a province's hundred would cover it). */
export const NAMED_COUNTIES_MAX = 30;

/**
 * The option: `map` is the registered boundaries' name, or null when there are none (points on
 * longitude/latitude axes instead); `counties` how many it holds (their names shown up to
 * NAMED_COUNTIES_MAX, else on hover).
 */
export function mineMapOption(
  map: string | null,
  mines: MineMapPoint[],
  texts: MineMapTexts,
  counties = 1,
  risk?: ReadonlyMap<string, string>,
): EChartsCoreOption {
  const byId = new Map(mines.map((m) => [m.id, m]));
  const tooltip = {
    trigger: 'item',
    formatter: (p: { data?: { id?: string } }) => {
      const m = p.data?.id ? byId.get(p.data.id) : undefined;
      return m ? `${m.name}<br/>${texts.describe(m)}` : '';
    },
  };
  const points = {
    type: 'scatter',
    name: 'mines',
    data: minePoints(mines, risk),
    cursor: 'pointer',
    emphasis: { scale: 1.6 },
  };
  if (map) {
    return {
      tooltip,
      geo: {
        map,
        roam: true,
        label: { show: counties <= NAMED_COUNTIES_MAX, color: '#595959', fontSize: 11 },
        itemStyle: { areaColor: '#f5f7fa', borderColor: '#8c8c8c' },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#e6f0ff' } },
        select: { disabled: true },
        tooltip: { show: false },
      },
      series: [{ ...points, coordinateSystem: 'geo', geoIndex: 0 }],
    };
  }
  return {
    tooltip,
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'value', scale: true, name: '°E' },
    yAxis: { type: 'value', scale: true, name: '°N' },
    series: [points],
  };
}

/** The region a set of mines shares (county, city or province), for callers with no region of their own. */
export function commonRegion(counties: string[]): string | null {
  const first = counties[0];
  if (!first) {
    return null;
  }
  for (const [digits, pad] of [
    [6, ''],
    [4, '00'],
    [2, '0000'],
  ] as const) {
    const prefix = first.slice(0, digits);
    if (counties.every((c) => c.startsWith(prefix))) {
      return `${prefix}${pad}`;
    }
  }
  return null;
}

/** Counts by colour key for the legend: each warning level, then each status of mines without alarms. */
export function legendCounts(mines: MineMapPoint[]): {
  levels: Partial<Record<WarningLevel, number>>;
  statuses: Partial<Record<MineStatus, number>>;
} {
  const levels: Partial<Record<WarningLevel, number>> = {};
  const statuses: Partial<Record<MineStatus, number>> = {};
  for (const m of mines) {
    if (m.worstLevel) {
      levels[m.worstLevel] = (levels[m.worstLevel] ?? 0) + 1;
    } else {
      statuses[m.status] = (statuses[m.status] ?? 0) + 1;
    }
  }
  return { levels, statuses };
}

/** The picker's option: one county's outline and the chosen point, if any. */
export function pickerOption(map: string, point: [number, number] | null): EChartsCoreOption {
  return {
    geo: {
      map,
      roam: true,
      label: { show: true, color: '#595959' },
      itemStyle: { areaColor: '#f5f7fa', borderColor: '#8c8c8c' },
      emphasis: { disabled: true },
      select: { disabled: true },
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        geoIndex: 0,
        symbol: 'pin',
        symbolSize: 28,
        itemStyle: { color: '#cf1322' },
        data: point ? [{ name: '', value: point }] : [],
      },
    ],
  };
}
