/**
 * @module The deadline ladder for hazards under rectification (治理中): as the 五落实 deadline nears and
 * passes, each step of the configured ladder (提醒 → 函告 → 通报 → 约谈 → 曝光) is taken once, with a
 * dated timeline entry, an audit event and notifications to the people responsible.
 */
import { todayIn } from '../../../shared/dates.ts';
import { recordAudit } from './hazards.audit.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import {
  escalationActor,
  runEscalation,
  type EscalationLadder,
} from '../../platform/escalation/escalation.runner.ts';
import {
  dueSteps,
  latestDueDeadline,
  type LadderStep,
} from '../../platform/escalation/escalation.service.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  pickRecipients,
} from '../notifications/notification.service.ts';
import { insertHazardEvent, rectifyingDueBy } from './hazard.repository.ts';
import { hazardsSettings } from './hazards.settings.ts';

/** Takes every ladder step that has fallen due and was not taken before; returns how many. */
export async function escalateOverdueHazards(
  deps: ServiceDeps,
): Promise<{ hazards: number; steps: number }> {
  const ladder = await getSetting(deps.db, hazardsSettings.escalationLadder);
  const today = todayIn(deps.clock);
  const candidates = await rectifyingDueBy(deps.db, latestDueDeadline(ladder, today));
  // Who can be told, read once per run rather than once per step.
  const notifiable = candidates.length ? await notifiableUsers(deps.db) : [];
  type Candidate = (typeof candidates)[number];
  type Step = LadderStep & { dueOn: string };
  const noteOf = (h: Candidate, step: Step) =>
    `${step.step}: 治理时限 ${h.deadline ?? today}${step.offsetDays < 0 ? ' 即将到期' : ' 已逾期'} (${step.dueOn})`;
  const hazardLadder: EscalationLadder<Candidate, Step> = {
    subjectType: 'hazard',
    dueSteps: (h) => dueSteps(h.deadline ?? today, ladder, today),
    recipients: (_tx, h, step) => Promise.resolve(pickRecipients(notifiable, h, step.notify)),
    notice: (h, step) => ({
      title: `重大事故隐患${step.step}: ${h.mineName}`,
      body: `${h.criterionCode} ${noteOf(h, step)}`,
    }),
    notify: notifyUsers,
    record: (tx, h, step, at) =>
      insertHazardEvent(tx, {
        hazardId: h.id,
        at,
        actorLabel: escalationActor.actorLabel,
        action: 'escalate',
        note: noteOf(h, step),
        data: { step: step.step, dueOn: step.dueOn },
      }),
    audit: (tx, at, h, step, recipients) =>
      recordAudit(tx, escalationActor, at, {
        type: 'hazards.hazard.escalated',
        entityId: h.id,
        after: { step: step.step, dueOn: step.dueOn, recipients },
      }),
  };
  const run = await runEscalation(deps, hazardLadder, candidates);
  return { hazards: run.subjects, steps: run.steps };
}
