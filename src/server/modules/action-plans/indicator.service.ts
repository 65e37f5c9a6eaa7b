/**
 * @module The 攻坚清单's indicators evaluated from live data (issue 8 §2): an indicator's figure for the
 * mines in a scope on a date, all of them, and the mines that hold one back. The caller has checked
 * who may see the mines in the scope.
 */
import type {
  HoldingBackResponse,
  IndicatorResponse,
} from '../../../shared/action-plans.schemas.ts';
import { indicatorKeys, type IndicatorKey } from '../../../shared/targets.settings.ts';
import type { Db } from '../../platform/db/client.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { actionPlansSettings } from './action-plans.settings.ts';
import {
  holdingBackRows,
  sumIndicator,
  type IndicatorRules,
  type IndicatorScope,
} from './indicator.repository.ts';
import { indicatorValue } from './indicator.rules.ts';

export type { IndicatorScope } from './indicator.repository.ts';

/** One indicator for the mines matching the scope on the date. */
export async function evaluateIndicator(
  db: Db,
  key: IndicatorKey,
  s: IndicatorScope,
): Promise<IndicatorResponse> {
  const { n, d } = await sumIndicator(db, key, s, await rulesOf(db));
  return indicatorValue(key, n, d);
}

/** The indicators' editable definitions in force (read on `db`, the caller's connection). */
async function rulesOf(db: Db): Promise<IndicatorRules> {
  return { monitoring: await getSetting(db, actionPlansSettings.monitoringRequirements) };
}

/** Every indicator for the mines matching the scope on the date. */
export async function evaluateIndicators(db: Db, s: IndicatorScope): Promise<IndicatorResponse[]> {
  const out: IndicatorResponse[] = [];
  for (const key of indicatorKeys) {
    out.push(await evaluateIndicator(db, key, s));
  }
  return out;
}

/** The mines that hold an indicator back on the date, worst first (at most `limit`). */
export async function holdingBack(
  db: Db,
  key: IndicatorKey,
  s: IndicatorScope,
  limit = 500,
): Promise<HoldingBackResponse[]> {
  return holdingBackRows(db, key, s, await rulesOf(db), limit);
}
