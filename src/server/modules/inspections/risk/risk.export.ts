/**
 * @module The risk table's export: the mines' risk classes the table's filters select, with Chinese
 * headers, the county's name and each score's reasons, through platform/tabular like every other list.
 */
import type {
  MineRiskClassResponse,
  RiskClassQuery,
} from '../../../../shared/inspection-schedules.schemas.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { writeTable, type ExportColumn } from '../../../platform/tabular/write-table.ts';
import { regionNamesByCode } from '../../registry/region.service.ts';
import { mineRiskClasses } from './risk.service.ts';

type Row = MineRiskClassResponse & { countyName: string };

const columns: ExportColumn<Row>[] = [
  { header: '矿山', value: (m) => m.mineName },
  { header: '县区', value: (m) => m.countyName },
  { header: '风险分值', value: (m) => m.score },
  { header: '风险等级', value: (m) => m.className },
  { header: '年度常规检查(次)', value: (m) => m.perYear },
  {
    header: '计分原因',
    value: (m) => m.reasons.map((r) => `${r.factor}: ${r.fact} (${r.points}分)`).join('; '),
  },
];

/** The filtered risk table as a CSV or xlsx file. */
export async function exportRiskClasses(
  deps: ServiceDeps,
  principal: Principal,
  q: RiskClassQuery,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  const items = await mineRiskClasses(deps, principal, q);
  const names = await regionNamesByCode(
    deps.db,
    items.map((m) => m.countyCode),
  );
  const rows = items.map((m) => ({ ...m, countyName: names.get(m.countyCode) ?? '' }));
  return writeTable(rows, columns, format, '执法风险分级');
}
