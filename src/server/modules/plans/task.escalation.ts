/**
 * @module Overdue plan tasks climb the same durable ladder as overdue hazards (platform/escalation):
 * each step of `plans.escalationLadder` (提醒 → 函告 → 通报 → 约谈; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第7条,
 * 《2024年矿山安全生产工作要点》第20条) is taken once per task, with an audit event and notifications to the
 * acting users of the lead unit and the co-units. Finished tasks (100 %) stop climbing.
 */
import { and, inArray, isNotNull, lt, lte } from 'drizzle-orm';
import { todayIn } from '../../../shared/dates.ts';
import { recordAudit } from './plans.audit.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { dueSteps, latestDueDeadline } from '../../platform/escalation/escalation.service.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { users } from '../access/access.table.ts';
import { notifyUsers, recipientsWhere } from '../notifications/notification.service.ts';
import { workTasks } from './plan.table.ts';
import { plansSettings } from './plans.settings.ts';

export async function escalateOverdueTasks(
  deps: ServiceDeps,
): Promise<{ tasks: number; steps: number }> {
  const ladder = await getSetting(deps.db, plansSettings.escalationLadder);
  const today = todayIn(deps.clock);
  const candidates = await deps.db
    .select()
    .from(workTasks)
    .where(
      and(
        isNotNull(workTasks.deadline),
        lt(workTasks.percent, 100),
        lte(workTasks.deadline, latestDueDeadline(ladder, today)),
      ),
    );
  const run = await runEscalation(
    deps,
    {
      subjectType: 'work_task',
      dueSteps: (t) => dueSteps(t.deadline ?? today, ladder, today),
      recipients: (tx, t) =>
        recipientsWhere(
          tx,
          and(
            inArray(users.organisationId, [t.leadUnitId, ...t.coUnitIds]),
            inArray(users.role, ['regulator_admin', 'inspector']),
          ),
        ),
      notice: (t, step) => ({
        title: `攻坚任务${step.step}: ${t.number}`,
        body: `${step.step}: 任务 ${t.number} 完成时限 ${t.deadline ?? today}${step.offsetDays < 0 ? ' 即将到期' : ' 已逾期'}; ${t.content.slice(0, 100)}`,
      }),
      notify: notifyUsers,
      audit: (tx, at, t, step, recipients) =>
        recordAudit(tx, escalationActor, at, {
          type: 'plans.task.escalated',
          entityId: t.id,
          after: { step: step.step, dueOn: step.dueOn, recipients },
        }),
    },
    candidates,
  );
  return { tasks: run.subjects, steps: run.steps };
}
