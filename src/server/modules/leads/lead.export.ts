/**
 * @module Exports of leads with their evidence attached (issue 6 §3): the list (a 线索 sheet and an
 * 证据 sheet of every breach; CSV carries the evidence as text), and one lead's workbook adding the
 * series around its window with the baseline and threshold beside each value.
 */
import { LeadRule, seriesFactorOf, type Factor } from '../../../shared/leads.enums.ts';
import type { LeadListQuery } from '../../../shared/leads.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import {
  writeTable,
  writeWorkbook,
  type ExportColumn,
} from '../../platform/tabular/write-table.ts';
import type { StoredBreach } from './lead.detect.ts';
import type { PresentedLead } from './lead.presenter.ts';
import { allLeads, getLead } from './lead.service.ts';
import { DAY_MS, shanghaiDate } from '../../../shared/dates.ts';
import { readMineSeries } from './series.service.ts';

type LeadWithEvidence = PresentedLead & { breaches: StoredBreach[] };
/** A lead numbered in its file (序号 links the 证据 sheet to the 线索 sheet without internal ids). */
type NumberedLead = LeadWithEvidence & { seq: number };
const numbered = (ls: LeadWithEvidence[]): NumberedLead[] =>
  ls.map((l, i) => ({ ...l, seq: i + 1 }));

const describe = (b: StoredBreach) =>
  `${b.factor}${b.area ? `(${b.area})` : ''} ${b.from}~${b.to} 峰值 ${b.peak} 阈值 ${b.threshold}${b.baseline === null ? '' : ` 基线 ${b.baseline}`}`;

const leadColumns: ExportColumn<NumberedLead>[] = [
  { header: '序号', value: (l) => l.seq },
  { header: '矿山', value: (l) => l.mineName },
  { header: '县区', value: (l) => l.countyName },
  { header: '矿山状态', value: (l) => l.mineStatus },
  { header: '规则', value: (l) => l.rule },
  { header: '状态', value: (l) => l.status },
  { header: '评分', value: (l) => l.score },
  { header: '起始', value: (l) => l.windowStart },
  { header: '截止', value: (l) => l.windowEnd },
  { header: '摘要', value: (l) => l.summary },
  { header: '判定条款', value: (l) => l.criterionCode },
  { header: '重大隐患候选', value: (l) => l.majorHazard },
  { header: '核查人', value: (l) => l.assigneeName },
  { header: '核查结果', value: (l) => l.verification },
  { header: '办结说明', value: (l) => l.closeNote ?? l.inspectionRef },
  { header: '发现时间', value: (l) => l.detectedAt },
  { header: '证据', value: (l) => l.breaches.map(describe).join('; ') },
];

type BreachRow = StoredBreach & { seq: number; mineName: string; rule: string };
const breachColumns: ExportColumn<BreachRow>[] = [
  { header: '线索序号', value: (b) => b.seq },
  { header: '矿山', value: (b) => b.mineName },
  { header: '规则', value: (b) => b.rule },
  { header: '因素', value: (b) => b.factor },
  { header: '区域', value: (b) => b.area },
  { header: '起始', value: (b) => b.from },
  { header: '截止', value: (b) => b.to },
  { header: '峰值', value: (b) => b.peak },
  { header: '阈值', value: (b) => b.threshold },
  { header: '基线', value: (b) => b.baseline },
];

const breachRows = (ls: NumberedLead[]): BreachRow[] =>
  ls.flatMap((l) =>
    l.breaches.map((b) => ({ ...b, seq: l.seq, mineName: l.mineName, rule: l.rule })),
  );

export async function exportLeads(
  deps: ServiceDeps,
  principal: Principal,
  q: LeadListQuery,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  const items = numbered(await allLeads(deps, principal, q));
  if (format === 'csv') {
    return writeTable(items, leadColumns, 'csv', '线索');
  }
  return writeWorkbook([
    { name: '线索', columns: leadColumns, items },
    { name: '证据', columns: breachColumns, items: breachRows(items) },
  ]);
}

/** The factors whose series explain a lead (the breached ones plus the comparison trio). */
function factorsOf(lead: LeadWithEvidence): Factor[] {
  const named = lead.breaches.map((b) => seriesFactorOf(b.factor) as Factor);
  return [...new Set<Factor>(['用电量', '井下人数', '产量', ...named])];
}

/** One lead's workbook (the lead, its breaches, and the series around the window) and its file name. */
export async function exportLead(deps: ServiceDeps, principal: Principal, id: string) {
  const lead = await getLead(deps, principal, id);
  const spanDays = (Date.parse(lead.windowEnd) - Date.parse(lead.windowStart)) / DAY_MS;
  // 停产迎检 compares day values (its baseline and threshold are per day), with its baseline's weeks before.
  const byDay = lead.rule === LeadRule.InspectionDodge;
  const granularity = byDay || spanDays > 20 ? 'day' : 'hour';
  const before = byDay ? 21 : granularity === 'day' ? 30 : 3;
  const from = new Date(Date.parse(lead.windowStart) - before * DAY_MS);
  const to = new Date(
    Math.min(Date.parse(lead.windowEnd) + 3 * DAY_MS, from.getTime() + 92 * DAY_MS),
  );
  const series = await readMineSeries(deps, principal, lead.mineId, {
    from: from.toISOString(),
    to: to.toISOString(),
    factors: factorsOf(lead),
    granularity,
    areas: 'true',
  });
  type Point = { factor: string; area: string; unit: string; t: string; v: number };
  const points: Point[] = series.series.flatMap((s) =>
    s.points.map(([t, v]) => ({ factor: s.factor, area: s.area, unit: s.unit, t, v })),
  );
  const breachAt = (p: Point) =>
    lead.breaches.find(
      (b) => b.factor === p.factor && (b.area ?? '') === p.area && b.from <= p.t && p.t < b.to,
    );
  const pointColumns: ExportColumn<Point>[] = [
    { header: '因素', value: (p) => p.factor },
    { header: '区域', value: (p) => p.area },
    { header: '时段', value: (p) => p.t },
    { header: '数值', value: (p) => p.v },
    { header: '单位', value: (p) => p.unit },
    { header: '基线', value: (p) => breachAt(p)?.baseline ?? null },
    { header: '阈值', value: (p) => breachAt(p)?.threshold ?? null },
    { header: '越限', value: (p) => breachAt(p) !== undefined },
  ];
  const data = await writeWorkbook([
    { name: '线索', columns: leadColumns, items: numbered([lead]) },
    { name: '证据', columns: breachColumns, items: breachRows(numbered([lead])) },
    { name: `序列(${granularity === 'day' ? '日' : '时'})`, columns: pointColumns, items: points },
  ]);
  // Named by the mine and the window's start, never by an internal id.
  return { data, name: `线索-${lead.mineName}-${shanghaiDate(Date.parse(lead.windowStart))}` };
}
