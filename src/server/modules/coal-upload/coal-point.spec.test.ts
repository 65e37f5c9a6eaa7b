/**
 * A mine's own thresholds beside minewatch's: the parameters a point registered from CDDY starts with
 * (报警 as 黄色, 断电 as 红色, 解报/复电 as clear values; threshold.presets.ts), and which alarm value
 * applies (the stricter), with the 《煤矿安全规程》 甲烷 values (REFERENCE §C1) and an O2 lower limit.
 */
import { describe, expect, it } from 'vitest';
import { SensorSpecBody } from '../../../shared/monitoring.schemas.ts';
import {
  appliedThreshold,
  initialSpecFromMine,
  levelOf,
  type MineThresholds,
} from './coal-point.spec.ts';

const none: MineThresholds = {
  upperAlarm: null,
  upperAlarmClear: null,
  lowerAlarm: null,
  lowerAlarmClear: null,
  upperPowerOff: null,
  upperPowerOn: null,
  lowerPowerOff: null,
  lowerPowerOn: null,
};
/** 采煤工作面: 报警 ≥1.0, 断电 ≥1.5, 复电 <1.0 (REFERENCE §C1). */
const face = {
  ...none,
  upperAlarm: 1.0,
  upperAlarmClear: 1.0,
  upperPowerOff: 1.5,
  upperPowerOn: 1.0,
};

describe('the mine’s thresholds beside minewatch’s', () => {
  it('a methane point starts from the mine’s 报警 1.0 / 断电 1.5 / 复电 1.0, range from the file', () => {
    const spec = initialSpecFromMine('CH4', face, { low: 0, high: 4 }, 30, '低浓度甲烷传感器');
    expect(spec).toMatchObject({
      direction: 'upper',
      rangeMin: 0,
      rangeMax: 4,
      intervalSeconds: 30,
      thresholds: { 黄色: 1, 红色: 1.5 },
      clear: { 黄色: 1, 红色: 1 },
    });
    expect(SensorSpecBody.safeParse(spec).success).toBe(true);
  });

  it('values that do not order are left out, clear values first (a 断电 below the 报警 of an upper limit)', () => {
    const odd = { ...none, upperAlarm: 1.0, upperPowerOff: 0.8 };
    expect(initialSpecFromMine('CH4', odd, { low: 0, high: 4 }, 30, undefined).thresholds).toEqual({
      黄色: 1,
    });
  });

  it('an O2 point alarms on its lower limit (18.5 %)', () => {
    const o2 = { ...none, lowerAlarm: 18.5, lowerAlarmClear: 19 };
    const spec = initialSpecFromMine('O2', o2, { low: null, high: null }, 30, undefined);
    expect(spec).toMatchObject({
      direction: 'lower',
      rangeMin: 0,
      rangeMax: 100,
      thresholds: { 黄色: 18.5 },
    });
    expect(levelOf({ direction: 'lower', thresholds: { 黄色: 18.5 } }, 18.4)).toBe('黄色');
    expect(levelOf({ direction: 'lower', thresholds: { 黄色: 18.5 } }, 19)).toBeNull();
  });

  it('the stricter alarm value applies: the mine’s 0.8 over minewatch’s 1.0, minewatch’s 0.5 over the mine’s 1.0', () => {
    const ours = { direction: 'upper' as const, thresholds: { 黄色: 1.0, 红色: 1.5 } };
    expect(appliedThreshold(ours, { ...face, upperAlarm: 0.8 })).toEqual({
      stricter: 'mine',
      value: 0.8,
    });
    expect(appliedThreshold({ ...ours, thresholds: { 黄色: 0.5 } }, face)).toEqual({
      stricter: 'minewatch',
      value: 0.5,
    });
    expect(appliedThreshold(ours, face)).toEqual({ stricter: 'same', value: 1 });
    expect(appliedThreshold({ direction: 'upper', thresholds: {} }, none)).toEqual({
      stricter: null,
      value: null,
    });
  });
});
