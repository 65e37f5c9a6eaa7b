/**
 * @module Open 三个一批 entries past their deadline (要点第4条: 明确时限要求) climb the shared escalation ladder
 * (platform/escalation): each rung of admission.disposal once per entry — the enterprise's managers and the
 * regulators told on the first rung, the regulators on the later ones, with an audit event.
 */
import type { SQL } from 'drizzle-orm';
import { disposalSteps } from '../../../shared/admission.ts';
import { todayIn } from '../../../shared/dates.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  ladderRecipients,
} from '../notifications/notification.service.ts';
import { recordAudit } from './admission.audit.ts';
import * as repo from './admission.repository.ts';
import { admissionSettings } from './admission.settings.ts';

/** Escalates every overdue open entry; answers how many rungs were climbed. */
export async function escalateOverdueDisposals(deps: ServiceDeps): Promise<number> {
  const today = todayIn(deps.clock);
  const rules = await getSetting(deps.db, admissionSettings.disposal);
  const subjects = (
    await repo.listDisposals(deps.db, { mineScope: undefined, overdueOn: today }, 100_000)
  ).map((r) => ({
    id: r.entry.id,
    enterpriseId: r.enterpriseId,
    countyCode: r.countyCode,
    countyName: r.countyName,
    mineName: r.mineName,
    category: r.entry.category,
    deadline: r.entry.deadline,
  }));
  if (subjects.length === 0) {
    return 0;
  }
  const notifiable = await notifiableUsers(deps.db);
  const run = await runEscalation(
    deps,
    {
      subjectType: 'disposal_entry',
      dueSteps: (s) => disposalSteps(rules, s.deadline, today),
      recipients: (_tx, s, step) => ladderRecipients(notifiable, s, step),
      notice: (s, step) => ({
        title: `${s.category}逾期: ${s.mineName} (${step.step})`,
        body: `${s.countyName} ${s.mineName} 列入「${s.category}」清单, 应于 ${s.deadline} 前完成`,
      }),
      notify: notifyUsers,
      audit: (tx, at, s, step, recipients) =>
        recordAudit(tx, escalationActor, at, {
          type: 'admission.disposal.escalated',
          entityId: s.id,
          after: { category: s.category, deadline: s.deadline, step: step.step, recipients },
        }),
    },
    subjects,
  );
  return run.steps;
}

/** Every mine's 三个一批 entry past its deadline on `today`, for the risk score (inspections/risk/risk.duties.ts). */
export async function lapsedDisposals(deps: ServiceDeps, today: string, mineScope?: SQL) {
  const rows = await repo.listDisposals(deps.db, { mineScope, overdueOn: today }, 100_000);
  return rows.map((r) => ({ mineId: r.entry.mineId, duty: `${r.entry.category}逾期未完成` }));
}
