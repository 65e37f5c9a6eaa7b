/**
 * @module The 任务分解表 (issue 8 §1): tasks imported from CSV or xlsx with 序号, 任务内容, 牵头单位,
 * 配合单位 (、 or , separated), 完成时限, 工作目标, 任务类型, checked row by row — units by name among the
 * plan's region's regulator units, dates, kinds, numbers unique in the file and the plan — and written
 * all or nothing; and the plan's tasks exported in the same columns with their progress.
 */
import { WorkTaskInput } from '../../../shared/action-plans.schemas.ts';
import { RegistryValidation } from '../../../shared/limits.ts';
import { recordAudit } from './action-plans.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, type ErrorDetail } from '../../platform/errors.ts';
import { detectFormat, readTable } from '../../platform/tabular/read-table.ts';
import { writeTable } from '../../platform/tabular/write-table.ts';
import { insertTasks, taskNumbersOf } from './work-plan.repository.ts';
import { getPlan, ownPlan, unitsByName } from './work-plan.service.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';

export const taskColumns = [
  '序号',
  '任务内容',
  '牵头单位',
  '配合单位',
  '完成时限',
  '工作目标',
  '任务类型',
];

const text = (v: string | number | boolean | Date | null | undefined) =>
  v instanceof Date
    ? v.toISOString().slice(0, 10)
    : v === null || v === undefined
      ? ''
      : String(v).trim();

/** Imports a 任务分解表 into a plan of the caller's unit: every row correct, or nothing written. */
export async function importTasks(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  file: { data: Buffer; filename?: string | undefined },
) {
  requirePermission(principal, ActionPlanPermission.Manage);
  const table = await readTable(
    file.data,
    detectFormat(file.filename, file.data),
    RegistryValidation.importRowsMax,
  );
  const missing = taskColumns.filter(
    (h) => h !== '配合单位' && h !== '工作目标' && !table.headers.includes(h),
  );
  if (missing.length) {
    throw new AppError(
      AppErrorCode.ImportInvalid,
      `缺少列: ${missing.join('、')}`,
      missing.map((h) => ({ row: 1, path: h, message: '缺少该列' })),
    );
  }
  return deps.db.transaction(async (tx) => {
    const plan = await ownPlan(tx, principal, planId);
    const byName = await unitsByName(tx, plan.regionCode);
    const existing = await taskNumbersOf(tx, planId);
    const errors: ErrorDetail[] = [];
    const inputs: WorkTaskInput[] = [];
    const numbers = new Set<string>();
    for (const { row, cells } of table.rows) {
      const lead = byName.get(text(cells['牵头单位']));
      if (!lead) {
        errors.push({
          row,
          path: '牵头单位',
          message: '不是方案辖区内的监管单位',
          value: text(cells['牵头单位']),
        });
        continue;
      }
      const coNames = text(cells['配合单位'])
        .split(/[、,，;；]/)
        .map((n) => n.trim())
        .filter(Boolean);
      const unknown = coNames.find((n) => !byName.has(n));
      if (unknown) {
        errors.push({ row, path: '配合单位', message: '不是方案辖区内的监管单位', value: unknown });
        continue;
      }
      const parsed = WorkTaskInput.safeParse({
        number: text(cells['序号']),
        content: text(cells['任务内容']),
        leadUnitId: lead,
        coUnitIds: coNames.map((n) => byName.get(n) ?? ''),
        deadline: text(cells['完成时限']) || null,
        target: text(cells['工作目标']),
        kind: text(cells['任务类型']),
      });
      if (!parsed.success) {
        const header: Record<string, string> = {
          number: '序号',
          content: '任务内容',
          deadline: '完成时限',
          target: '工作目标',
          kind: '任务类型',
        };
        for (const i of parsed.error.issues) {
          const key = String(i.path[0] ?? '');
          errors.push({ row, path: header[key] ?? key, message: i.message });
        }
        continue;
      }
      if (numbers.has(parsed.data.number) || existing.has(parsed.data.number)) {
        errors.push({
          row,
          path: '序号',
          message: numbers.has(parsed.data.number) ? '文件内重复' : '方案中已有此序号',
          value: parsed.data.number,
        });
        continue;
      }
      numbers.add(parsed.data.number);
      inputs.push(parsed.data);
    }
    if (errors.length) {
      throw new AppError(
        AppErrorCode.ImportInvalid,
        `${errors.length} 处错误, 未导入任何任务`,
        errors.slice(0, 1000),
      );
    }
    if (inputs.length === 0) {
      throw new AppError(AppErrorCode.ImportInvalid, '文件没有数据行', [
        { row: 1, path: 'file', message: '文件没有数据行' },
      ]);
    }
    const at = deps.clock();
    const imported = await insertTasks(
      tx,
      inputs.map((i) => ({ ...i, planId, createdAt: at, updatedAt: at })),
    );
    await recordAudit(tx, actorOf(principal), at, {
      type: 'plans.plan.tasks_imported',
      entityId: planId,
      after: { imported, file: file.filename ?? null },
    });
    return { imported };
  });
}

/** A plan's tasks the caller may see, in the 任务分解表's columns with their state and progress. */
export async function exportTasks(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  format: 'csv' | 'xlsx',
) {
  const plan = await getPlan(deps, principal, planId);
  type T = (typeof plan.tasks)[number];
  const col = (header: string, value: (t: T) => string | number) => ({ header, value });
  return writeTable(
    plan.tasks,
    [
      col('序号', (t) => t.number),
      col('任务内容', (t) => t.content),
      col('牵头单位', (t) => t.leadUnitName),
      col('配合单位', (t) => t.coUnitNames.join('、')),
      col('完成时限', (t) => t.deadline ?? ''),
      col('工作目标', (t) => t.target),
      col('任务类型', (t) => t.kind),
      col('状态', (t) => (t.overdue ? `${t.state} (逾期)` : t.state)),
      col('完成百分比', (t) => t.percent),
    ],
    format,
    '任务分解表',
  );
}
