/**
 * @module A mine's own thresholds of a point (CDDY 报警/解报/断电/复电, upper and lower) beside minewatch's:
 * the detection parameters a point registered from a file starts with (报警 as 黄色 and 断电 as 红色,
 * cleared at 解报 and 复电 — the colour mapping of threshold.presets.ts, minewatch's choice), the level
 * minewatch's thresholds give a value, and which of the two is stricter and therefore applies.
 */
import { warningLevels, type WarningLevel } from '../../../shared/monitoring.enums.ts';
import { quantities, type Quantity } from '../../../shared/monitoring.quantities.ts';
import {
  SensorSpecBody,
  type SensorSpec,
  type SensorSpecBodyInput,
} from '../../../shared/monitoring.schemas.ts';

/** The mine's own values of one point, as CDDY carries them (null = not set). */
export interface MineThresholds {
  upperAlarm: number | null;
  upperAlarmClear: number | null;
  lowerAlarm: number | null;
  lowerAlarmClear: number | null;
  upperPowerOff: number | null;
  upperPowerOn: number | null;
  lowerPowerOff: number | null;
  lowerPowerOn: number | null;
}

export const thresholdKeys = [
  'upperAlarm',
  'upperAlarmClear',
  'lowerAlarm',
  'lowerAlarmClear',
  'upperPowerOff',
  'upperPowerOn',
  'lowerPowerOff',
  'lowerPowerOn',
] as const satisfies readonly (keyof MineThresholds)[];

/** Whether two sets of the mine's values are the same. */
export function sameThresholds(a: MineThresholds, b: MineThresholds): boolean {
  return thresholdKeys.every((k) => a[k] === b[k]);
}

/** The side of the mine's values that matters for a quantity's direction. */
function sideOf(direction: 'upper' | 'lower', t: MineThresholds) {
  return direction === 'upper'
    ? { alarm: t.upperAlarm, clear: t.upperAlarmClear, cut: t.upperPowerOff, on: t.upperPowerOn }
    : { alarm: t.lowerAlarm, clear: t.lowerAlarmClear, cut: t.lowerPowerOff, on: t.lowerPowerOn };
}

/**
 * The detection parameters a point registered from the mine's definition starts with: the quantity's
 * direction, the file's range (else the sensor type's, else the quantity's physical one), the upload
 * interval, and the mine's 报警 as 黄色 and 断电 as 红色 with 解报/复电 as their clear values. Values that
 * do not order (a 断电 below the 报警 of an upper limit …) are left out, the clear values first.
 */
export function initialSpecFromMine(
  quantity: Quantity,
  t: MineThresholds,
  range: { low: number | null; high: number | null },
  intervalSeconds: number,
  sensorType: string | undefined,
): SensorSpecBodyInput {
  const q = quantities[quantity];
  const side = sideOf(q.direction, t);
  const base: SensorSpecBodyInput = {
    direction: q.direction,
    intervalSeconds,
    thresholds: {},
    ...(sensorType ? { sensorType } : {}),
    ...(range.low !== null && range.high !== null && range.low < range.high
      ? { rangeMin: range.low, rangeMax: range.high }
      : sensorType
        ? {}
        : { rangeMin: q.physicalMin, rangeMax: q.physicalMax }),
  };
  const thresholds: Partial<Record<WarningLevel, number>> = {};
  const clear: Partial<Record<WarningLevel, number>> = {};
  if (side.alarm !== null) {
    thresholds.黄色 = side.alarm;
    if (side.clear !== null) {
      clear.黄色 = side.clear;
    }
  }
  if (side.cut !== null) {
    thresholds.红色 = side.cut;
    if (side.on !== null) {
      clear.红色 = side.on;
    }
  }
  const candidates: SensorSpecBodyInput[] = [
    { ...base, thresholds, clear },
    { ...base, thresholds },
    { ...base, thresholds: side.alarm !== null ? { 黄色: side.alarm } : {} },
    base,
  ];
  return candidates.find((c) => SensorSpecBody.safeParse(c).success) ?? base;
}

/** The level minewatch's thresholds give a value (ignoring duration and deadband), null = normal. */
export function levelOf(spec: Pick<SensorSpec, 'direction' | 'thresholds'>, value: number) {
  let level: WarningLevel | null = null;
  for (const l of warningLevels) {
    const t = spec.thresholds[l];
    if (t !== undefined && (spec.direction === 'upper' ? value >= t : value <= t)) {
      level = l;
    }
  }
  return level;
}

/** Which alarm value is stricter, minewatch's first level or the mine's 报警, and so applies. */
export interface AppliedThreshold {
  /** 'minewatch' (the regulator's own is stricter or the mine set none), 'mine', 'same', or null (neither set). */
  stricter: 'minewatch' | 'mine' | 'same' | null;
  /** The value that applies: the stricter of the two. */
  value: number | null;
}

/**
 * The alarm value that applies: the stricter of minewatch's first (lowest) level and the mine's own 报警
 * (a mine may alarm earlier than the regulator requires, never later — 《煤矿安全规程》 sets the limits the
 * mine must not exceed, REFERENCE §C1).
 */
export function appliedThreshold(
  spec: Pick<SensorSpec, 'direction' | 'thresholds'>,
  t: MineThresholds,
): AppliedThreshold {
  const ours = warningLevels.map((l) => spec.thresholds[l]).find((v) => v !== undefined) ?? null;
  const theirs = sideOf(spec.direction, t).alarm;
  if (ours === null && theirs === null) {
    return { stricter: null, value: null };
  }
  if (ours === null) {
    return { stricter: 'mine', value: theirs };
  }
  if (theirs === null) {
    return { stricter: 'minewatch', value: ours };
  }
  if (ours === theirs) {
    return { stricter: 'same', value: ours };
  }
  const oursStricter = spec.direction === 'upper' ? ours < theirs : ours > theirs;
  return oursStricter
    ? { stricter: 'minewatch', value: ours }
    : { stricter: 'mine', value: theirs };
}
