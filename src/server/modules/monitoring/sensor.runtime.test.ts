/**
 * One sensor's readings through every detector, as the engine runs them, with the intents applied the
 * way the engine applies them (a raise opens or moves the alarm, a clear starts clearing it). Numbers:
 * 《煤矿安全规程》甲烷传感器表 (采煤工作面: 报警 ≥1.0 %, 断电 ≥1.5 %, 复电 <1.0 %), GB 51108-2015 条文说明
 * 8.3 (浸润线 orange = 1.1 × red), and the sensor type catalogue's default ranges (setting
 * monitoring.sensorTypes, UNVERIFIED: low-concentration catalytic CH4 0–4 %, high-concentration 0–100 %).
 */
import { describe, expect, it } from 'vitest';
import type { AlarmKind } from '../../../shared/monitoring.enums.ts';
import { SensorSpec } from '../../../shared/monitoring.schemas.ts';
import type { Quantity } from '../../../shared/monitoring.quantities.ts';
import { AppError } from '../../platform/errors.ts';
import { monitoringSettings } from './monitoring.settings.ts';
import {
  detectReading,
  newRuntime,
  track,
  type DetectContext,
  type OpenAlarm,
  type SensorRuntime,
} from './sensor.runtime.ts';
import { defaultSensorTypes, initialSpec, resolveSpec } from './sensor.spec.ts';

const MIN = 60_000;
const faults = monitoringSettings.faultLevels.default; // 数据异常 → 蓝色
/** No event-time closing here (these tests follow raises and clears only). */
const ctx: DetectContext = {
  faults,
  holdMs: Number.POSITIVE_INFINITY,
  checkpointMs: 3_600_000,
  latenessMs: 86_400_000,
};

function sensor(quantity: Quantity, spec: SensorSpec): SensorRuntime {
  return newRuntime(
    {
      id: 's1',
      no: 1,
      mineId: 'm1',
      facilityId: 'f1',
      code: 'P1',
      quantity,
      version: 1,
      spec,
      lastReadingAt: null,
    },
    new Map<AlarmKind, OpenAlarm>(),
  );
}

/**
 * Feeds readings a minute apart; for each, what it did: `<kind> <level>: <detail>` for a raise,
 * `<kind> 解除` for a clear. The open alarms follow the intents as the engine's would.
 */
function feed(rt: SensorRuntime, values: number[]): string[][] {
  const start = Number.isFinite(rt.lastAt) ? rt.lastAt : 0;
  return values.map((v, i) => {
    const t = start + (i + 1) * MIN;
    const intents = detectReading(rt, t, v, ctx) ?? [];
    return intents.map((x) => {
      track(rt, x, t);
      if (x.op === 'raise') {
        const open = rt.open.get(x.kind);
        if (open) {
          open.id = x.kind;
        }
        return `${x.kind} ${x.level}: ${x.detail}`;
      }
      return `${x.kind} ${x.op === 'clear' ? '解除' : '关闭'}`;
    });
  });
}

const gasSpike = { window: 5, k: 8, minDeviation: 0.5 };

describe('instrument range from the sensor type (传感器类型)', () => {
  const low = initialSpec('CH4', '甲烷:采煤工作面', undefined, '低浓度甲烷传感器');

  it('a low-concentration methane sensor measures 0–4 %, with the 采煤工作面 thresholds', () => {
    expect(low).toMatchObject({
      sensorType: '低浓度甲烷传感器',
      rangeMin: 0,
      rangeMax: 4,
      thresholds: { 黄色: 1.0, 红色: 1.5 },
      clear: { 黄色: 1.0, 红色: 1.0 },
    });
  });

  it('55 % on it is 数据异常 (超出量程) only, never 超限; 2.0 % is 超限 红色 (断电 ≥1.5 %)', () => {
    const rt = sensor('CH4', low);
    expect(feed(rt, [0.3, 55, 0.31, 2.0])).toEqual([
      [],
      ['数据异常 蓝色: 超出量程: 55'],
      ['数据异常 解除'],
      ['超限 红色: 2 达到红色阈值'],
    ]);
  });

  it('a high-concentration sensor (0–100 %) can read 55 %: that is 超限 红色', () => {
    const high = initialSpec('CH4', '甲烷:采煤工作面', undefined, '高浓度甲烷传感器');
    expect([high.rangeMin, high.rangeMax]).toEqual([0, 100]);
    expect(feed(sensor('CH4', high), [0.3, 55])).toEqual([[], ['超限 红色: 55 达到红色阈值']]);
  });

  it('a range given with the type overrides it; a sensor without a type keeps its own range', () => {
    const body = { direction: 'upper' as const, intervalSeconds: 20, thresholds: {} };
    const typed = resolveSpec(
      'CH4',
      { ...body, sensorType: '低浓度甲烷传感器' },
      defaultSensorTypes,
    );
    expect([typed.rangeMin, typed.rangeMax]).toEqual([0, 4]);
    const own = resolveSpec(
      'CH4',
      { ...body, sensorType: '低浓度甲烷传感器', rangeMin: 0, rangeMax: 5 },
      defaultSensorTypes,
    );
    expect([own.rangeMin, own.rangeMax]).toEqual([0, 5]);
    const untyped = resolveSpec('CH4', { ...body, rangeMin: 0, rangeMax: 100 }, defaultSensorTypes);
    expect(untyped.sensorType).toBeUndefined();
    expect([untyped.rangeMin, untyped.rangeMax]).toEqual([0, 100]);
    // The catalogue is the setting's value: an edited one gives its own range.
    const edited = {
      ...defaultSensorTypes,
      低浓度甲烷传感器: { quantity: 'CH4' as const, rangeMin: 0, rangeMax: 5 },
    };
    expect(resolveSpec('CH4', { ...body, sensorType: '低浓度甲烷传感器' }, edited).rangeMax).toBe(
      5,
    );
  });

  it('a type outside the catalogue, or of another quantity, is refused', () => {
    const body = { direction: 'upper' as const, intervalSeconds: 20, thresholds: {} };
    expect(() =>
      resolveSpec('CH4', { ...body, sensorType: '甲烷探头' }, defaultSensorTypes),
    ).toThrow(AppError);
    expect(() =>
      resolveSpec('CO', { ...body, sensorType: '低浓度甲烷传感器' }, defaultSensorTypes),
    ).toThrow(/与测点的监测量CO不符/);
  });

  it('a spec naming a type may leave the range out; without a type the range is required', () => {
    const body = { direction: 'upper', intervalSeconds: 20, thresholds: {} };
    expect(SensorSpec.safeParse({ ...body, sensorType: '低浓度甲烷传感器' }).success).toBe(false);
    expect(
      SensorSpec.safeParse({ ...body, sensorType: '低浓度甲烷传感器', rangeMin: 0, rangeMax: 4 })
        .success,
    ).toBe(true);
  });
});

