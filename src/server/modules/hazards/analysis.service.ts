/**
 * @module Dynamic analysis of the major-hazard database for a region subtree (《2024年矿山安全生产工作要点》
 * 第20条: 清单管理和动态分析机制; issue 4 §7): open, overdue and closed counts by criterion category, mine kind,
 * source and age; the monthly trend; the slowest rectifications; repeat offenders; and the stock
 * targets of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条. Also as an xlsx workbook.
 */
import type {
  Breakdown,
  HazardAnalysis,
  HazardAnalysisQuery,
} from '../../../shared/hazard-analysis.schemas.ts';
import { ownRegion, subtreePrefix, type Principal, type Scope } from '../../platform/auth/scope.ts';
import { todayIn, addMonths } from '../../../shared/dates.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { writeWorkbook } from '../../platform/tabular/write-table.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import * as repo from './analysis.repository.ts';
import * as hazardRepo from './hazard.repository.ts';
import type { HazardFilter } from './hazard.repository.ts';
import { presentSlowHazard } from './hazard.presenter.ts';
import { evaluateStockTargets } from './stock.targets.ts';
import { hazardsSettings } from './hazards.settings.ts';
import { HazardPermission } from './hazards.permissions.ts';

const LIST_LIMIT = 10;

function ageLabel(index: number): string {
  const bounds = repo.ageBuckets;
  const upper = bounds[index];
  const lower = index === 0 ? 0 : (bounds[index - 1] ?? 0) + 1;
  return upper === undefined ? `${lower} 天以上` : `${lower}–${upper} 天`;
}

function monthsFrom(today: string, months: number): string[] {
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: months }, (_, i) => addMonths(first, i - months + 1).slice(0, 7));
}

/**
 * Where the closed history of the caller's hazards under `asked` comes from: the rollup of the counties
 * under the returned prefix ('' = every county) when the caller sees whole counties; `null` when the
 * region asked for lies outside the caller's (nothing to count); `undefined` when the caller sees an
 * enterprise's or some mines' hazards only (counted live).
 */
function rollupPrefix(scope: Scope, asked: string | undefined): string | null | undefined {
  if (scope.kind !== 'all' && scope.kind !== 'region') {
    return undefined;
  }
  const own = scope.kind === 'region' ? scope.prefix : '';
  const wanted = asked ?? '';
  if (wanted.startsWith(own)) {
    return wanted;
  }
  return own.startsWith(wanted) ? own : null;
}

/**
 * The open working set (live) and the closed history of the hazards the caller may see under a
 * region: from the rollup for whole counties, live for an enterprise's or a mine's own.
 */
export async function hazardFigures(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
  p: { today: string; monthsFrom: string },
) {
  const regionPrefix = q.region ? subtreePrefix(q.region) : undefined;
  const f = { mineScope: mineScopeCondition(principal.scope), regionPrefix };
  const open = await repo.openGroupedCounts(deps.db, f, p);
  const prefix = rollupPrefix(principal.scope, regionPrefix);
  const closed =
    prefix === undefined
      ? await repo.closedStatsLive(deps.db, f)
      : prefix === null
        ? []
        : await repo.closedStatsFromRollup(deps.db, prefix);
  return { f, open, closed };
}

/**
 * How many closed hazards match a list's filter: from the rollup when the caller sees whole counties
 * and the filter is by region and source only; counted live otherwise.
 */
