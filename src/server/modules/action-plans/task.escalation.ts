/**
 * @module Overdue plan tasks climb the same durable ladder as overdue hazards (platform/escalation):
 * each step of `plans.escalationLadder` (提醒 → 函告 → 通报 → 约谈; 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第7条,
 * 《2024年矿山安全生产工作要点》第20条) is taken once per task, with an audit event and notifications to the
 * acting users of the lead unit and the co-units. Finished tasks (100 %) stop climbing.
 */
import { addDays, todayIn } from '../../../shared/dates.ts';
import { recordAudit } from './action-plans.audit.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { claimSteps, dueSteps } from '../../platform/escalation/escalation.service.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { notifyUsers } from '../notifications/notification.service.ts';
import { actingUsersOf, unfinishedTasksDueBy } from './work-plan.repository.ts';
import { actionPlansSettings } from './action-plans.settings.ts';

const SYSTEM_ACTOR = { actorId: null, actorLabel: 'system:escalation', ip: null };

/** Takes every ladder step of an unfinished task that has fallen due and was not taken before. */
export async function escalateOverdueTasks(
  deps: ServiceDeps,
): Promise<{ tasks: number; steps: number }> {
  const ladder = await getSetting(deps.db, actionPlansSettings.escalationLadder);
  const today = todayIn(deps.clock);
  const earliestOffset = Math.min(...ladder.map((s) => s.offsetDays));
  const candidates = await unfinishedTasksDueBy(deps.db, addDays(today, -earliestOffset));
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
      const recipients = await actingUsersOf(tx, [t.leadUnitId, ...t.coUnitIds]);
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
