/**
 * @module Dynamic analysis of the major-hazard database for a region subtree (seed 004 item 20:
 * 清单管理和动态分析机制; issue 4 §7): open, overdue and closed counts by criterion category, mine kind,
 * source and age; the monthly trend; the slowest rectifications; repeat offenders; and the stock
 * targets of seed 001 item 8. Also as an xlsx workbook.
 */
import type {
  Breakdown,
  HazardAnalysis,
  HazardAnalysisQuery,
} from '../../../shared/hazard-analysis.schemas.ts';
import { Permission } from '../../platform/auth/permissions.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { writeWorkbook } from '../../platform/tabular/write-table.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import * as repo from './analysis.repository.ts';
import { addMonths } from './repeat.rules.ts';
import { evaluateStockTargets } from './stock.targets.ts';

const LIST_LIMIT = 10;

function ageLabel(index: number): string {
  const bounds = repo.ageBuckets;
  const upper = bounds[index];
  const lower = index === 0 ? 0 : (bounds[index - 1] ?? 0) + 1;
  return upper === undefined ? `${lower} 天以上` : `${lower}–${upper} 天`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function breakdown(r: repo.GroupRow, label?: string): Breakdown {
  const key = r.key ?? '';
  return {
    key,
    label: label ?? key,
    total: r.total,
    open: r.open,
    overdue: r.overdue,
    closed: r.closed,
  };
}

function monthsFrom(today: string, months: number): string[] {
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: months }, (_, i) => addMonths(first, i - months + 1).slice(0, 7));
}

export async function hazardAnalysis(
  deps: ServiceDeps,
  principal: Principal,
  q: HazardAnalysisQuery,
): Promise<HazardAnalysis> {
  requirePermission(principal, Permission.HazardRead);
  const today = todayIn(deps.clock);
  const targets = await getSetting(deps.db, 'hazards.stockTargets');
  const months = monthsFrom(today, q.months);
  const f = {
    mineScope: mineScopeCondition(principal.scope),
    regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
  };
  const rows = await repo.groupedCounts(deps.db, f, {
    today,
    monthsFrom: `${months[0] ?? today.slice(0, 7)}-01`,
    closedBy: targets.stockDueOn,
  });
  const of = (dim: repo.Dimension) => rows.filter((r) => r.dim === dim && r.key !== null);
  const largestFirst = (dim: repo.Dimension) =>
    of(dim)
      .sort((x, y) => y.total - x.total || (x.key ?? '').localeCompare(y.key ?? ''))
      .map((r) => breakdown(r));
  const all = rows.find((r) => r.dim === 'all');
  const categories = of('category').sort(
    (x, y) => y.total - x.total || (x.key ?? '').localeCompare(y.key ?? ''),
  );
  const texts = await repo.categoryTexts(
    deps.db,
    categories.map((c) => c.key ?? ''),
  );
  const count = (dim: repo.Dimension, key: string) =>
    of(dim).find((r) => r.key === key)?.total ?? 0;
  const stockYears = of('foundYear').filter(
    (r) => `${r.key ?? ''}-12-31` < targets.stockFoundBefore,
  );
  const sum = (list: repo.GroupRow[], k: 'total' | 'open' | 'closedBy') =>
    list.reduce((n, r) => n + r[k], 0);
  return {
    asOf: today,
    totals: all
      ? breakdown(all, '合计')
      : { key: 'all', label: '合计', total: 0, open: 0, overdue: 0, closed: 0 },
    byCategory: categories.map((r) => ({
      ...breakdown(r, `${r.key ?? ''} ${texts.get(r.key ?? '') ?? ''}`.trim()),
      part: r.part ?? '',
    })),
    byMineKind: largestFirst('kind'),
    bySource: largestFirst('source'),
    byAge: of('age')
      .sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''))
      .map((r) => breakdown(r, ageLabel(Number(r.key)))),
    monthly: months.map((month) => ({
      month,
      found: count('foundMonth', month),
      closed: count('closedMonth', month),
    })),
    slowest: (await repo.oldestOpen(deps.db, f, LIST_LIMIT)).map((h) => ({
      ...h,
      daysOpen: daysBetween(h.foundOn, today),
      daysOverdue: h.deadline && h.deadline < today ? daysBetween(h.deadline, today) : 0,
    })),
    repeatOffenders: await repo.repeatOffenders(deps.db, f, LIST_LIMIT),
    stockTargets: evaluateStockTargets(
      targets,
      {
        stock: sum(stockYears, 'total'),
        stockOpen: sum(stockYears, 'open'),
        stockClosedByDue: sum(stockYears, 'closedBy'),
        foundInYear: count('foundYear', String(targets.incrementYear)),
        foundInPreviousYear: count('foundYear', String(targets.incrementYear - 1)),
        overdue: all?.overdue ?? 0,
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
