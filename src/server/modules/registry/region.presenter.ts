/**
 * @module Row → API shape for regions.
 */
import type { RegionResponse } from '../../../shared/registry.schemas.ts';
import type { RegionRow } from './region.repository.ts';

/** The API shape of a region. */
export function presentRegion(r: RegionRow): RegionResponse {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode };
}
