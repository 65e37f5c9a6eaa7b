/**
 * @module The accident list's export: the accidents the list's filters select, with Chinese headers,
 * the county's name and times in Beijing time, through platform/tabular like every other list.
 */
import type {
  AccidentListQuery,
  AccidentSummaryResponse,
} from '../../../shared/accountability.schemas.ts';
import { ExportRowsMax } from '../../../shared/common.schemas.ts';
import { shanghaiDateTime } from '../../../shared/dates.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { writeTable, type ExportColumn } from '../../platform/tabular/write-table.ts';
import { listAccidents } from './accident.service.ts';

const columns: ExportColumn<AccidentSummaryResponse>[] = [
  { header: '发生时间', value: (a) => shanghaiDateTime(a.occurredAt) },
  { header: '矿山', value: (a) => a.mineName },
  { header: '县区', value: (a) => a.countyName },
  { header: '事故类别', value: (a) => a.kind },
  { header: '地点', value: (a) => a.place },
  { header: '死亡(人)', value: (a) => a.deaths },
  { header: '重伤(人)', value: (a) => a.seriousInjuries },
  { header: '直接经济损失(元)', value: (a) => a.directLossYuan },
  { header: '等级', value: (a) => a.grade },
];

/** The filtered accidents as a CSV or xlsx file. */
export async function exportAccidents(
  deps: ServiceDeps,
  principal: Principal,
  q: AccidentListQuery,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  const items = await listAccidents(deps, principal, q, ExportRowsMax);
  return writeTable(items, columns, format, '事故');
}
