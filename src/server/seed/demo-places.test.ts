/**
 * The committed county boundaries and the geometry over them (shared/geo.ts), and the demo mines'
 * places inside their counties.
 */
import { describe, expect, it } from 'vitest';
import shanxi from '../../shared/boundaries/140000.json' with { type: 'json' };
import {
  bboxOf,
  containsPoint,
  countiesOf,
  placeInside,
  provinceOf,
  type CountyCollection,
  type CountyFeature,
} from '../../shared/geo.ts';
import { DEMO_COUNTIES } from './demo-province.ts';
import { demoPlace } from './demo-places.ts';

const collection = shanxi as CountyCollection;
const county = (code: string): CountyFeature => {
  const f = collection.features.find((x) => x.properties.adcode === code);
  if (!f) {
    throw new Error(`no ${code}`);
  }
  return f;
};

describe('county boundaries', () => {
  it('hold every demo county, keyed by its GB/T 2260 code', () => {
    const codes = Object.values(DEMO_COUNTIES).flatMap((c) => Object.keys(c));
    expect(codes).toHaveLength(12);
    for (const code of codes) {
      expect(county(code).geometry.coordinates.length).toBeGreaterThan(0);
    }
    expect(county('140981').properties.name).toBe('原平市');
  });

  it('select a region’s counties by its code’s prefix', () => {
    expect(countiesOf(collection, '140000')).toHaveLength(collection.features.length);
    const xinzhou = countiesOf(collection, '140900').map((f) => f.properties.adcode);
    expect(xinzhou).toContain('140981');
    expect(xinzhou.every((c) => c.startsWith('1409'))).toBe(true);
    expect(countiesOf(collection, '140981').map((f) => f.properties.name)).toEqual(['原平市']);
    expect(provinceOf('140981')).toBe('140000');
  });

  it('tell a point inside a county from one outside it', () => {
    const yuanping = county('140981');
    const [w, s, e, n] = bboxOf([yuanping]) ?? [0, 0, 0, 0];
    expect(w).toBeGreaterThan(112);
    expect(e).toBeLessThan(114);
    expect(s).toBeGreaterThan(38);
    expect(n).toBeLessThan(40);
    expect(containsPoint(yuanping, 112.71, 38.73)).toBe(true); // 原平 town
    expect(containsPoint(yuanping, 112.55, 37.87)).toBe(false); // 太原
    expect(containsPoint(county('141029'), 112.71, 38.73)).toBe(false);
  });

  it('place a point inside the county, the same one for the same numbers', () => {
    for (const code of ['140981', '141029', '140181', '140226']) {
      const f = county(code);
      for (const [u, v] of [
        [0, 0],
        [0.01, 0.99],
        [0.5, 0.5],
        [0.97, 0.03],
      ] as const) {
        const [lon, lat] = placeInside(f, u, v);
        expect(containsPoint(f, lon, lat)).toBe(true);
        expect(placeInside(f, u, v)).toEqual([lon, lat]);
      }
    }
  });

  it('put every demo mine inside its own county', () => {
    for (const code of Object.values(DEMO_COUNTIES).flatMap((c) => Object.keys(c))) {
      for (let i = 0; i < 20; i++) {
        const { longitude, latitude } = demoPlace(code, (i * 0.37) % 1, (i * 0.71) % 1);
        expect(containsPoint(county(code), longitude, latitude)).toBe(true);
      }
    }
    expect(() => demoPlace('540102', 0.5, 0.5)).toThrow(/no boundary/);
  });
});
