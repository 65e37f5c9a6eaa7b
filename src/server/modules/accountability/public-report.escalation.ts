/**
 * @module A 举报 step past its time limit is escalated once (the shared durable ladder of
 * platform/escalation): the handling unit's administrators and those of the unit above it are told,
 * with an audit event. A case moving on gets a new time limit and can be escalated again at that step.
 */
import { and, eq, inArray, isNotNull, lt, notInArray, or } from 'drizzle-orm';
import { CaseState } from '../../../shared/public-reports.ts';
import { recordAudit } from './accountability.audit.ts';
import { todayIn, type ServiceDeps } from '../../platform/context.ts';
import { addDays, claimSteps } from '../../platform/escalation/escalation.service.ts';
import { organisations, users } from '../access/access.table.ts';
import { notifyUsers } from '../notifications/notification.service.ts';
import { publicReports } from './public-report.table.ts';

const SYSTEM_ACTOR = { actorId: null, actorLabel: 'system:escalation', ip: null };

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
  let steps = 0;
  for (const r of overdue) {
    const dueOn = addDays(r.dueOn ?? today, 1);
    steps += await deps.db.transaction(async (tx) => {
      const at = deps.clock();
      const claimed = await claimSteps(
        tx,
        { type: 'public_report', id: r.id },
        [{ step: `${r.state}逾期`, dueOn }],
        at,
      );
      if (claimed.length === 0) {
        return 0;
      }
      const [unit] = await tx
        .select({ regionCode: organisations.regionCode })
        .from(organisations)
        .where(eq(organisations.id, r.unitId));
      const region = unit?.regionCode ?? '';
      const parent = region.endsWith('0000')
        ? region
        : region.endsWith('00')
          ? `${region.slice(0, 2)}0000`
          : `${region.slice(0, 4)}00`;
      const recipients = await tx
        .select({ id: users.id, username: users.username, displayName: users.displayName })
        .from(users)
        .innerJoin(organisations, eq(organisations.id, users.organisationId))
        .where(
          and(
            eq(users.role, 'regulator_admin'),
            or(eq(users.organisationId, r.unitId), inArray(organisations.regionCode, [parent])),
          ),
        );
      await notifyUsers(
        tx,
        recipients,
        {
          subjectType: 'public_report',
          subjectId: r.id,
          title: `举报办理逾期: ${r.trackingCode}`,
          body: `${r.state} 之后的环节应于 ${r.dueOn ?? ''} 前完成`,
        },
        at,
      );
      await recordAudit(tx, SYSTEM_ACTOR, at, {
        type: 'accountability.public_report.escalated',
        entityId: r.id,
        after: { state: r.state, dueOn: r.dueOn, recipients: recipients.length },
      });
      return 1;
    });
  }
  return steps;
}