export async function closedCount(
  deps: ServiceDeps,
  principal: Principal,
  q: {
    mineId?: string | undefined;
    supervised?: boolean | undefined;
    source?: string[] | undefined;
    q?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
  f: HazardFilter,
): Promise<number> {
  const prefix = rollupPrefix(principal.scope, f.regionPrefix);
  // The rollup knows counties and sources, not single mines, 挂牌督办, texts or dates.
  if (prefix === undefined || q.mineId || q.supervised !== undefined || q.q || q.from || q.to) {
    return hazardRepo.countHazards(deps.db, f, hazardRepo.isClosed);
  }
  if (prefix === null) {
    return 0;
  }
  return (await repo.closedStatsFromRollup(deps.db, prefix))
    .filter((r) => r.dim === 'source' && (!q.source || q.source.includes(r.key)))
    .reduce((n, r) => n + r.closed, 0);
}

type Figures = Awaited<ReturnType<typeof hazardFigures>>;

/** Open (live) and closed (history) counts merged along one dimension, largest first. */
export function merged(
  fig: Figures,
  dim: 'kind' | 'source' | 'category',
  label: (key: string) => string = (k) => k,
): (Breakdown & { part: string })[] {
  const byKey = new Map<string, Breakdown & { part: string }>();
  const entry = (key: string, part: string) => {
    const id = `${part}|${key}`;
    const found = byKey.get(id);
    if (found) {
      return found;
    }
    const fresh = { key, label: label(key), part, total: 0, open: 0, overdue: 0, closed: 0 };
    byKey.set(id, fresh);
    return fresh;
  };
  for (const r of fig.open) {
    if (r.dim === dim && r.key !== null) {
      const e = entry(r.key, dim === 'category' ? (r.part ?? '') : '');
      e.open += r.open;
      e.overdue += r.overdue;
      e.total += r.open;
    }
  }
  for (const r of fig.closed) {
    if (r.dim === dim) {
      const e = entry(r.key, dim === 'category' ? r.part : '');
      e.closed += r.closed;
      e.total += r.closed;
    }
  }
  return [...byKey.values()].sort(
    (x, y) => y.total - x.total || x.key.localeCompare(y.key) || x.part.localeCompare(y.part),
  );
}

const withoutPart = ({ part: _p, ...b }: Breakdown & { part: string }): Breakdown => b;

function openCount(fig: Figures, dim: repo.OpenDimension, key: string | null) {
  return fig.open.find((r) => r.dim === dim && r.key === key);
}

function closedSum(fig: Figures, dim: repo.ClosedDimension, match: (key: string) => boolean) {
  return fig.closed.filter((r) => r.dim === dim && match(r.key)).reduce((n, r) => n + r.closed, 0);
}

/** Totals of the figures: open, overdue and supervised live, closed from the history. */
export function totalsOf(fig: Figures): Breakdown & { supervised: number } {
  const all = openCount(fig, 'all', null);
  const closed = closedSum(fig, 'kind', () => true);
  const open = all?.open ?? 0;
  return {
    key: 'all',
    label: '合计',
    total: open + closed,
    open,
    overdue: all?.overdue ?? 0,
    closed,
    supervised: all?.supervised ?? 0,
  };
}

/**
 * Whether the stock targets (set for `region`) apply to the analysis: the region analysed — the one asked
 * for, else the regulator's own — lies inside it. A national or enterprise view with no region asked for
 * is not 原平's.
 */
function stockTargetsApply(principal: Principal, q: HazardAnalysisQuery, region: string): boolean {
  const analysed = q.region ?? ownRegion(principal.scope);
  return analysed !== undefined && analysed.startsWith(subtreePrefix(region));
}

export async function hazardAnalysis(
  deps: ServiceDeps,
  principal: Principal,
  q: HazardAnalysisQuery,
): Promise<HazardAnalysis> {
  requirePermission(principal, HazardPermission.Read);
  const today = todayIn(deps.clock);
  const targets = await getSetting(deps.db, hazardsSettings.stockTargets);
  const months = monthsFrom(today, q.months);
  const fig = await hazardFigures(deps, principal, q, {
    today,
    monthsFrom: `${months[0] ?? today.slice(0, 7)}-01`,
  });
  const { supervised: _s, ...totals } = totalsOf(fig);
  const categories = merged(fig, 'category');
  const texts = await repo.categoryTexts(
    deps.db,
    categories.map((c) => c.key),
  );
  const ages = fig.open
    .filter((r) => r.dim === 'age' && r.key !== null)
    .sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  // Hazards found before the stock date, by year; closed ones counted by closing month.
  const stockYears = (key: string) => `${key.slice(0, 4)}-12-31` < targets.stockFoundBefore;
  const stockOpen = fig.open
    .filter((r) => r.dim === 'foundYear' && stockYears(r.key ?? ''))
    .reduce((n, r) => n + r.open, 0);
  const stockClosed = closedSum(fig, 'foundYearClosedMonth', stockYears);
  const stockClosedByDue = closedSum(
    fig,
    'foundYearClosedMonth',
    (k) => stockYears(k) && k.slice(5) <= targets.stockDueOn.slice(0, 7),
  );
  const foundIn = (year: number) =>
    (openCount(fig, 'foundYear', String(year))?.open ?? 0) +
    closedSum(fig, 'foundYearClosedMonth', (k) => k.startsWith(`${year}|`));
  return {
    asOf: today,
    totals,
    byCategory: categories.map((c) => ({
      ...c,
      label: `${c.key} ${texts.get(c.key) ?? ''}`.trim(),
    })),
    byMineKind: merged(fig, 'kind').map(withoutPart),
    bySource: merged(fig, 'source').map(withoutPart),
    byAge: ages.map((r) => ({
      key: r.key ?? '',
      label: ageLabel(Number(r.key)),
      total: r.open,
      open: r.open,
      overdue: r.overdue,
      closed: 0,
    })),
    monthly: months.map((month) => ({
      month,
      found:
        (openCount(fig, 'foundMonth', month)?.open ?? 0) +
        closedSum(fig, 'foundMonth', (k) => k === month),
      closed: closedSum(fig, 'closedMonth', (k) => k === month),
    })),
    slowest: (await repo.oldestOpen(deps.db, fig.f, LIST_LIMIT)).map((h) =>
      presentSlowHazard(h, today),
    ),
    repeatOffenders: await repo.repeatOffenders(deps.db, fig.f, LIST_LIMIT),
    // 原平's targets (第8条): only for an analysis of 原平 or a region inside it.
    stockTargets: !stockTargetsApply(principal, q, targets.region)
      ? []
      : evaluateStockTargets(
          targets,
          {
            stock: stockOpen + stockClosed,
            stockOpen,
            stockClosedByDue,
            foundInYear: foundIn(targets.incrementYear),
            foundInPreviousYear: foundIn(targets.incrementYear - 1),
            overdue: totals.overdue,
          },
          today,
        ),
  };
}

const breakdownColumns = (first: string) => [
  { header: first, value: (b: Breakdown) => b.label },
  { header: '合计', value: (b: Breakdown) => b.total },
  { header: '未销号', value: (b: Breakdown) => b.open },
  { header: '逾期', value: (b: Breakdown) => b.overdue },
  { header: '已销号', value: (b: Breakdown) => b.closed },
];

/** The analysis as an xlsx workbook, one sheet per breakdown. */
export async function hazardAnalysisWorkbook(
  deps: ServiceDeps,
  principal: Principal,
  q: HazardAnalysisQuery,
): Promise<Buffer> {
  const a = await hazardAnalysis(deps, principal, q);
  type Slow = HazardAnalysis['slowest'][number];
  type Repeat = HazardAnalysis['repeatOffenders'][number];
  type Month = HazardAnalysis['monthly'][number];
  type Target = HazardAnalysis['stockTargets'][number];
  return writeWorkbook([
    { name: '总体', columns: breakdownColumns(`截至 ${a.asOf}`), items: [a.totals] },
    { name: '按条款大类', columns: breakdownColumns('条款大类'), items: a.byCategory },
    { name: '按矿山类型', columns: breakdownColumns('矿山类型'), items: a.byMineKind },
    { name: '按来源', columns: breakdownColumns('来源'), items: a.bySource },
    { name: '未销号隐患时长', columns: breakdownColumns('发现至今'), items: a.byAge },
    {
      name: '月度趋势',
      columns: [
        { header: '月份', value: (m: Month) => m.month },
        { header: '新发现', value: (m: Month) => m.found },
        { header: '销号', value: (m: Month) => m.closed },
      ],
      items: a.monthly,
    },
    {
      name: '整改进展缓慢',
      columns: [
        { header: '矿山', value: (h: Slow) => h.mineName },
        { header: '区县', value: (h: Slow) => h.countyName },
        { header: '条款', value: (h: Slow) => h.criterionCode },
        { header: '状态', value: (h: Slow) => h.state },
        { header: '发现日期', value: (h: Slow) => h.foundOn },
        { header: '治理时限', value: (h: Slow) => h.deadline },
        { header: '未销号天数', value: (h: Slow) => h.daysOpen },
        { header: '逾期天数', value: (h: Slow) => h.daysOverdue },
        { header: '挂牌督办', value: (h: Slow) => h.supervised },
      ],
      items: a.slowest,
    },
    {
      name: '屡改屡犯',
      columns: [
        { header: '矿山', value: (m: Repeat) => m.mineName },
        { header: '区县', value: (m: Repeat) => m.countyName },
        { header: '屡改屡犯次数', value: (m: Repeat) => m.repeats },
        { header: '隐患总数', value: (m: Repeat) => m.hazards },
        { header: '未销号', value: (m: Repeat) => m.open },
      ],
      items: a.repeatOffenders,
    },
    {
      name: '存量增量目标',
      columns: [
        { header: '目标', value: (t: Target) => t.label },
        { header: '时限', value: (t: Target) => t.dueOn },
        { header: '状态', value: (t: Target) => t.status },
        { header: '说明', value: (t: Target) => t.explanation },
        { header: '依据', value: (t: Target) => t.source },
      ],
      items: a.stockTargets,
    },
  ]);
}
