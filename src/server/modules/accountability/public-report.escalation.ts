/**
 * @module A 举报 step past its time limit is escalated once (the shared durable ladder of
 * platform/escalation): the handling unit's administrators and those of the unit above it are told,
 * with an audit event. A case moving on gets a new time limit and can be escalated again at that step.
 */
import { and, eq, inArray, isNotNull, lt, notInArray, or } from 'drizzle-orm';
import { addDays, todayIn } from '../../../shared/dates.ts';
import { CaseState } from '../../../shared/public-reports.ts';
import { recordAudit } from './accountability.audit.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { organisations, users } from '../access/access.table.ts';
import { notifyUsers, recipientsWhere } from '../notifications/notification.service.ts';
import { publicReports } from './public-report.table.ts';

/** The region code of the unit above a region: county → city, city → province, province → itself. */
function parentRegion(region: string): string {
  return region.endsWith('0000')
    ? region
    : region.endsWith('00')
      ? `${region.slice(0, 2)}0000`
      : `${region.slice(0, 4)}00`;
}

export async function escalateOverdueCases(deps: ServiceDeps): Promise<number> {
  const today = todayIn(deps.clock);
  const overdue = await deps.db
    .select()
    .from(publicReports)
    .where(
      and(
        isNotNull(publicReports.dueOn),
        lt(publicReports.dueOn, today),
        notInArray(publicReports.state, [CaseState.Answered, CaseState.Rejected]),
      ),
    );
  const run = await runEscalation(
    deps,
    {
      subjectType: 'public_report',
      // One step per state: due the day after the state's time limit.
      dueSteps: (r) => [{ step: `${r.state}逾期`, dueOn: addDays(r.dueOn ?? today, 1) }],
      recipients: async (tx, r) => {
        const [unit] = await tx
          .select({ regionCode: organisations.regionCode })
          .from(organisations)
          .where(eq(organisations.id, r.unitId));
        const parent = parentRegion(unit?.regionCode ?? '');
        return recipientsWhere(
          tx,
          and(
            eq(users.role, 'regulator_admin'),
            or(eq(users.organisationId, r.unitId), inArray(organisations.regionCode, [parent])),
          ),
        );
      },
      notice: (r) => ({
        title: `举报办理逾期: ${r.trackingCode}`,
        body: `${r.state} 之后的环节应于 ${r.dueOn ?? ''} 前完成`,
      }),
      notify: notifyUsers,
      audit: (tx, at, r, _step, recipients) =>
        recordAudit(tx, escalationActor, at, {
          type: 'accountability.public_report.escalated',
          entityId: r.id,
          after: { state: r.state, dueOn: r.dueOn, recipients },
        }),
    },
    overdue,
  );
  return run.steps;
}
