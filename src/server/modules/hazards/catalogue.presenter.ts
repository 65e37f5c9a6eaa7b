/**
 * @module Row → API shape for the criteria catalogue: standard versions and their items.
 */
import type { z } from 'zod';
import type { CriterionResponse, HazardStandardResponse } from '../../../shared/hazard.schemas.ts';
import type { CriterionRow, StandardRow } from './catalogue.repository.ts';

/** A standard version with how many items it has. */
export function presentStandard(
  s: Pick<StandardRow, 'id' | 'code' | 'title' | 'version' | 'effectiveOn' | 'source'>,
  items: number,
): z.infer<typeof HazardStandardResponse> {
  return {
    id: s.id,
    code: s.code,
    title: s.title,
    version: s.version,
    effectiveOn: s.effectiveOn,
    source: s.source,
    items,
  };
}

/** One item (criterion) of a standard version. */
export function presentCriterion(c: CriterionRow): z.infer<typeof CriterionResponse> {
  return {
    id: c.id,
    code: c.code,
    parentCode: c.parentCode,
    part: c.part,
    text: c.text,
    applicableKinds: c.applicableKinds,
    verified: c.verified,
  };
}
