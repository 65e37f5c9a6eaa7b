/**
 * @module Where the demo's mines lie: a point inside each one's county (the committed boundaries of
 * 山西, src/shared/boundaries/140000.json), from two numbers the seed's generator drew.
 */
import shanxi from '../../shared/boundaries/140000.json' with { type: 'json' };
import { placeInside, type CountyCollection } from '../../shared/geo.ts';

const counties = new Map(
  (shanxi as CountyCollection).features.map((f) => [f.properties.adcode, f] as const),
);

/** A mine's coordinates inside its demo county, the same for the same `u`, `v` in [0, 1). */
export function demoPlace(county: string, u: number, v: number) {
  const feature = counties.get(county);
  if (!feature) {
    throw new Error(`no boundary for demo county ${county}`);
  }
  const [longitude, latitude] = placeInside(feature, u, v);
  return { longitude, latitude };
}
