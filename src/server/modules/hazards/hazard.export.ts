/**
 * @module The hazard ledger's export: the rows the list's filters select, with Chinese headers and
 * names (county, criterion, state), through platform/tabular like every other list.
 */
import type { HazardListQuery, HazardResponse } from '../../../shared/hazard.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { writeTable, type ExportColumn } from '../../platform/tabular/write-table.ts';
import { allHazards } from './hazard.service.ts';

const columns: ExportColumn<HazardResponse>[] = [
  { header: '发现日期', value: (h) => h.foundOn },
  { header: '矿山', value: (h) => h.mineName },
  { header: '县区', value: (h) => h.countyName },
  { header: '判定条款', value: (h) => `${h.criterion.code} ${h.criterion.text}` },
  { header: '判定标准', value: (h) => h.criterion.standard },
  { header: '隐患描述', value: (h) => h.description },
  { header: '位置', value: (h) => h.location },
  { header: '来源', value: (h) => h.source },
  { header: '发现人', value: (h) => h.foundBy },
  { header: '状态', value: (h) => h.state },
  { header: '挂牌督办', value: (h) => h.supervised },
  { header: '责任人', value: (h) => h.responsiblePerson },
  { header: '治理措施', value: (h) => h.measures },
  { header: '治理资金(元)', value: (h) => h.fundsYuan },
  { header: '治理期限', value: (h) => h.deadline },
  { header: '逾期', value: (h) => h.overdue },
  { header: '屡改屡犯', value: (h) => h.repeatOf !== null },
  { header: '销号时间', value: (h) => h.closedAt },
];

/** The filtered hazard ledger as a CSV or xlsx file. */
export async function exportHazards(
  deps: ServiceDeps,
  principal: Principal,
  q: Omit<HazardListQuery, 'limit' | 'cursor'>,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  return writeTable(await allHazards(deps, principal, q), columns, format, '重大事故隐患');
}
