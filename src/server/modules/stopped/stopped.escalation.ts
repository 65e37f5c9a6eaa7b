/**
 * @module Overdue 驻矿盯守 / 巡查 climb the shared escalation ladder (platform/escalation): a 包保责任人 of a mine
 * still stopped whose last visit (or assignment) is older than stopped.patrolIntervalDays is overdue from
 * that day (《2024年矿山安全生产工作要点》第18条 "落实驻矿盯守或巡查责任"; 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)5).
 * Each step of stopped.patrolLadder is taken once per due date: a visit moves the due date, so the next
 * lapse climbs again. The first step tells the official, later ones also the unit's administrators.
 */
import { shanghaiDate, todayIn } from '../../../shared/dates.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { dueSteps } from '../../platform/escalation/escalation.service.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { notifyUsers } from '../notifications/notification.service.ts';
import { recordAudit } from './stopped.audit.ts';
import { unitAdmins, wardensOfStoppedMines } from './stopped.repository.ts';
import { patrolDue, stoppedStatuses } from './stopped.service.ts';
import { stoppedSettings } from './stopped.settings.ts';

export async function escalateOverduePatrols(
  deps: ServiceDeps,
): Promise<{ wardens: number; steps: number }> {
  const interval = await getSetting(deps.db, stoppedSettings.patrolIntervalDays);
  const ladder = await getSetting(deps.db, stoppedSettings.patrolLadder);
  const now = deps.clock();
  const today = todayIn(deps.clock);
  const rows = await wardensOfStoppedMines(deps.db, stoppedStatuses);
  const subjects = rows.map((w) => {
    const last = w.lastVisitAt ? new Date(w.lastVisitAt) : null;
    const dueOn = shanghaiDate(patrolDue(w.since, last, interval, now).nextDueAt);
    // One subject per lapse: the warden and the day its visit fell due.
    return { ...w, wardenId: w.id, id: `${w.id}:${dueOn}`, dueOn };
  });
  const run = await runEscalation(
    deps,
    {
      subjectType: 'stopped_patrol',
      dueSteps: (s) => dueSteps(s.dueOn, ladder, today),
      recipients: async (tx, s, step) => {
        const official = { id: s.userId, username: s.username, displayName: s.displayName };
        if (step.step === ladder[0]?.step) {
          return [official];
        }
        const admins = await unitAdmins(tx, s.organisationId);
        return [official, ...admins.filter((a) => a.id !== s.userId)];
      },
      notice: (s, step) => ({
        title: `停产矿山巡查逾期${step.step}: ${s.mineName}`,
        body: `${s.displayName} 包保的停产矿山 ${s.mineName} 应于 ${s.dueOn} 前巡查, 至今未见巡查记录`,
      }),
      notify: notifyUsers,
      audit: (tx, at, s, step, recipients) =>
        recordAudit(tx, escalationActor, at, {
          type: 'stopped.patrol.escalated',
          entityId: s.wardenId,
          after: { step: step.step, dueOn: s.dueOn, recipients },
        }),
    },
    subjects,
  );
  return { wardens: run.subjects, steps: run.steps };
}
