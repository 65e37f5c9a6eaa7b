/**
 * @module The catalogue of monitored quantities (issue 5 §1): unit, which side is worse, what is
 * physically possible, the usual reporting interval and where the quantity is monitored. Sources:
 * GB 39496-2020 §5.5.2 (tailings), 矿安〔2023〕119号 (slopes and dumps), the NMSA 感知数据接入规范 (non-coal
 * underground: every 20 s), 煤矿安全规程 and AQ 1029 (coal) — see docs/sources.md.
 */
import type { Direction, FacilityKind } from './monitoring.enums.ts';

export interface QuantityDef {
  unit: string;
  direction: Direction;
  /** What the quantity can physically be; a reading outside is 数据异常 (物理不可能). */
  physicalMin: number;
  physicalMax: number;
  /** Expected reporting interval (s). */
  intervalSeconds: number;
  facilities: readonly FacilityKind[];
}

const tailings: FacilityKind[] = ['尾矿库'];
const slope: FacilityKind[] = ['露天边坡', '排土场', '尾矿库'];
const underground: FacilityKind[] = ['井下区域'];
const mineLevel: FacilityKind[] = ['矿山', '数据网关'];

export const quantities = {
  浸润线埋深: {
    unit: 'm',
    direction: 'lower',
    physicalMin: -50,
    physicalMax: 500,
    intervalSeconds: 3600,
    facilities: tailings,
  },
  库水位: {
    unit: 'm',
    direction: 'upper',
    physicalMin: -500,
    physicalMax: 9000,
    intervalSeconds: 600,
    facilities: tailings,
  },
  干滩长度: {
    unit: 'm',
    direction: 'lower',
    physicalMin: 0,
    physicalMax: 10000,
    intervalSeconds: 3600,
    facilities: tailings,
  },
  安全超高: {
    unit: 'm',
    direction: 'lower',
    physicalMin: -50,
    physicalMax: 500,
    intervalSeconds: 3600,
    facilities: tailings,
  },
  表面位移累计: {
    unit: 'mm',
    direction: 'upper',
    physicalMin: -100000,
    physicalMax: 100000,
    intervalSeconds: 600,
    facilities: slope,
  },
  表面位移速率: {
    unit: 'mm/d',
    direction: 'upper',
    physicalMin: -100000,
    physicalMax: 100000,
    intervalSeconds: 600,
    facilities: slope,
  },
  内部位移: {
    unit: 'mm',
    direction: 'upper',
    physicalMin: -100000,
    physicalMax: 100000,
    intervalSeconds: 3600,
    facilities: slope,
  },
  雷达形变: {
    unit: 'mm',
    direction: 'upper',
    physicalMin: -100000,
    physicalMax: 100000,
    intervalSeconds: 300,
    facilities: slope,
  },
  降雨量: {
    unit: 'mm/h',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 500,
    intervalSeconds: 600,
    facilities: [...slope, '矿山'],
  },
  CH4: {
    unit: '%',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 100,
    intervalSeconds: 20,
    facilities: underground,
  },
  CO: {
    unit: 'ppm',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 1000000,
    intervalSeconds: 20,
    facilities: underground,
  },
  O2: {
    unit: '%',
    direction: 'lower',
    physicalMin: 0,
    physicalMax: 100,
    intervalSeconds: 20,
    facilities: underground,
  },
  风速: {
    unit: 'm/s',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 100,
    intervalSeconds: 20,
    facilities: underground,
  },
  温度: {
    unit: '°C',
    direction: 'upper',
    physicalMin: -60,
    physicalMax: 200,
    intervalSeconds: 20,
    facilities: underground,
  },
  地压: {
    unit: 'MPa',
    direction: 'upper',
    physicalMin: -10,
    physicalMax: 500,
    intervalSeconds: 60,
    facilities: underground,
  },
  涌水量: {
    unit: 'm³/h',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 100000,
    intervalSeconds: 600,
    facilities: [...underground, '矿山'],
  },
  井下人数: {
    unit: '人',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 100000,
    intervalSeconds: 60,
    facilities: mineLevel,
  },
  用电量: {
    unit: 'kWh',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 1e9,
    intervalSeconds: 3600,
    facilities: mineLevel,
  },
  // Mine-level series for the multi-factor comparison (issue 6 §1; 《2024年矿山安全生产工作要点》第42条): a
  // gateway may send them as mine-level points; the leads module rolls them up per hour
  // (leads/series.rollup.ts).
  风量: {
    unit: 'm³/min',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 1e6,
    intervalSeconds: 60,
    facilities: mineLevel,
  },
  瓦斯涌出量: {
    unit: 'm³/min',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 1e5,
    intervalSeconds: 60,
    facilities: mineLevel,
  },
  产量: {
    unit: 't',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 1e7,
    intervalSeconds: 3600,
    facilities: mineLevel,
  },
  运输量: {
    unit: 't',
    direction: 'upper',
    physicalMin: 0,
    physicalMax: 1e7,
    intervalSeconds: 3600,
    facilities: mineLevel,
  },
} satisfies Record<string, QuantityDef>;

export type Quantity = keyof typeof quantities;
export const quantityNames = Object.keys(quantities) as [Quantity, ...Quantity[]];
