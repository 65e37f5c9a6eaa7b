/**
 * @module The 典型案例 export (issue 7 §5; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条 典型案例报送): the
 * inspections marked typical in the caller's jurisdiction, as a table to send upward.
 */
import type { Principal } from '../../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { writeTable } from '../../../platform/tabular/write-table.ts';
import { listInspections } from './inspection.service.ts';

/** 典型案例 marked in the caller's jurisdiction (or a region inside it), as CSV or xlsx. */
export async function exportTypicalCases(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined; format: 'csv' | 'xlsx' },
) {
  const { items } = await listInspections(deps, principal, { region: q.region, typical: true });
  type Row = (typeof items)[number];
  const col = (header: string, value: (r: Row) => string | number | null) => ({ header, value });
  return writeTable(
    items,
    [
      col('检查日期', (r) => r.inspectedOn),
      col('矿山', (r) => r.mineName),
      col('县区代码', (r) => r.countyCode),
      col('检查方式', (r) => r.kind),
      col('执法人员', (r) => r.team.join('、')),
      col('发现问题数', (r) => r.findings),
      col('处罚数', (r) => r.penalties),
      col('典型案例说明', (r) => r.typicalNote),
    ],
    q.format,
    '典型案例',
  );
}
