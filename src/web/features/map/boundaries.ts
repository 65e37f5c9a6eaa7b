/**
 * The county boundaries a map needs, loaded on demand: one chunk per province file in
 * src/shared/boundaries (its SOURCE.md says where they come from), never in the initial script and never
 * from a tile server (regulators' networks are often closed).
 */
import {
  countiesOf,
  provinceOf,
  type CountyCollection,
  type CountyFeature,
} from '../../../shared/geo.ts';

const provinces = import.meta.glob<CountyCollection>('../../../shared/boundaries/*.json', {
  import: 'default',
});

/** The counties of a region (a province's, a city's or one county), or none when no file holds them. */
export async function loadCounties(region: string): Promise<CountyFeature[]> {
  const load = provinces[`../../../shared/boundaries/${provinceOf(region)}.json`];
  return load ? countiesOf(await load(), region) : [];
}
