/**
 * @module A party's plan (攻坚清单) with one task its own regulator unit leads, progress on it with an
 * evidence file, and a 月总结 periodic report made on demand for its county (issue 8).
 */
import { generatePeriodicReport } from '../../src/server/modules/action-plans/periodic-report.service.ts';
import { addProgressFile } from '../../src/server/modules/action-plans/task.evidence.ts';
import {
  createPlan,
  createTask,
  reportProgress,
} from '../../src/server/modules/action-plans/work-plan.service.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { principalOfUser } from './world-enforcement.ts';

export interface WorkPlanIds {
  workPlanIds: string[];
  workTaskIds: string[];
  /** Progress reported on the tasks. */
  workTaskProgressIds: string[];
  workTaskFileIds: string[];
  periodicReportIds: string[];
}

/** The smallest bytes recognised as a PNG (the signature), distinct per key. */
export const pngBytes = (key: string) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(key)]);

export async function buildWorkPlans(
  deps: ServiceDeps,
  p: { key: string; users: { regulator_admin: string } },
): Promise<WorkPlanIds> {
  const admin = await principalOfUser(deps, p.users.regulator_admin);
  const plan = await createPlan(deps, admin, {
    title: `${p.key}: 矿山安全生产治本攻坚三年行动`,
    fromYear: 2024,
    toYear: 2026,
    source: '西藏《非煤矿山系统安全生产治本攻坚三年行动方案》',
  });
  const task = await createTask(deps, admin, plan.id, {
    number: '1',
    content: `${p.key}: 完成非煤矿山安全生产标准化二级创建`,
    leadUnitId: admin.organisationId,
    coUnitIds: [],
    deadline: '2026-12-31',
    target: '二级及以上占比 80%',
    kind: '一次性',
  });
  const reported = await reportProgress(deps, admin, task.id, { text: '已组织创建', percent: 30 });
  const progressId = reported.progress[0]?.id ?? '';
  const file = await addProgressFile(deps, admin, task.id, progressId, {
    fileName: '现场照片.png',
    data: pngBytes(p.key),
  });
  const report = await generatePeriodicReport(deps, admin, { kind: '月总结' });
  return {
    workPlanIds: [plan.id],
    workTaskIds: [task.id],
    workTaskProgressIds: [progressId],
    workTaskFileIds: [file.id],
    periodicReportIds: [report.id],
  };
}
