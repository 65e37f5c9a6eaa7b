/**
 * @module The alarm board's export: the alarms the board's filters select, with Chinese headers, the
 * mine's name and times in Beijing time, through platform/tabular like every other list.
 */
import { ExportRowsMax } from '../../../shared/common.schemas.ts';
import { shanghaiDateTime } from '../../../shared/dates.ts';
import type { AlarmListQuery, AlarmResponse } from '../../../shared/monitoring.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { writeTable, type ExportColumn } from '../../platform/tabular/write-table.ts';
import { listAlarms } from './alarm.service.ts';

const time = (at: string | null) => (at ? shanghaiDateTime(at) : null);

const columns: ExportColumn<AlarmResponse>[] = [
  { header: '矿山', value: (a) => a.mineName },
  { header: '测点', value: (a) => a.sensorCode ?? '全矿' },
  { header: '告警类型', value: (a) => a.kind },
  { header: '级别', value: (a) => a.level },
  { header: '最高级别', value: (a) => a.peakLevel },
  { header: '状态', value: (a) => a.state },
  { header: '说明', value: (a) => a.detail },
  { header: '产生时间', value: (a) => time(a.openedAt) },
  { header: '最近值', value: (a) => a.lastValue },
  { header: '历史告警', value: (a) => a.historic },
  { header: '叫应人', value: (a) => a.acknowledgedBy },
  { header: '叫应时间', value: (a) => time(a.acknowledgedAt) },
  { header: '回应时间', value: (a) => time(a.respondedAt) },
  { header: '解除时间', value: (a) => time(a.closedAt) },
  { header: '解除原因', value: (a) => a.closeReason },
  { header: '解除说明', value: (a) => a.closeNote },
];

/** The filtered alarms as a CSV or xlsx file. */
export async function exportAlarms(
  deps: ServiceDeps,
  principal: Principal,
  q: Omit<AlarmListQuery, 'limit'>,
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  const items = await listAlarms(deps, principal, { ...q, limit: ExportRowsMax });
  return writeTable(items, columns, format, '告警');
}
