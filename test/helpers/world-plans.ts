/** @module A party's plan (攻坚清单) with one task its own regulator unit leads (issue 8). */
import { createPlan, createTask } from '../../src/server/modules/plans/work-plan.service.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { principalOfUser } from './world-enforcement.ts';

export interface WorkPlanIds {
  workPlanIds: string[];
  workTaskIds: string[];
}

export async function buildWorkPlans(
  deps: ServiceDeps,
  p: { key: string; users: { regulator_admin: string } },
): Promise<WorkPlanIds> {
  const admin = await principalOfUser(deps, p.users.regulator_admin);
  const plan = await createPlan(deps, admin, {
    title: `${p.key}: 矿山安全生产治本攻坚三年行动`,
    fromYear: 2024,
    toYear: 2026,
    source: 'seed 000',
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
  return { workPlanIds: [plan.id], workTaskIds: [task.id] };
}
