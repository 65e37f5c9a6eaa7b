/**
 * @module The ladder of 约谈 commitments: a commitment made at a 约谈 (acts.service.ts; the measures of
 * 《2024年矿山安全生产工作要点》第20条) that passes its deadline unfulfilled joins the shared escalation
 * ladder (platform/escalation): each step of the setting hazards.commitmentLadder is taken once, with a
 * dated entry on the hazard's timeline, an audit event and notifications that lead to the hazard.
 */
import { todayIn } from '../../../../shared/dates.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import {
  escalationActor,
  runEscalation,
  type EscalationLadder,
} from '../../../platform/escalation/escalation.runner.ts';
import {
  dueSteps,
  latestDueDeadline,
  type LadderStep,
} from '../../../platform/escalation/escalation.service.ts';
import { getSetting } from '../../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  pickRecipients,
} from '../../notifications/notification.service.ts';
import { insertHazardEvent } from '../hazard.repository.ts';
import { recordAudit } from '../hazards.audit.ts';
import { hazardsSettings } from '../hazards.settings.ts';
import { overdueCommitments } from './acts.repository.ts';

/** Takes every step of the commitments' ladder that fell due and was not taken; answers how many. */
export async function escalateOverdueCommitments(
  deps: ServiceDeps,
): Promise<{ commitments: number; steps: number }> {
  const ladder = await getSetting(deps.db, hazardsSettings.commitmentLadder);
  const today = todayIn(deps.clock);
  const candidates = await overdueCommitments(deps.db, latestDueDeadline(ladder, today));
  const notifiable = candidates.length ? await notifiableUsers(deps.db) : [];
  type Candidate = (typeof candidates)[number];
  type Step = LadderStep & { dueOn: string };
  const noteOf = (c: Candidate, step: Step) =>
    `${step.step}: 约谈承诺“${c.text}”期限 ${c.deadline} 未履行 (${step.dueOn})`;
  const commitmentLadder: EscalationLadder<Candidate, Step> = {
    subjectType: 'hazard_commitment',
    dueSteps: (c) => dueSteps(c.deadline, ladder, today),
    recipients: (_tx, c, step) => Promise.resolve(pickRecipients(notifiable, c, step.notify)),
    notice: (c, step) => ({
      title: `约谈承诺升级 (${step.step}): ${c.mineName}`,
      body: noteOf(c, step),
    }),
    noticeSubject: (c) => ({ subjectType: 'hazard', subjectId: c.hazardId }),
    notify: notifyUsers,
    record: (tx, c, step, at) =>
      insertHazardEvent(tx, {
        hazardId: c.hazardId,
        at,
        actorLabel: escalationActor.actorLabel,
        action: 'commitment_escalate',
        note: noteOf(c, step),
        data: { commitmentId: c.id, step: step.step, dueOn: step.dueOn },
      }),
    audit: (tx, at, c, step, recipients) =>
      recordAudit(tx, escalationActor, at, {
        type: 'hazards.hazard.commitment_escalated',
        entityId: c.hazardId,
        after: { commitmentId: c.id, step: step.step, dueOn: step.dueOn, recipients },
      }),
  };
  const run = await runEscalation(deps, commitmentLadder, candidates);
  return { commitments: run.subjects, steps: run.steps };
}
