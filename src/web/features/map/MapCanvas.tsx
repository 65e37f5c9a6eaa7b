/**
 * An ECharts canvas for maps: registers the county boundaries under their name before drawing, and
 * reports clicks — on a point (its datum) or anywhere on the map (its longitude/latitude, for pickers).
 * ECharts comes from the shared chart chunk (components/Chart.tsx).
 */
import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import type { CountyFeature } from '../../../shared/geo.ts';
import { preloadCharts } from '../../components/Chart.tsx';

export interface MapCanvasProps {
  option: EChartsCoreOption;
  /** Boundaries to register under `mapName` before the option is set (none: the option has no geo). */
  boundaries?: { mapName: string; counties: CountyFeature[] } | undefined;
  label: string;
  height: number;
  /** A click on a point: its datum. */
  onPoint?: ((datum: unknown) => void) | undefined;
  /** A click anywhere on the map: where, in longitude/latitude. */
  onPlace?: ((lonLat: [number, number]) => void) | undefined;
  testId?: string;
}

export function MapCanvas({
  option,
  boundaries,
  label,
  height,
  onPoint,
  onPlace,
  testId,
}: MapCanvasProps) {
  const ref = useRef<HTMLDivElement>(null);
  const handlers = useRef({ onPoint, onPlace });
  handlers.current = { onPoint, onPlace };
  useEffect(() => {
    let cleanup: (() => void) | undefined;
    let cancelled = false;
    preloadCharts().then(
      ({ echarts }) => {
        const box = ref.current;
        if (cancelled || !box) {
          return;
        }
        if (boundaries) {
          // ECharts' GeoJSON type is looser than ours (its rings are number[][]): same shape.
          const geoJSON = { type: 'FeatureCollection', features: boundaries.counties } as unknown;
          echarts.registerMap(boundaries.mapName, {
            geoJSON,
            specialAreas: {},
          } as Parameters<typeof echarts.registerMap>[1]);
        }
        const chart = echarts.init(box);
        chart.setOption(option);
        chart.on('click', (p: { componentType?: string; seriesType?: string; data?: unknown }) => {
          if (p.seriesType === 'scatter') {
            handlers.current.onPoint?.(p.data);
          }
        });
        chart.getZr().on('click', (e: { offsetX: number; offsetY: number; target?: unknown }) => {
          const place = handlers.current.onPlace;
          if (!place) {
            return;
          }
          const at = chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as
            number[] | undefined;
          if (at && Number.isFinite(at[0]) && Number.isFinite(at[1])) {
            place([at[0] ?? 0, at[1] ?? 0]);
          }
        });
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
  }, [option, boundaries]);
  return (
    <div
      ref={ref}
      className="chart map-canvas"
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ height }}
    />
  );
}
