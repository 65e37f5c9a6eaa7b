/**
 * @module The demo province's monitoring: facilities and points for a selection of its mines (every
 * producing mine of 原平市 that has something to monitor, and two of each kind elsewhere), with the
 * standards' presets where the standards give them and demo values marked as such where they do
 * not. The reporting interval is 10 s so that `npm start` with the simulator shows alarms within
 * minutes.
 */
import type { Quantity } from '../../shared/monitoring.quantities.ts';
import type { FacilityKind } from '../../shared/monitoring.enums.ts';
import type { SensorSpec, SensorSpecInput } from '../../shared/monitoring.schemas.ts';
import { SensorSpec as SensorSpecSchema } from '../../shared/monitoring.schemas.ts';
import { MineKind, MineStatus } from '../../shared/registry.enums.ts';
import type { Principal } from '../platform/auth/scope.ts';
import type { Db } from '../platform/db/client.ts';
import { defaultSensorTypes, initialSpec } from '../modules/monitoring/sensor.spec.ts';
import { monitoringSettings, type SensorTypes } from '../modules/monitoring/monitoring.settings.ts';
import { getSetting } from '../platform/settings/settings.service.ts';
import { insertFacility, insertSensor } from '../modules/monitoring/sensor.service.ts';

/** The demo's reporting interval (s) for every point. */
export const DEMO_INTERVAL_SECONDS = 10;

interface PointPlan {
  code: string;
  name: string;
  quantity: Quantity;
  item?: string;
  location?: string;
  preset?: string;
  /** The sensor type (catalogue setting monitoring.sensorTypes): the measuring range comes from it. */
  sensorType?: string;
  /** Demo thresholds where no standard gives one (design values of a made-up facility). */
  thresholds?: SensorSpec['thresholds'];
}

interface FacilityPlan {
  code: string;
  name: string;
  kind: FacilityKind;
  points: PointPlan[];
}

const mineLevel: FacilityPlan = {
  code: 'MINE',
  name: '全矿',
  kind: '矿山',
  points: [
    { code: 'PEOPLE', name: '井下人数', quantity: '井下人数' },
    { code: 'POWER', name: '总用电量', quantity: '用电量' },
  ],
};

/**
 * What is monitored at each kind of mine (issue 5 §1; presets: GB 51108-2015 条文说明 8.3, 《煤矿安全规程》).
 * The ordinary 甲烷 points are low-concentration (catalytic) sensors: their range, 0–4 % by default,
 * makes an impossible reading 数据异常 (超出量程) rather than a gas alarm.
 */
export const demoPlans: Partial<Record<MineKind, FacilityPlan[]>> = {
  [MineKind.CoalUnderground]: [
    {
      code: 'AREA-1',
      name: '一采区',
      kind: '井下区域',
      points: [
        {
          code: 'CH4-101',
          name: '101 工作面甲烷',
          quantity: 'CH4',
          location: '采煤工作面',
          preset: '甲烷:采煤工作面',
          sensorType: '低浓度甲烷传感器',
        },
        {
          code: 'CH4-102',
          name: '101 上隅角甲烷',
          quantity: 'CH4',
          location: '采煤工作面上隅角',
          preset: '甲烷:采煤工作面上隅角',
          sensorType: '低浓度甲烷传感器',
        },
        {
          code: 'CH4-103',
          name: '101 回风巷甲烷',
          quantity: 'CH4',
          location: '采煤工作面回风巷',
          preset: '甲烷:采煤工作面回风巷',
          sensorType: '低浓度甲烷传感器',
        },
        {
          code: 'CH4-201',
          name: '201 掘进工作面甲烷',
          quantity: 'CH4',
          location: '掘进工作面',
          preset: '甲烷:掘进工作面',
          sensorType: '低浓度甲烷传感器',
        },
        { code: 'CO-101', name: '101 回风巷一氧化碳', quantity: 'CO', preset: 'CO' },
        { code: 'T-101', name: '101 工作面温度', quantity: '温度', preset: '温度' },
        { code: 'WS-101', name: '101 回风巷风速', quantity: '风速' },
      ],
    },
    mineLevel,
  ],
  [MineKind.UndergroundMetal]: [
    {
      code: 'AREA-1',
      name: '-120 m 中段',
      kind: '井下区域',
      points: [
        { code: 'CO-01', name: '回风井一氧化碳', quantity: 'CO', preset: 'CO' },
        { code: 'WS-01', name: '回风井风速', quantity: '风速' },
        { code: 'T-01', name: '采场温度', quantity: '温度', preset: '温度' },
      ],
    },
    mineLevel,
  ],
  [MineKind.TailingsPond]: [
    {
      code: 'DAM',
      name: '主坝',
      kind: '尾矿库',
      points: [
        // 浸润线: red at a 6 m burial depth (demo design value), orange 1.1 × (B4).
        {
          code: 'JRX-01',
          name: '1# 浸润线',
          quantity: '浸润线埋深',
          item: '浸润线',
          preset: '浸润线:6',
        },
        {
          code: 'JRX-02',
          name: '2# 浸润线',
          quantity: '浸润线埋深',
          item: '浸润线',
          preset: '浸润线:6',
        },
        // Demo flood-control levels of a made-up pond (design documents give the real ones).
        {
          code: 'KSW-01',
          name: '库水位',
          quantity: '库水位',
          thresholds: { 黄色: 1052.0, 橙色: 1052.5, 红色: 1053.0 },
        },
        // 滑坡体 rule of B4: red at 100 mm (demo), orange 80 %.
        {
          code: 'WY-01',
          name: '坝顶位移 1#',
          quantity: '表面位移累计',
          item: '表面位移',
          preset: '滑坡体:100',
        },
        {
          code: 'WY-02',
          name: '坝顶位移 2#',
          quantity: '表面位移累计',
          item: '表面位移',
          preset: '滑坡体:100',
        },
        { code: 'YL-01', name: '雨量计', quantity: '降雨量' },
      ],
    },
  ],
  [MineKind.OpenPitMetal]: [
    {
      code: 'SLOPE-E',
      name: '东帮边坡',
      kind: '露天边坡',
      points: [
        {
          code: 'WY-E1',
          name: '东帮位移 1#',
          quantity: '表面位移累计',
          item: '表面位移',
          preset: '滑坡体:120',
        },
        {
          code: 'WY-E2',
          name: '东帮位移 2#',
          quantity: '表面位移累计',
          item: '表面位移',
          preset: '滑坡体:120',
        },
        {
          code: 'WY-E3',
          name: '东帮位移 3#',
          quantity: '表面位移累计',
          item: '表面位移',
          preset: '滑坡体:120',
        },
        {
          code: 'WY-E4',
          name: '东帮位移 4#',
          quantity: '表面位移累计',
          item: '表面位移',
          preset: '滑坡体:120',
        },
      ],
    },
  ],
  [MineKind.WasteDump]: [
    {
      code: 'DUMP',
      name: '排土场',
      kind: '排土场',
      points: [
        {
          code: 'WY-P1',
          name: '排土场位移 1#',
          quantity: '表面位移累计',
          item: '表面位移',
          preset: '滑坡体:150',
        },
        {
          code: 'WY-P2',
          name: '排土场位移 2#',
          quantity: '表面位移累计',
          item: '表面位移',
          preset: '滑坡体:150',
        },
        { code: 'YL-P1', name: '雨量计', quantity: '降雨量' },
      ],
    },
  ],
};

