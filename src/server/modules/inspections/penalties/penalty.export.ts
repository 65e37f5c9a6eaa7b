/**
 * @module The penalty list's export: the penalties the list's filters select, with Chinese headers and
 * the county's name, through platform/tabular like every other list.
 */
import { ExportRowsMax } from '../../../../shared/common.schemas.ts';
import type { PenaltyListQuery, PenaltyResponse } from '../../../../shared/inspections.schemas.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { writeTable, type ExportColumn } from '../../../platform/tabular/write-table.ts';
import { listPenalties } from './penalty.service.ts';

const columns: ExportColumn<PenaltyResponse>[] = [
  { header: '决定日期', value: (p) => p.decidedOn },
  { header: '矿山', value: (p) => p.mineName },
  { header: '县区', value: (p) => p.countyName },
  { header: '处罚对象', value: (p) => p.target },
  { header: '被处罚人', value: (p) => p.partyName },
  { header: '违法事实', value: (p) => p.facts },
  { header: '处罚依据', value: (p) => p.legalBasis },
  { header: '罚款(元)', value: (p) => p.amountYuan },
  { header: '状态', value: (p) => p.status },
  { header: '缴纳日期', value: (p) => p.paidOn },
  { header: '缴纳金额(元)', value: (p) => p.paidAmountYuan },
  { header: '一案双罚', value: (p) => p.doublePenalty },
];

/** The filtered penalties as a CSV or xlsx file. */
export async function exportPenalties(
  deps: ServiceDeps,
  principal: Principal,
  q: PenaltyListQuery,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  const { items } = await listPenalties(deps, principal, q, ExportRowsMax);
  return writeTable(items, columns, format, '行政处罚');
}
