/**
 * @module Overdue plan tasks climb the same durable ladder as overdue hazards (platform/escalation):
 * each step of `plans.escalationLadder` (提醒 → 函告 → 通报 → 约谈; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第7条,
 * 《2024年矿山安全生产工作要点》第20条) is taken once per task, with an audit event and notifications to the
 * acting users of the lead unit and the co-units. Finished tasks (100 %) stop climbing.
 */
import { and, eq, inArray, isNotNull, lt, lte } from 'drizzle-orm';
import { recordAudit } from './action-plans.audit.ts';
import { todayIn, type ServiceDeps } from '../../platform/context.ts';
import { addDays, claimSteps, dueSteps } from '../../platform/escalation/escalation.service.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { organisations, users } from '../access/access.table.ts';
import { notifyUsers } from '../notifications/notification.service.ts';
import { workTasks } from './plan.table.ts';
import { actionPlansSettings } from './action-plans.settings.ts';

const SYSTEM_ACTOR = { actorId: null, actorLabel: 'system:escalation', ip: null };

export async function escalateOverdueTasks(
  deps: ServiceDeps,
): Promise<{ tasks: number; steps: number }> {
  const ladder = await getSetting(deps.db, actionPlansSettings.escalationLadder);
  const today = todayIn(deps.clock);
  const earliestOffset = Math.min(...ladder.map((s) => s.offsetDays));
  const candidates = await deps.db
    .select()
    .from(workTasks)
    .where(
      and(
        isNotNull(workTasks.deadline),
        lt(workTasks.percent, 100),
        lte(workTasks.deadline, addDays(today, -earliestOffset)),
      ),
    );
  let steps = 0;
  let touched = 0;
  for (const t of candidates) {
    const deadline = t.deadline ?? today;
    const taken = await deps.db.transaction(async (tx) => {
      const at = deps.clock();
      const claimed = await claimSteps(
        tx,
        { type: 'work_task', id: t.id },
        dueSteps(deadline, ladder, today),
        at,
      );
      if (claimed.length === 0) {
        return 0;
      }
      const recipients = await tx
        .select({ id: users.id, username: users.username, displayName: users.displayName })
        .from(users)
        .innerJoin(organisations, eq(organisations.id, users.organisationId))
        .where(
          and(
            inArray(users.organisationId, [t.leadUnitId, ...t.coUnitIds]),
            inArray(users.role, ['regulator_admin', 'inspector']),
          ),
        );
      for (const step of claimed) {
        const note = `${step.step}: 任务 ${t.number} 完成时限 ${deadline}${step.offsetDays < 0 ? ' 即将到期' : ' 已逾期'}`;
        await notifyUsers(
          tx,
          recipients,
          {
            subjectType: 'work_task',
            subjectId: t.id,
            title: `攻坚任务${step.step}: ${t.number}`,
            body: `${note}; ${t.content.slice(0, 100)}`,
          },
          at,
        );
        await recordAudit(tx, SYSTEM_ACTOR, at, {
          type: 'plans.task.escalated',
          entityId: t.id,
          after: { step: step.step, dueOn: step.dueOn, recipients: recipients.length },
        });
      }
      return claimed.length;
    });
    steps += taken;
    touched += taken ? 1 : 0;
  }
  return { tasks: touched, steps };
}