/**
 * The spec of a demo point: its preset (or demo thresholds), its sensor type's range, a 10 s
 * interval, flat-line and spike checks.
 */
export function demoSpec(p: PointPlan, types: SensorTypes = defaultSensorTypes): SensorSpec {
  const base = initialSpec(p.quantity, p.preset, undefined, p.sensorType, types);
  const input: SensorSpecInput = {
    ...base,
    ...(p.thresholds ? { thresholds: p.thresholds } : {}),
    intervalSeconds: DEMO_INTERVAL_SECONDS,
    // A rain gauge reads 0 for days in dry weather: no flat-line check there.
    ...(p.quantity === '降雨量'
      ? {}
      : { flat: { epsilon: 0, count: 30, durationSeconds: 30 * DEMO_INTERVAL_SECONDS } }),
    spike: { window: 20, k: 8, minDeviation: spikeFloor[p.quantity] ?? 1 },
  };
  return SensorSpecSchema.parse(input);
}

/** The smallest jump counted as a spike, per quantity (demo values; editable per sensor). */
const spikeFloor: Partial<Record<Quantity, number>> = {
  CH4: 0.5,
  CO: 10,
  温度: 4,
  风速: 3,
  浸润线埋深: 2,
  库水位: 1,
  表面位移累计: 30,
  井下人数: 200,
  用电量: 160,
  降雨量: 50,
};

interface DemoMine {
  id: string;
  name: string;
  kind: MineKind;
  countyCode: string;
  status: string;
}

/**
 * Which demo mines are monitored: producing or building ones, all of 原平市 and two per kind elsewhere,
 * and always `keep` (the demo enterprise's mine, where mine.duty is on duty).
 */
export function monitoredMines(all: DemoMine[], keep: string): DemoMine[] {
  const active = all.filter(
    (m) =>
      demoPlans[m.kind] &&
      (m.id === keep || m.status === MineStatus.Producing || m.status === MineStatus.Construction),
  );
  const elsewhere = new Map<string, number>();
  return active.filter((m) => {
    if (m.id === keep || m.countyCode === '140981') {
      return true;
    }
    const n = elsewhere.get(m.kind) ?? 0;
    elsewhere.set(m.kind, n + 1);
    return n < 2;
  });
}

/** Inserts the facilities and points of the chosen mines inside the seed's transaction. */
export async function seedDemoMonitoring(
  tx: Db,
  principal: Principal,
  at: Date,
  chosen: DemoMine[],
): Promise<number> {
  let points = 0;
  const types = await getSetting(tx, monitoringSettings.sensorTypes);
  for (const m of chosen) {
    for (const f of demoPlans[m.kind] ?? []) {
      const facility = await insertFacility(tx, principal, at, m, {
        mineId: m.id,
        code: f.code,
        name: f.name,
        kind: f.kind,
      });
      for (const p of f.points) {
        await insertSensor(
          tx,
          principal,
          at,
          m.id,
          {
            facilityId: facility.id,
            code: p.code,
            name: p.name,
            quantity: p.quantity,
            ...(p.item ? { item: p.item } : {}),
            ...(p.location ? { location: p.location } : {}),
            spec: demoSpec(p, types),
          },
          types,
        );
        points++;
      }
    }
  }
  return points;
}
