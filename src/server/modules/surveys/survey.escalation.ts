/**
 * @module Mines without a survey in date climb the shared escalation ladder (platform/escalation): each
 * rung of surveys.rules once per due date — a mine that never filed is due by its region's first
 * deadline (西藏第13条: 2024年底前; 原平第14条: 2024年6月底前), a passed survey by its renewal — the enterprise's
 * managers and the regulators told on the first rung, the regulators on the later ones, with an audit event.
 */
import { todayIn } from '../../../shared/dates.ts';
import { findingSteps, surveyFinding } from '../../../shared/surveys.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  ladderRecipients,
} from '../notifications/notification.service.ts';
import * as repo from './survey.repository.ts';
import { recordAudit } from './surveys.audit.ts';
import { surveysSettings } from './surveys.settings.ts';

/** Escalates every mine without a survey in date; answers how many rungs were climbed. */
export async function escalateMissingSurveys(deps: ServiceDeps): Promise<number> {
  const today = todayIn(deps.clock);
  const rules = await getSetting(deps.db, surveysSettings.rules);
  const subjects = (await repo.minesWithLastSurvey(deps.db, undefined)).flatMap((m) => {
    const f = surveyFinding(rules, m, today);
    // One subject per mine and due date: a renewed survey that runs out again climbs afresh.
    return f ? [{ ...m, ...f, id: `${m.id}:${f.dueOn}` }] : [];
  });
  if (subjects.length === 0) {
    return 0;
  }
  const notifiable = await notifiableUsers(deps.db);
  const run = await runEscalation(
    deps,
    {
      subjectType: 'survey_finding',
      dueSteps: (s) => findingSteps(rules, s.dueOn, today),
      recipients: (_tx, s, step) => ladderRecipients(notifiable, s, step),
      notice: (s, step) => ({
        title: `隐蔽致灾因素${s.reason}: ${s.name} (${step.step})`,
        body: `${s.countyName} ${s.name} 应于 ${s.dueOn} 前完成隐蔽致灾因素普查并通过审查`,
      }),
      notify: notifyUsers,
      audit: (tx, at, s, step, recipients) =>
        recordAudit(tx, escalationActor, at, {
          type: 'surveys.finding.escalated',
          entityId: s.id.slice(0, 36),
          after: { reason: s.reason, dueOn: s.dueOn, step: step.step, recipients },
        }),
    },
    subjects,
  );
  return run.steps;
}
