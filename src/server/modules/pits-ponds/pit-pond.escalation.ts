/**
 * @module The findings of open pits, dumps and tailings ponds climb the shared escalation ladder
 * (platform/escalation): each rung of pitsPonds.rules once per mine, item and due date — the
 * enterprise's managers and the regulators told on the first rung, the regulators on the later ones,
 * with an audit event.
 */
import type { SQL } from 'drizzle-orm';
import { todayIn } from '../../../shared/dates.ts';
import { findingSteps } from '../../../shared/pits-ponds.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  ladderRecipients,
} from '../notifications/notification.service.ts';
import { findingsOf } from './pit-pond.findings.ts';
import { recordAudit } from './pits-ponds.audit.ts';
import { pitsPondsSettings } from './pits-ponds.settings.ts';

/** Escalates every finding of the register; answers how many rungs were climbed. */
export async function escalatePitPondFindings(deps: ServiceDeps): Promise<number> {
  const today = todayIn(deps.clock);
  const rules = await getSetting(deps.db, pitsPondsSettings.rules);
  const found = await findingsOf(deps.db, rules, { mineScope: undefined }, today, deps.clock());
  // One subject per mine, item and due date: a record filed and then late again climbs afresh.
  const subjects = found.map(({ mine, finding }) => ({
    id: `${mine.id}:${finding.item}:${finding.dueOn}`,
    mineId: mine.id,
    name: mine.name,
    enterpriseId: mine.enterpriseId,
    countyCode: mine.countyCode,
    countyName: mine.countyName,
    ...finding,
  }));
  if (subjects.length === 0) {
    return 0;
  }
  const notifiable = await notifiableUsers(deps.db);
  const run = await runEscalation(
    deps,
    {
      subjectType: 'pit_pond_finding',
      dueSteps: (s) => findingSteps(rules, s.dueOn, today),
      recipients: (_tx, s, step) => ladderRecipients(notifiable, s, step),
      notice: (s, step) => ({
        title: `${s.reason}: ${s.name} ${s.item} (${step.step})`,
        body: `${s.countyName} ${s.name}: ${s.item} 应于 ${s.dueOn} 前完成`,
      }),
      noticeSubject: (s) => ({ subjectType: 'mine', subjectId: s.mineId }),
      notify: notifyUsers,
      audit: (tx, at, s, step, recipients) =>
        recordAudit(tx, escalationActor, at, {
          type: 'pitsPonds.finding.escalated',
          entityId: s.mineId,
          after: { item: s.item, reason: s.reason, dueOn: s.dueOn, step: step.step, recipients },
        }),
    },
    subjects,
  );
  return run.steps;
}

/** Every mine's open findings on `today`, for the risk score (inspections/risk/risk.duties.ts). */
export async function lapsedPitPondDuties(deps: ServiceDeps, today: string, mineScope?: SQL) {
  const rules = await getSetting(deps.db, pitsPondsSettings.rules);
  const found = await findingsOf(deps.db, rules, { mineScope }, today, deps.clock());
  return found.map(({ mine, finding }) => ({
    mineId: mine.id,
    duty: `${finding.item}${finding.reason}`,
  }));
}
