/**
 * @module County boundaries (src/shared/boundaries/<province>.json, see its SOURCE.md) and the plane
 * geometry the map and the demo seed need: which features a region shows, bounding boxes, whether a
 * point lies inside, and China's coordinate range (the mine form's and the API's check).
 */

/** One ring of longitude/latitude pairs, closed. */
export type Ring = [number, number][];

/** A county's boundary, keyed by its GB/T 2260 code. */
export interface CountyFeature {
  type: 'Feature';
  properties: { adcode: string; name: string };
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface CountyCollection {
  type: 'FeatureCollection';
  features: CountyFeature[];
}

/** [west, south, east, north]. */
export type BBox = [number, number, number, number];

/** China's extent, for checking coordinates typed by hand (the schemas in registry.schemas.ts use it). */
export const CHINA_RANGE = { lonMin: 73, lonMax: 136, latMin: 3, latMax: 54 } as const;

/** The province whose boundary file holds a region (its code's first two digits + 0000). */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** The GB/T 2260 prefix of a region's subtree: 2 digits for a province, 4 for a city, 6 for a county. */
export function regionPrefix(code: string): string {
  return code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
}

/** The counties of a region (all when it is a province), in code order. */
export function countiesOf(collection: CountyCollection, region: string): CountyFeature[] {
  const prefix = regionPrefix(region);
  return collection.features.filter((f) => f.properties.adcode.startsWith(prefix));
}

/** The box around some features, or undefined for none. */
export function bboxOf(features: CountyFeature[]): BBox | undefined {
  let box: BBox | undefined;
  for (const f of features) {
    for (const polygon of f.geometry.coordinates) {
      for (const [x, y] of polygon[0] ?? []) {
        box = box
          ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)]
          : [x, y, x, y];
      }
    }
  }
  return box;
}

/** Even–odd test of a point against one ring. */
function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** Whether a point lies inside a county (inside an outer ring and outside that polygon's holes). */
export function containsPoint(feature: CountyFeature, lon: number, lat: number): boolean {
  return feature.geometry.coordinates.some(
    ([outer, ...holes]) =>
      outer !== undefined && inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)),
  );
}

/**
 * A point inside a county from two numbers in [0, 1), the same point for the same numbers: the pair
 * scaled into the county's box, stepped along a low-discrepancy sequence until it falls inside (the
 * box's centre as a last resort, after 64 tries). Rounded to 5 decimals (about a metre).
 */
export function placeInside(feature: CountyFeature, u: number, v: number): [number, number] {
  const box = bboxOf([feature]);
  if (!box) {
    throw new Error(`county ${feature.properties.adcode} has no boundary`);
  }
  const [w, s, e, n] = box;
  const round = (value: number) => Number(value.toFixed(5));
  for (let i = 0; i < 64; i++) {
    const x = w + ((u + i * 0.6180339887) % 1) * (e - w);
    const y = s + ((v + i * 0.7548776662) % 1) * (n - s);
    if (containsPoint(feature, x, y)) {
      return [round(x), round(y)];
    }
  }
  return [round((w + e) / 2), round((s + n) / 2)];
}
