/**
 * @module A sensor's stored detection parameters (SensorSpec): defaults from the quantity catalogue,
 * presets from the standards (threshold.presets.ts), the measuring range from the sensor type
 * catalogue (setting monitoring.sensorTypes), and the compiled specs the pure detectors read.
 */
import type { WarningLevel } from '../../../shared/monitoring.enums.ts';
import type { Quantity } from '../../../shared/monitoring.quantities.ts';
import { quantities } from '../../../shared/monitoring.quantities.ts';
import { SensorSpec, type SensorSpecBodyInput } from '../../../shared/monitoring.schemas.ts';
import { invalidField } from '../../platform/errors.ts';
import type { AnomalySpec, FlatSpec, OverLimitSpec, RateSpec } from './detectors.ts';
import { monitoringSettings, type SensorTypes } from './monitoring.settings.ts';
import {
  coPreset,
  landslidePreset,
  methanePresets,
  phreaticPreset,
  temperaturePreset,
  type Preset,
} from './threshold.presets.ts';

/** Preset names accepted by the API: 甲烷:<设置地点>, CO, 温度, 浸润线:<红色埋深 m>, 滑坡体:<红色位移 mm>. */
export function resolvePreset(name: string): Preset {
  const [kind, arg = ''] = name.split(':', 2);
  const n = Number(arg);
  const preset =
    kind === '甲烷'
      ? methanePresets[arg]
      : kind === 'CO'
        ? coPreset
        : kind === '温度'
          ? temperaturePreset
          : kind === '浸润线' && n > 0
            ? phreaticPreset(n)
            : kind === '滑坡体' && n > 0
              ? landslidePreset(n)
              : undefined;
  if (!preset) {
    throw invalidField(
      'preset',
      `未知预设; 可用: ${Object.keys(methanePresets)
        .map((k) => `甲烷:${k}`)
        .join('、')}、CO、温度、浸润线:<红色埋深m>、滑坡体:<红色位移mm>`,
      name,
    );
  }
  return preset;
}

/** The catalogue in force until a system admin changes it (for pure callers: seed, benchmarks). */
export const defaultSensorTypes: SensorTypes = monitoringSettings.sensorTypes.default;

/** Why a sensor of this quantity cannot name this type, or null when it can. */
export function sensorTypeProblem(
  quantity: string,
  name: string,
  types: SensorTypes,
): string | null {
  const t = Object.hasOwn(types, name) ? types[name] : undefined;
  if (!t) {
    const fits = Object.keys(types).filter((k) => types[k]?.quantity === quantity);
    return `传感器类型目录中没有“${name}”${fits.length ? `; 可用: ${fits.join('、')}` : ''}`;
  }
  return t.quantity === quantity
    ? null
    : `“${name}”测量${t.quantity}, 与测点的监测量${quantity}不符`;
}

/**
 * The spec as stored: a named type must be in the catalogue and measure the sensor's quantity, and
 * gives the range unless the body has its own (an override). Without a type the body's range stays.
 */
export function resolveSpec(
  quantity: string,
  body: SensorSpecBodyInput,
  types: SensorTypes,
): SensorSpec {
  let { rangeMin, rangeMax } = body;
  if (body.sensorType !== undefined) {
    const problem = sensorTypeProblem(quantity, body.sensorType, types);
    if (problem) {
      throw invalidField('spec.sensorType', problem, body.sensorType);
    }
    const t = types[body.sensorType] as SensorTypes[string];
    rangeMin ??= t.rangeMin;
    rangeMax ??= t.rangeMax;
  }
  return SensorSpec.parse({ ...body, rangeMin, rangeMax });
}

/**
 * The spec a new sensor starts from: the caller's own, or the catalogue's defaults with a preset's
 * thresholds; a sensor type (here or in the caller's spec) gives the measuring range.
 */
export function initialSpec(
  quantity: Quantity,
  preset: string | undefined,
  given: SensorSpecBodyInput | undefined,
  sensorType?: string,
  types: SensorTypes = defaultSensorTypes,
): SensorSpec {
  if (given) {
    if (
      sensorType !== undefined &&
      given.sensorType !== undefined &&
      given.sensorType !== sensorType
    ) {
      throw invalidField('sensorType', '与参数中的传感器类型不一致', sensorType);
    }
    return resolveSpec(
      quantity,
      sensorType !== undefined ? { ...given, sensorType } : given,
      types,
    );
  }
  const q = quantities[quantity];
  const base: SensorSpecBodyInput = {
    direction: q.direction,
    // A type gives the range; without one the quantity's physical range stands in for it.
    ...(sensorType !== undefined
      ? { sensorType }
      : { rangeMin: q.physicalMin, rangeMax: q.physicalMax }),
    intervalSeconds: q.intervalSeconds,
    thresholds: {},
  };
  if (preset) {
    const p = resolvePreset(preset).spec;
    Object.assign(base, {
      direction: p.direction,
      thresholds: p.thresholds,
      clear: p.clear,
      deadband: p.deadband,
      minDurationSeconds: Math.round(p.minDurationMs / 1000),
      minCount: p.minCount,
    });
  }
  return resolveSpec(quantity, base, types);
}

/**
 * Consecutive agreeing spikes that confirm a new level when the spec does not say (minewatch's
 * default: one minute of 20-s readings, three hours of hourly 浸润线 readings).
 */
export const SPIKE_CONFIRM_DEFAULT = 3;

/** What the detectors of one sensor read, compiled once per spec version. */
export interface CompiledSpec {
  overLimit: OverLimitSpec;
  rate: (RateSpec & { level: WarningLevel }) | null;
  flat: FlatSpec | null;
  anomaly: AnomalySpec;
  intervalMs: number;
  silentFactor: number;
  hasThresholds: boolean;
}

export function compileSpec(quantity: string, spec: SensorSpec): CompiledSpec {
  const q = (quantities as Record<string, (typeof quantities)[Quantity] | undefined>)[quantity];
  return {
    overLimit: {
      direction: spec.direction,
      thresholds: spec.thresholds,
      ...(spec.clear ? { clear: spec.clear } : {}),
      deadband: spec.deadband,
      minDurationMs: spec.minDurationSeconds * 1000,
      minCount: spec.minCount,
    },
    rate: spec.rate
      ? {
          windowMs: spec.rate.windowSeconds * 1000,
          maxPerHour: spec.rate.maxPerHour,
          level: spec.rate.level,
        }
      : null,
    flat: spec.flat
      ? {
          epsilon: spec.flat.epsilon,
          count: spec.flat.count,
          durationMs: spec.flat.durationSeconds * 1000,
        }
      : null,
    anomaly: {
      rangeMin: spec.rangeMin,
      rangeMax: spec.rangeMax,
      physicalMin: q?.physicalMin ?? -Infinity,
      physicalMax: q?.physicalMax ?? Infinity,
      // No spike test without its parameters (window 0 keeps no history).
      window: spec.spike?.window ?? 0,
      k: spec.spike?.k ?? Infinity,
      minDeviation: spec.spike?.minDeviation ?? Infinity,
      confirm: Math.min(spec.spike?.confirm ?? SPIKE_CONFIRM_DEFAULT, spec.spike?.window ?? 0),
    },
    intervalMs: spec.intervalSeconds * 1000,
    silentFactor: spec.silentFactor,
    hasThresholds: Object.keys(spec.thresholds).length > 0,
  };
}
