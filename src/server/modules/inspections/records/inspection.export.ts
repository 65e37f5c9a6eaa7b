/**
 * @module The inspection list's export: the inspections the list's filters select, with Chinese headers,
 * the county's name and the team's display names, through platform/tabular like every other list.
 */
import { ExportRowsMax } from '../../../../shared/common.schemas.ts';
import type {
  InspectionListQuery,
  InspectionRowResponse,
} from '../../../../shared/inspections.schemas.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { writeTable, type ExportColumn } from '../../../platform/tabular/write-table.ts';
import { listInspections } from './inspection.service.ts';

const columns: ExportColumn<InspectionRowResponse>[] = [
  { header: '检查日期', value: (i) => i.inspectedOn },
  { header: '矿山', value: (i) => i.mineName },
  { header: '县区', value: (i) => i.countyName },
  { header: '检查类型', value: (i) => i.kind },
  { header: '四不两直', value: (i) => i.unannounced },
  { header: '事先告知原因', value: (i) => i.announcedReason },
  { header: '检查组', value: (i) => i.team.join('、') },
  { header: '发现问题(项)', value: (i) => i.findings },
  { header: '行政处罚(项)', value: (i) => i.penalties },
  { header: '复查日期', value: (i) => i.recheckOn },
  { header: '已复查', value: (i) => i.recheckedOn },
  { header: '典型案例', value: (i) => i.typical },
];

/** The filtered inspections as a CSV or xlsx file. */
export async function exportInspections(
  deps: ServiceDeps,
  principal: Principal,
  q: InspectionListQuery,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  const { items } = await listInspections(deps, principal, q, ExportRowsMax);
  return writeTable(items, columns, format, '执法检查');
}
