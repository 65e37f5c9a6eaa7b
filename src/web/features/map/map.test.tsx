// @vitest-environment jsdom
import '../../test-setup.ts';
import { describe, expect, it } from 'vitest';
import type { MineMapPoint } from '../../../shared/mine-map.schemas.ts';
import { levelColors } from '../monitoring/LevelTag.tsx';
import { loadCounties } from './boundaries.ts';
import {
  commonRegion,
  legendCounts,
  mapName,
  mineMapOption,
  pickerOption,
  riskColors,
  statusColors,
  UNCLASSED_COLOR,
  type MinePointDatum,
} from './mapOption.ts';

const mine = (over: Partial<MineMapPoint>): MineMapPoint => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: '某煤矿',
  kind: '煤矿井工',
  status: '生产',
  countyCode: '140981',
  longitude: 112.7,
  latitude: 38.9,
  worstLevel: null,
  openAlarms: 0,
  ...over,
});

const red = mine({ id: 'r', name: '红矿', worstLevel: '红色', openAlarms: 2 });
const calm = mine({ id: 'c', name: '静矿', status: '停产整顿' });
const yellow = mine({
  id: 'y',
  name: '黄矿',
  worstLevel: '黄色',
  openAlarms: 1,
  countyCode: '140923',
});
const texts = { describe: (m: MineMapPoint) => `${m.worstLevel ?? m.status}` };

interface GeoOption {
  geo?: { map: string };
  xAxis?: unknown;
  series: { coordinateSystem?: string; data: MinePointDatum[] }[];
  tooltip: { formatter: (p: { data?: { id?: string } }) => string };
}

describe('the mine map option', () => {
  it('draws the points on the registered county outlines, coloured by worst alarm else status', () => {
    const option = mineMapOption(
      mapName('140900'),
      [red, calm, yellow],
      texts,
    ) as unknown as GeoOption;
    expect(option.geo?.map).toBe('mw-140900');
    const [series] = option.series;
    expect(series?.coordinateSystem).toBe('geo');
    const data = series?.data ?? [];
    // Calm first, red last: the worst is drawn on top.
    expect(data.map((d) => d.id)).toEqual(['c', 'y', 'r']);
    expect(data.map((d) => d.itemStyle.color)).toEqual([
      statusColors.停产整顿,
      levelColors.黄色,
      levelColors.红色,
    ]);
    expect(data[2]?.value).toEqual([112.7, 38.9]);
    expect(data[2]?.symbolSize).toBeGreaterThan(data[0]?.symbolSize ?? 0);
    expect(option.tooltip.formatter({ data: { id: 'r' } })).toBe('红矿<br/>红色');
    expect(option.tooltip.formatter({})).toBe('');
  });

  it('names the counties of a county or city, not the hundred of a province', () => {
    type Named = { geo: { label: { show: boolean } } };
    const named = (n: number) =>
      (mineMapOption('mw-x', [red], texts, n) as unknown as Named).geo.label.show;
    expect(named(1)).toBe(true);
    expect(named(14)).toBe(true);
    expect(named(119)).toBe(false);
  });

  it('by risk class colours each mine by its class, the A class on top, the unclassed grey', () => {
    const risk = new Map([
      ['r', 'D'],
      ['c', 'A'],
    ]);
    const option = mineMapOption(
      'mw-x',
      [red, calm, yellow],
      texts,
      1,
      risk,
    ) as unknown as GeoOption;
    const data = option.series[0]?.data ?? [];
    expect(data.map((d) => d.id)).toEqual(['y', 'r', 'c']);
    expect(data.map((d) => d.itemStyle.color)).toEqual([
      UNCLASSED_COLOR,
      riskColors.D,
      riskColors.A,
    ]);
  });

  it('without boundaries puts the points on longitude/latitude axes', () => {
    const option = mineMapOption(null, [red], texts) as unknown as GeoOption;
    expect(option.geo).toBeUndefined();
    expect(option.xAxis).toBeDefined();
    expect(option.series[0]?.coordinateSystem).toBeUndefined();
  });

  it('the picker draws one county and the chosen point, or none yet', () => {
    const chosen = pickerOption('mw-140981', [112.7, 38.9]) as unknown as GeoOption;
    expect(chosen.geo?.map).toBe('mw-140981');
    expect(chosen.series[0]?.data).toEqual([{ name: '', value: [112.7, 38.9] }]);
    const none = pickerOption('mw-140981', null) as unknown as GeoOption;
    expect(none.series[0]?.data).toEqual([]);
  });

  it('counts the legend by level, and by status for mines without alarms', () => {
    expect(legendCounts([red, calm, yellow, mine({ id: 'p' })])).toEqual({
      levels: { 红色: 1, 黄色: 1 },
      statuses: { 停产整顿: 1, 生产: 1 },
    });
  });

  it('frames the narrowest region the mines share', () => {
    expect(commonRegion(['140981', '140981'])).toBe('140981');
    expect(commonRegion(['140981', '140923'])).toBe('140900');
    expect(commonRegion(['140981', '141029'])).toBe('140000');
    expect(commonRegion(['140981', '540102'])).toBeNull();
    expect(commonRegion([])).toBeNull();
  });

  it('loads a region’s counties from its province’s file, and none where no file is held', async () => {
    const yuanping = await loadCounties('140981');
    expect(yuanping.map((f) => f.properties.name)).toEqual(['原平市']);
    const xinzhou = await loadCounties('140900');
    expect(xinzhou.length).toBeGreaterThan(10);
    expect(xinzhou.every((f) => f.properties.adcode.startsWith('1409'))).toBe(true);
    expect(await loadCounties('540102')).toEqual([]);
  });
});