describe('a spike (突变) and the 超限 alarm', () => {
  const spec = SensorSpec.parse({
    ...initialSpec('CH4', '甲烷:采煤工作面', undefined, '低浓度甲烷传感器'),
    spike: gasSpike,
  });

  it('a lone in-range spike raises 超限 marked 疑似突变, and the next normal reading clears it', () => {
    const rt = sensor('CH4', spec);
    expect(feed(rt, [0.3, 0.31, 0.29, 0.3, 0.32, 2.0, 0.31, 0.3])).toEqual([
      [],
      [],
      [],
      [],
      [],
      ['数据异常 蓝色: 突变: 2', '超限 红色: 2 达到红色阈值 (疑似突变)'],
      ['数据异常 解除', '超限 解除'],
      [],
    ]);
  });

  it('a spike on a real 报警 level: back to 黄色 at the next reading, though it is above 复电', () => {
    // Before, the spike's 红色 held until the gas fell below 复电 1.0 %.
    const rt = sensor('CH4', spec);
    expect(feed(rt, [1.2, 1.21, 1.19, 1.2, 1.22, 3.0, 1.2, 1.21])).toEqual([
      ['超限 黄色: 1.2 达到黄色阈值'],
      [],
      [],
      [],
      [],
      ['数据异常 蓝色: 突变: 3', '超限 红色: 3 达到红色阈值 (疑似突变)'],
      ['数据异常 解除', '超限 黄色: 1.2 达到黄色阈值'],
      [],
    ]);
  });

  it('a lone low sample on a real 报警 level does not clear it', () => {
    const rt = sensor('CH4', spec);
    expect(feed(rt, [1.2, 1.21, 1.19, 1.2, 1.22, 0.2, 1.2])).toEqual([
      ['超限 黄色: 1.2 达到黄色阈值'],
      [],
      [],
      [],
      [],
      ['数据异常 蓝色: 突变: 0.2'],
      ['数据异常 解除'],
    ]);
    expect(rt.open.get('超限')).toMatchObject({ level: '黄色', clearing: false });
  });

  it('gas that really rises stays 超限, and the alarm is re-marked once 3 readings confirm the level', () => {
    const rt = sensor('CH4', spec);
    expect(feed(rt, [0.3, 0.31, 0.29, 0.3, 0.32, 2.0, 2.02, 1.98, 2.01, 0.9, 0.91, 0.89])).toEqual([
      [],
      [],
      [],
      [],
      [],
      ['数据异常 蓝色: 突变: 2', '超限 红色: 2 达到红色阈值 (疑似突变)'],
      ['数据异常 蓝色: 突变: 2.02'],
      ['数据异常 解除', '超限 红色: 1.98 达到红色阈值 (突变已确认为持续水平)'],
      [],
      // Back down: a jump against the new level (突变) cannot clear the alarm by itself …
      ['数据异常 蓝色: 突变: 0.9'],
      ['数据异常 蓝色: 突变: 0.91'],
      // … 3 readings below 复电 1.0 % confirm the level, and the alarm clears.
      ['数据异常 解除', '超限 解除'],
    ]);
  });
});

describe('a 浸润线 that rises for good (GB 51108-2015 条文说明 8.3: red 6 m, orange 6.6 m)', () => {
  it('数据异常 for the first readings of the new level, closed once 3 agree; 超限 橙色 stays', () => {
    const spec = SensorSpec.parse({
      ...initialSpec('浸润线埋深', '浸润线:6', undefined),
      spike: { window: 6, k: 5, minDeviation: 0.5 },
    });
    const rt = sensor('浸润线埋深', spec);
    const out = feed(rt, [10.0, 10.1, 9.9, 10.0, 10.05, 9.95, 6.5, 6.52, 6.48, 6.5, 6.51, 6.49]);
    expect(out.slice(0, 6).flat()).toEqual([]);
    expect(out.slice(6)).toEqual([
      ['数据异常 蓝色: 突变: 6.5', '超限 橙色: 6.5 达到橙色阈值 (疑似突变)'],
      ['数据异常 蓝色: 突变: 6.52'],
      ['数据异常 解除', '超限 橙色: 6.48 达到橙色阈值 (突变已确认为持续水平)'],
      [],
      [],
      [],
    ]);
    expect(rt.open.get('数据异常')?.clearing).toBe(true);
    expect(rt.open.get('超限')).toMatchObject({ level: '橙色', clearing: false });
  });
});
