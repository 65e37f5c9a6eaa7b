/**
 * @module Threshold presets from the standards (docs/sources.md), each with its source and whether
 * it is verified. A sensor starts from a preset; the thresholds stay editable (they are the design
 * institute's to set). Coal methane sensors have 报警 and 断电 values and a 复电 value; minewatch shows
 * 报警 as 黄色 and 断电 as 红色, clearing both at 复电 (the colour mapping is minewatch's choice, not the
 * 规程's).
 */
import type { OverLimitSpec } from './detectors.ts';

export interface Preset {
  spec: OverLimitSpec;
  source: string;
  verified: boolean;
}

const coalBase = { direction: 'upper' as const, deadband: 0, minDurationMs: 0, minCount: 1 };

function methane(alarm: number, cut: number, restore: number, verified: boolean): Preset {
  return {
    spec: {
      ...coalBase,
      thresholds: { 黄色: alarm, 红色: cut },
      clear: { 黄色: restore, 红色: restore },
    },
    source: '《煤矿安全规程》(2016) 甲烷传感器报警/断电/复电表',
    verified,
  };
}

/** CH4 (%) by sensor location, 《煤矿安全规程》 甲烷传感器表. */
export const methanePresets: Record<string, Preset> = {
  采煤工作面上隅角: methane(1.0, 1.5, 1.0, true),
  采煤工作面: methane(1.0, 1.5, 1.0, true),
  采煤工作面回风巷: methane(1.0, 1.0, 1.0, true),
  突出矿井采煤工作面进风巷: methane(0.5, 0.5, 0.5, true),
  专用排瓦斯巷: methane(2.5, 2.5, 2.5, true),
  采煤机: methane(1.0, 1.5, 1.0, true),
  掘进工作面: methane(1.0, 1.5, 1.0, true),
  掘进工作面回风流: methane(1.0, 1.0, 1.0, true),
  掘进机: methane(1.0, 1.5, 1.0, false),
  采区回风巷: methane(1.0, 1.0, 1.0, false),
};

/** CO ≥ 24 ppm alarm; temperature ≥ 30 °C (《煤矿安全规程》 and AQ 1029, verified as secondary sources). */
export const coPreset: Preset = {
  spec: { ...coalBase, thresholds: { 黄色: 24 }, deadband: 1 },
  source: '《煤矿安全规程》/AQ 1029 (企业制度转引): CO 传感器报警 ≥24 ppm (0.0024%)',
  verified: true,
};
export const temperaturePreset: Preset = {
  spec: { ...coalBase, thresholds: { 黄色: 30 }, deadband: 0.5 },
  source: '《煤矿安全规程》/AQ 1029 (企业制度转引): 工作面/回风顺槽 温度报警 ≥30 °C',
  verified: true,
};

/**
 * 浸润线埋深 (m, smaller is worse): red = the design's minimum 埋深, orange = 1.1 × red
 * (GB 51108-2015 commentary 8.3, VERIFIED); yellow and blue are the design's.
 */
export function phreaticPreset(redDepthM: number): Preset {
  return {
    spec: {
      direction: 'lower',
      thresholds: { 橙色: Math.round(redDepthM * 1.1 * 1000) / 1000, 红色: redDepthM },
      deadband: 0.05,
      minDurationMs: 0,
      minCount: 1,
    },
    source: 'GB 51108-2015 条文说明 8.3: 浸润线 橙色 = 1.1 × 红色',
    verified: true,
  };
}

/** 库区地质滑坡体位移 (mm): orange = 80 % of red (GB 51108-2015 commentary 8.3, VERIFIED). */
export function landslidePreset(redMm: number): Preset {
  return {
    spec: {
      direction: 'upper',
      thresholds: { 橙色: redMm * 0.8, 红色: redMm },
      deadband: 0,
      minDurationMs: 0,
      minCount: 1,
    },
    source: 'GB 51108-2015 条文说明 8.3: 滑坡体位移 橙色 = 80% × 红色',
    verified: true,
  };
}
