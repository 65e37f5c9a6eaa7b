/**
 * @module Import of monitoring points from CSV or xlsx for one mine. Every row is validated first and
 * each bad row and field reported (422); only a clean file is written, in one transaction.
 */
import { warningLevels } from '../../../shared/monitoring.enums.ts';
import { quantities, type Quantity } from '../../../shared/monitoring.quantities.ts';
import { SensorInput, SensorSpec } from '../../../shared/monitoring.schemas.ts';
import { RegistryValidation } from '../../../shared/limits.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, type ErrorDetail } from '../../platform/errors.ts';
import { detectFormat, readTable } from '../../platform/tabular/read-table.ts';
import { loadVisibleMine } from '../registry/mine.service.ts';
import { facilityCodesOf } from './facility.repository.ts';
import { insertSensor } from './sensor.service.ts';
import { initialSpec, sensorTypeProblem } from './sensor.spec.ts';
import { monitoringSettings } from './monitoring.settings.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';

/** Column headers (Chinese, as the template has them) → fields. */
export const sensorImportColumns = {
  设施编码: 'facilityCode',
  测点编码: 'code',
  测点名称: 'name',
  监测量: 'quantity',
  监测项目: 'item',
  安装位置: 'location',
  预设: 'preset',
  传感器类型: 'sensorType',
  方向: 'direction',
  量程下限: 'rangeMin',
  量程上限: 'rangeMax',
  上报间隔秒: 'intervalSeconds',
  蓝色: '蓝色',
  黄色: '黄色',
  橙色: '橙色',
  红色: '红色',
  回差: 'deadband',
  持续秒数: 'minDurationSeconds',
  连续次数: 'minCount',
} as const;

const num = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : Number(v));
const str = (v: unknown) =>
  typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined;

export async function importSensors(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  file: { data: Buffer; filename?: string | undefined },
) {
  requirePermission(principal, MonitoringPermission.Manage);
  await loadVisibleMine(deps.db, principal, mineId);
  const table = await readTable(
    file.data,
    detectFormat(file.filename, file.data),
    RegistryValidation.importRowsMax,
  );
  const known = new Set(Object.keys(sensorImportColumns));
  const missing = ['设施编码', '测点编码', '测点名称', '监测量'].filter(
    (h) => !table.headers.includes(h),
  );
  if (missing.length) {
    throw new AppError(AppErrorCode.ImportInvalid, `缺少列: ${missing.join('、')}`, [
      ...missing.map((h) => ({ path: h, message: '缺少该列', row: 1 })),
    ]);
  }
  const unknown = table.headers.filter((h) => h && !known.has(h));
  const result = await deps.db.transaction(async (tx) => {
    await loadVisibleMine(tx, principal, mineId);
    const facilities = await facilityCodesOf(tx, mineId);
    const types = await getSetting(tx, monitoringSettings.sensorTypes);
    const facilityByCode = new Map(facilities.map((f) => [f.code, f.id]));
    const errors: ErrorDetail[] = [];
    const inputs: SensorInput[] = [];
    const codes = new Set<string>();
    for (const { row, cells } of table.rows) {
      const c = (h: keyof typeof sensorImportColumns) => cells[h];
      const facilityId = facilityByCode.get(String(c('设施编码') ?? ''));
      if (!facilityId) {
        errors.push({ row, path: '设施编码', message: '该矿山没有此设施', value: c('设施编码') });
        continue;
      }
      const quantity = str(c('监测量'));
      if (!quantity || !Object.hasOwn(quantities, quantity)) {
        errors.push({ row, path: '监测量', message: '不在监测量目录中', value: quantity });
        continue;
      }
      const q = quantities[quantity as Quantity];
      let spec: SensorSpec | undefined;
      try {
        const preset = str(c('预设'));
        const sensorType = str(c('传感器类型'));
        const problem = sensorType && sensorTypeProblem(quantity, sensorType, types);
        if (problem) {
          errors.push({ row, path: '传感器类型', message: problem, value: sensorType });
          continue;
        }
        // With a type, the range comes from it unless the 量程 columns give one.
        const base = initialSpec(quantity as Quantity, preset, undefined, sensorType, types);
        const thresholds = Object.fromEntries(
          warningLevels.flatMap((l) => (num(c(l)) === undefined ? [] : [[l, num(c(l))]])),
        );
        const parsed = SensorSpec.safeParse({
          ...base,
          direction: str(c('方向')) ?? base.direction ?? q.direction,
          rangeMin: num(c('量程下限')) ?? base.rangeMin,
          rangeMax: num(c('量程上限')) ?? base.rangeMax,
          intervalSeconds: num(c('上报间隔秒')) ?? base.intervalSeconds,
          thresholds: Object.keys(thresholds).length ? thresholds : base.thresholds,
          clear: Object.keys(thresholds).length ? undefined : base.clear,
          deadband: num(c('回差')) ?? base.deadband,
          minDurationSeconds: num(c('持续秒数')) ?? base.minDurationSeconds,
          minCount: num(c('连续次数')) ?? base.minCount,
        });
        if (!parsed.success) {
          for (const i of parsed.error.issues) {
            errors.push({ row, path: i.path.join('.'), message: i.message });
          }
          continue;
        }
        spec = parsed.data;
      } catch (e) {
        errors.push({ row, path: '预设', message: e instanceof Error ? e.message : String(e) });
        continue;
      }
      const input = SensorInput.safeParse({
        facilityId,
        code: str(c('测点编码')),
        name: str(c('测点名称')),
        quantity,
        item: str(c('监测项目')),
        location: str(c('安装位置')),
        spec,
      });
      if (!input.success) {
        for (const i of input.error.issues) {
          errors.push({ row, path: i.path.join('.'), message: i.message });
        }
        continue;
      }
      if (codes.has(input.data.code)) {
        errors.push({ row, path: '测点编码', message: '文件内重复', value: input.data.code });
        continue;
      }
      codes.add(input.data.code);
      inputs.push(input.data);
    }
    if (errors.length) {
      throw new AppError(
        AppErrorCode.ImportInvalid,
        `${errors.length} 处错误, 未导入任何测点`,
        errors.slice(0, 1000),
      );
    }
    const at = deps.clock();
    const rows = [];
    for (const input of inputs) {
      rows.push(await insertSensor(tx, principal, at, mineId, input, types));
    }
    return rows;
  });
  for (const r of result) {
    deps.events.publish('monitoring.sensor.changed', { sensorId: r.id });
  }
  return { imported: result.length, ignoredColumns: unknown };
}
