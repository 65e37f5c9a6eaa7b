/**
 * @module A sensor's stored detection parameters (SensorSpec): defaults from the quantity catalogue,
 * presets from the standards (threshold.presets.ts), and the compiled specs the pure detectors
 * read.
 */
import type { WarningLevel } from '../../../shared/monitoring.enums.ts';
import type { Quantity } from '../../../shared/monitoring.quantities.ts';
import { quantities } from '../../../shared/monitoring.quantities.ts';
import { SensorSpec, type SensorSpecInput } from '../../../shared/monitoring.schemas.ts';
import { invalidField } from '../../platform/errors.ts';
import type { AnomalySpec, FlatSpec, OverLimitSpec, RateSpec } from './detectors.ts';
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

/** The spec a new sensor starts from: the catalogue's defaults, a preset's thresholds, the caller's own. */
export function initialSpec(
  quantity: Quantity,
  preset: string | undefined,
  given: SensorSpec | undefined,
): SensorSpec {
  if (given) {
    return given;
  }
  const q = quantities[quantity];
  const base: SensorSpecInput = {
    direction: q.direction,
    rangeMin: q.physicalMin,
    rangeMax: q.physicalMax,
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
  return SensorSpec.parse(base);
}

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
    },
    intervalMs: spec.intervalSeconds * 1000,
    silentFactor: spec.silentFactor,
    hasThresholds: Object.keys(spec.thresholds).length > 0,
  };
}
