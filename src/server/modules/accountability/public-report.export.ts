/**
 * @module The 举报 case board's export: the cases the board's filters select, with Chinese headers and
 * the county's name. It carries no reporter's identity (identity protection): only what the board shows.
 */
import type {
  PublicReportListQuery,
  PublicReportSummaryResponse,
} from '../../../shared/accountability.schemas.ts';
import { ExportRowsMax } from '../../../shared/common.schemas.ts';
import { shanghaiDateTime } from '../../../shared/dates.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { writeTable, type ExportColumn } from '../../platform/tabular/write-table.ts';
import { regionNamesByCode } from '../registry/region.service.ts';
import { listCases } from './public-report.service.ts';

type Row = PublicReportSummaryResponse & { countyName: string };

const columns: ExportColumn<Row>[] = [
  { header: '查询码', value: (c) => c.trackingCode },
  { header: '收到时间', value: (c) => shanghaiDateTime(c.receivedAt) },
  { header: '类别', value: (c) => c.category },
  { header: '县区', value: (c) => c.countyName },
  { header: '矿山', value: (c) => c.mineName },
  { header: '地点', value: (c) => c.location },
  { header: '状态', value: (c) => c.state },
  { header: '下一步期限', value: (c) => c.dueOn },
  { header: '逾期', value: (c) => c.overdue },
];

/** The filtered 举报 cases as a CSV or xlsx file. */
export async function exportCases(
  deps: ServiceDeps,
  principal: Principal,
  q: PublicReportListQuery,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  const items = await listCases(deps, principal, q, ExportRowsMax);
  const names = await regionNamesByCode(
    deps.db,
    items.map((c) => c.countyCode),
  );
  const rows = items.map((c) => ({ ...c, countyName: names.get(c.countyCode) ?? '' }));
  return writeTable(rows, columns, format, '举报案件');
}
