/**
 * @module The deadline ladder for hazards under rectification (治理中): as the 五落实 deadline nears and
 * passes, each step of the configured ladder (提醒 → 函告 → 通报 → 约谈 → 曝光) is taken once, with a
 * dated timeline entry, an audit event and notifications to the people responsible.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { HazardState } from '../../../shared/hazard.enums.ts';
import { recordAudit } from './hazards.audit.ts';
import { todayIn, addDays } from '../../../shared/dates.ts';
import { type ServiceDeps } from '../../platform/context.ts';
import { claimSteps, dueSteps } from '../../platform/escalation/escalation.service.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  pickRecipients,
} from '../notifications/notification.service.ts';
import { mines } from '../registry/mine.table.ts';
import { hazardCriteria, hazards } from './hazard.table.ts';
import { insertHazardEvent } from './hazard.repository.ts';
import { lte } from 'drizzle-orm';
import { hazardsSettings } from './hazards.settings.ts';

const SYSTEM_ACTOR = { actorId: null, actorLabel: 'system:escalation', ip: null };

/** Takes every ladder step that has fallen due and was not taken before; returns how many. */
export async function escalateOverdueHazards(
  deps: ServiceDeps,
): Promise<{ hazards: number; steps: number }> {
  const ladder = await getSetting(deps.db, hazardsSettings.escalationLadder);
  const today = todayIn(deps.clock);
  const earliestOffset = Math.min(...ladder.map((s) => s.offsetDays));
  const candidates = await deps.db
    .select({
      id: hazards.id,
      deadline: hazards.deadline,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
      mineName: mines.name,
      criterionCode: hazardCriteria.code,
    })
    .from(hazards)
    .innerJoin(mines, eq(mines.id, hazards.mineId))
    .innerJoin(hazardCriteria, eq(hazardCriteria.id, hazards.criterionId))
    .where(
      and(
        eq(hazards.state, HazardState.Rectifying),
        isNotNull(hazards.deadline),
        // Only hazards whose earliest step can be due: deadline + earliestOffset ≤ today.
        lte(hazards.deadline, addDays(today, -earliestOffset)),
      ),
    );
  // Who can be told, read once per run rather than once per step.
  const notifiable = candidates.length ? await notifiableUsers(deps.db) : [];
  let steps = 0;
  let touched = 0;
  for (const h of candidates) {
    const deadline = h.deadline ?? today;
    const taken = await deps.db.transaction(async (tx) => {
      const at = deps.clock();
      const claimed = await claimSteps(
        tx,
        { type: 'hazard', id: h.id },
        dueSteps(deadline, ladder, today),
        at,
      );
      for (const step of claimed) {
        const note = `${step.step}: 治理时限 ${deadline}${step.offsetDays < 0 ? ' 即将到期' : ' 已逾期'} (${step.dueOn})`;
        await insertHazardEvent(tx, {
          hazardId: h.id,
          at,
          actorLabel: SYSTEM_ACTOR.actorLabel,
          action: 'escalate',
          note,
          data: { step: step.step, dueOn: step.dueOn },
        });
        const recipients = pickRecipients(notifiable, h, step.notify);
        await notifyUsers(
          tx,
          recipients,
          {
            subjectType: 'hazard',
            subjectId: h.id,
            title: `重大事故隐患${step.step}: ${h.mineName}`,
            body: `${h.criterionCode} ${note}`,
          },
          at,
        );
        await recordAudit(tx, SYSTEM_ACTOR, at, {
          type: 'hazards.hazard.escalated',
          entityId: h.id,
          after: { step: step.step, dueOn: step.dueOn, recipients: recipients.length },
        });
      }
      return claimed.length;
    });
    steps += taken;
    if (taken) {
      touched++;
    }
  }
  return { hazards: touched, steps };
}
