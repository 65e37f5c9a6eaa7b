/**
 * @module Out-of-date registers of 应急准备与培训 climb the shared escalation ladder (platform/escalation):
 * one subject per mine, rule and due date, each rung of emergency.rules once — the enterprise's managers
 * and the regulators told on the first rung, the regulators on the later ones, with an audit event. A
 * record that brings the register into date (a drill, a renewed agreement …) ends the finding, and with
 * it the ladder: the subject is no longer offered.
 */
import type { SQL } from 'drizzle-orm';
import { todayIn } from '../../../shared/dates.ts';
import { emergencySteps } from '../../../shared/emergency.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  ladderRecipients,
} from '../notifications/notification.service.ts';
import { recordAudit } from './emergency.audit.ts';
import { findingsOfRow } from './emergency.presenter.ts';
import * as repo from './emergency.repository.ts';
import { emergencySettings } from './emergency.settings.ts';

/** Every mine's out-of-date registers on `today`, with the rules they were judged by. */
async function everyFinding(deps: ServiceDeps, today: string, mineScope?: SQL) {
  const rules = await getSetting(deps.db, emergencySettings.rules);
  const rows = await repo.mineStates(deps.db, { mineScope }, today, rules.trainingHoursPerYear);
  return {
    rules,
    found: rows.flatMap((m) => findingsOfRow(rules, m, today).map((f) => ({ m, f }))),
  };
}

/** Escalates every out-of-date register; answers how many rungs were climbed. */
export async function escalateEmergencyFindings(deps: ServiceDeps): Promise<number> {
  const today = todayIn(deps.clock);
  const { rules, found } = await everyFinding(deps, today);
  const subjects = found.map(({ m, f }) => ({
    ...f,
    mineId: m.id,
    name: m.name,
    countyName: m.county_name,
    enterpriseId: m.enterprise_id,
    countyCode: m.county_code,
    id: `${m.id}:${f.rule}:${f.dueOn}`,
  }));
  if (subjects.length === 0) {
    return 0;
  }
  const notifiable = await notifiableUsers(deps.db);
  const run = await runEscalation(
    deps,
    {
      subjectType: 'emergency_finding',
      dueSteps: (s) => emergencySteps(rules, s.dueOn, today),
      recipients: (_tx, s, step) => ladderRecipients(notifiable, s, step),
      notice: (s, step) => ({
        title: `${s.rule}逾期: ${s.name} (${step.step})`,
        body: `${s.countyName} ${s.name}: ${s.message} (应于 ${s.dueOn} 前完成)`,
      }),
      notify: notifyUsers,
      audit: (tx, at, s, step, recipients) =>
        recordAudit(tx, escalationActor, at, {
          type: 'emergency.finding.escalated',
          entityId: s.mineId,
          after: { rule: s.rule, dueOn: s.dueOn, step: step.step, recipients },
        }),
    },
    subjects,
  );
  return run.steps;
}

/** Every mine's out-of-date registers on `today`, for the risk score (inspections/risk/risk.duties.ts). */
export async function lapsedEmergencyDuties(deps: ServiceDeps, today: string, mineScope?: SQL) {
  const { found } = await everyFinding(deps, today, mineScope);
  return found.map(({ m, f }) => ({ mineId: m.id, duty: `${f.rule}逾期` }));
}
