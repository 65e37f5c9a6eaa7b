/**
 * @module A month below a role's minimum (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1; setting duty.rules)
 * climbs the shared escalation ladder (platform/escalation): each rung once per person, role and month, from
 * the day after the month ends — the enterprise's managers and the regulators told on the first rung, the
 * regulators on the later ones, with an audit event.
 */
import type { SQL } from 'drizzle-orm';
import { todayIn } from '../../../shared/dates.ts';
import { dutySteps } from '../../../shared/duty.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  ladderRecipients,
} from '../notifications/notification.service.ts';
import { recordAudit } from './duty.audit.ts';
import { shortMonths } from './duty.service.ts';
import { dutySettings } from './duty.settings.ts';

/** Escalates every short month of every mine; answers how many rungs were climbed. */
export async function escalateShortMonths(deps: ServiceDeps): Promise<number> {
  const today = todayIn(deps.clock);
  const rules = await getSetting(deps.db, dutySettings.rules);
  const subjects = (await shortMonths(deps, undefined, {})).map((m) => ({
    id: `${m.leader.personId}:${m.rule.role}:${m.month}`,
    personId: m.leader.personId,
    enterpriseId: m.leader.enterpriseId,
    countyCode: m.leader.countyCode,
    countyName: m.leader.countyName,
    mineName: m.leader.mineName,
    personName: m.leader.personName,
    role: m.rule.role,
    month: m.month,
    days: m.days,
    minDays: m.rule.minDays,
    dueOn: m.shortfall?.dueOn ?? today,
  }));
  if (subjects.length === 0) {
    return 0;
  }
  const notifiable = await notifiableUsers(deps.db);
  const run = await runEscalation(
    deps,
    {
      subjectType: 'duty_finding',
      dueSteps: (s) => dutySteps(rules, s.dueOn, today),
      recipients: (_tx, s, step) => ladderRecipients(notifiable, s, step),
      notice: (s, step) => ({
        title: `${s.role}履职天数不足: ${s.mineName} ${s.personName} (${step.step})`,
        body: `${s.countyName} ${s.mineName} ${s.role} ${s.personName} ${s.month} 履职 ${s.days} 天, 少于每月 ${s.minDays} 天`,
      }),
      notify: notifyUsers,
      audit: (tx, at, s, step, recipients) =>
        recordAudit(tx, escalationActor, at, {
          type: 'duty.finding.escalated',
          entityId: s.personId,
          after: {
            role: s.role,
            month: s.month,
            days: s.days,
            minDays: s.minDays,
            step: step.step,
            recipients,
          },
        }),
    },
    subjects,
  );
  return run.steps;
}

/**
 * Every mine's leaders short of their monthly days in the judged months, once per role, for the risk
 * score (inspections/risk/risk.duties.ts).
 */
export async function lapsedDutyDays(deps: ServiceDeps, _today: string, mineScope?: SQL) {
  const short = await shortMonths(deps, undefined, {}, mineScope);
  const seen = new Set<string>();
  return short.flatMap((m) => {
    const key = `${m.leader.mineId}|${m.rule.role}`;
    if (seen.has(key)) {
      return [];
    }
    seen.add(key);
    return [{ mineId: m.leader.mineId, duty: `${m.rule.role}履职天数不足` }];
  });
}
