/**
 * @module The figures of a periodic report (issue 8 §5), gathered once when the report is made and
 * archived with it: the indicators at the period's end with their targets and trend, the plans'
 * tasks, hazards and enforcement in the period, and the ranking of the regions below by risk.
 */
import type { PeriodicReportData } from '../../../shared/action-plans.schemas.ts';
import {
  monthEnds,
  trendPoints,
  type Period,
  type PeriodicReportKind,
} from '../../../shared/periodic-report.periods.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { systemPrincipal } from '../access/principal.ts';
import { evaluateIndicator } from './indicator.service.ts';
import {
  hazardAndEnforcement,
  NATIONAL,
  regionMines,
  regionName,
  taskFigures,
} from './periodic-report.repository.ts';
import { regionalRisk } from './regional-risk.service.ts';
import { BASELINE_YEAR, indicatorsWithTargets } from './targets.service.ts';

/** The indicators drawn as trend lines in reports. */
const trendKeys = [
  'standardization2Plus',
  'largeMediumShare',
  'monitoringCoverage',
  'hazardStockCleared',
] as const;

/** Gathers a report's figures for a region (checked by the caller) and period. */
export async function buildReportData(
  deps: ServiceDeps,
  kind: PeriodicReportKind,
  region: string,
  period: Period,
): Promise<PeriodicReportData> {
  const where = regionMines(region);
  const name = await regionName(deps.db, region);
  const s = { scope: where, date: period.end, baselineYear: BASELINE_YEAR };
  const long = kind === '年度总结' || kind === '三年评估';
  const dates = long ? trendPoints(period, 12) : monthEnds(period.end, 6);
  const series: PeriodicReportData['trend']['series'] = [];
  for (const key of trendKeys) {
    const values: (number | null)[] = [];
    let label: string = key;
    for (const date of dates) {
      const v = await evaluateIndicator(deps.db, key, { ...s, date });
      values.push(v.value);
      label = v.name;
    }
    series.push({ key, name: label, values });
  }
  const risk = await regionalRisk(deps, systemPrincipal('report'), {
    region: region === NATIONAL ? undefined : region,
  });
  return {
    kind,
    title: `${name}矿山安全治本攻坚${kind}（${period.start} 至 ${period.end}）`,
    region: { code: region, name },
    period,
    generatedAt: deps.clock().toISOString(),
    indicators: await indicatorsWithTargets(deps.db, s, region === NATIONAL ? undefined : region),
    trend: { dates, series },
    tasks: await taskFigures(deps.db, region, period),
    ...(await hazardAndEnforcement(deps.db, where, period)),
    regionalRisk: {
      formula: risk.formula,
      regions: risk.regions.map((r) => ({
        rank: r.rank,
        regionName: r.regionName,
        coefficient: r.coefficient,
        level: r.level,
        mines: r.mines,
      })),
    },
  };
}
