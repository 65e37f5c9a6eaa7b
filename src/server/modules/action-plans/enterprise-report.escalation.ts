/**
 * @module Progress reports missing after their due date (《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六))
 * climb the shared escalation ladder (platform/escalation), copied from survey.escalation.ts: each rung
 * of the schedule's ladderDays once per enterprise and due date — the enterprise's managers and the
 * regulators told on the first rung, the regulators on the later ones (四(四): 通报、约谈、曝光), with an
 * audit event.
 */
import { missingReportSteps, reportStatus } from '../../../shared/enterprise-reports.ts';
import { todayIn } from '../../../shared/dates.ts';
import { subtreePrefix } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  ladderRecipients,
} from '../notifications/notification.service.ts';
import { recordAudit } from './action-plans.audit.ts';
import { actionPlansSettings } from './action-plans.settings.ts';
import * as repo from './enterprise-report.repository.ts';

/** A missing report: the enterprise, its due date and the schedule's ladder. */
interface MissingReport {
  id: string;
  enterpriseId: string;
  name: string;
  countyCode: string;
  dueOn: string;
  title: string;
  ladderDays: readonly number[];
}

/** Every (enterprise, due date) without a report after the date, as the ladder's subjects. */
export async function missingReports(deps: ServiceDeps, today: string): Promise<MissingReport[]> {
  const schedules = await getSetting(deps.db, actionPlansSettings.enterpriseReports);
  const out: MissingReport[] = [];
  for (const s of schedules) {
    const enterprises = await repo.obligedEnterprises(deps.db, subtreePrefix(s.region), undefined);
    const filed = new Set(
      (
        await repo.reportsOf(
          deps.db,
          enterprises.map((e) => e.id),
        )
      ).map((r) => `${r.report.enterpriseId}:${r.report.dueOn}`),
    );
    for (const due of s.dues) {
      for (const e of enterprises) {
        const key = `${e.id}:${due.dueOn}`;
        if (!filed.has(key) && reportStatus(due.dueOn, null, today) === '未报送') {
          out.push({
            id: key,
            enterpriseId: e.id,
            name: e.name,
            countyCode: e.countyCode,
            dueOn: due.dueOn,
            title: due.title,
            ladderDays: s.ladderDays,
          });
        }
      }
    }
  }
  return out;
}

/** Escalates every missing report; answers how many rungs were climbed. */
export async function escalateMissingReports(deps: ServiceDeps): Promise<number> {
  const today = todayIn(deps.clock);
  const subjects = await missingReports(deps, today);
  if (subjects.length === 0) {
    return 0;
  }
  const notifiable = await notifiableUsers(deps.db);
  const run = await runEscalation(
    deps,
    {
      subjectType: 'plan_enterprise_report',
      dueSteps: (s) => missingReportSteps(s.ladderDays, s.dueOn, today),
      recipients: (_tx, s, step) => ladderRecipients(notifiable, s, step),
      notice: (s, step) => ({
        title: `治本攻坚报送未报送: ${s.name} (${step.step})`,
        body: `${s.name} 应于 ${s.dueOn} 前报送「${s.title}」, 至今未报送`,
      }),
      notify: notifyUsers,
      audit: (tx, at, s, step, recipients) =>
        recordAudit(tx, escalationActor, at, {
          type: 'plans.enterprise_report.escalated',
          entityId: s.enterpriseId,
          after: { dueOn: s.dueOn, title: s.title, step: step.step, recipients },
        }),
    },
    subjects,
  );
  return run.steps;
}
