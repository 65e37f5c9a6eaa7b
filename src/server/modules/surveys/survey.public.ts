/**
 * @module The public list of disaster grades (no login): 要点第10条 "重新确定灾害等级, 并在政务网站公示". Only
 * grades a passed review set are shown, per region; nothing of surveys awaiting review or returned, no
 * ids, no factors.
 */
import type { PublicGradeResponse } from '../../../shared/surveys.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import * as repo from './survey.repository.ts';

export async function publicGrades(
  deps: ServiceDeps,
  region: string,
): Promise<PublicGradeResponse> {
  const r = await repo.findRegion(deps.db, region);
  if (!r) {
    throw invalidField('region', '行政区划不存在', region);
  }
  const rows = await repo.publishedGrades(deps.db, region);
  return {
    regionName: r.name,
    mines: rows
      .sort(
        (a, b) =>
          a.countyCode.localeCompare(b.countyCode) || a.mineName.localeCompare(b.mineName, 'zh'),
      )
      .map((m) => ({
        mineName: m.mineName,
        enterpriseName: m.enterpriseName,
        countyName: m.countyName,
        grade: m.grade,
        surveyedOn: m.surveyedOn,
        reviewedOn: m.reviewedOn,
      })),
  };
}
