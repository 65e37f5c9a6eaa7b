/**
 * @module Monthly self-inspection reports (月度隐患自查报告, seed 000 items 6–8 and 001 items 8–10): every
 * producing or construction mine files one a month, signed by its 主要负责人 — the hazards found, or a
 * 零报告. Reports not filed by the due day of the next month escalate on the same ladder as overdue hazards.
 */
import { and, count, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { SelfInspectionReportInput } from '../../../shared/hazard.schemas.ts';
import { MineStatus } from '../../../shared/registry.enums.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { Permission } from '../../platform/auth/permissions.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { claimSteps, dueSteps } from '../../platform/escalation/escalation.service.ts';
import { escalations } from '../../platform/escalation/escalation.table.ts';
import { AppError, AppErrorCode, invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { notifyUsers, recipientsFor } from '../notifications/notification.service.ts';
import { loadMineForInput, loadVisibleMine } from '../registry/mine.service.ts';
import { mines } from '../registry/mine.table.ts';
import { people } from '../registry/person.table.ts';
import { regions } from '../registry/region.table.ts';
import { allOf, mineScopeCondition, mineRegionCondition } from '../registry/registry.scope.ts';
import { hazards, selfInspectionReports } from './hazard.table.ts';
import { addMonths } from './repeat.rules.ts';

/** Mines that must file: producing or under construction (seed 000 item 7). */
const reportingStatuses = [MineStatus.Producing, MineStatus.Construction];

/** The last day of a YYYY-MM period, and the due date of its report (day `dueDay` of the next month). */
export function periodBounds(period: string, dueDay: number) {
  const first = `${period}-01`;
  const nextFirst = addMonths(first, 1);
  const last = new Date(Date.parse(`${nextFirst}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  const dueOn = `${nextFirst.slice(0, 8)}${String(dueDay).padStart(2, '0')}`;
  return { first, last, dueOn };
}

async function hazardsFoundIn(
  db: Db,
  mineId: string,
  first: string,
  last: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(hazards)
    .where(
      and(eq(hazards.mineId, mineId), gte(hazards.foundOn, first), lte(hazards.foundOn, last)),
    );
  return row?.n ?? 0;
}

function present(r: typeof selfInspectionReports.$inferSelect, mineName: string) {
  return {
    id: r.id,
    mineId: r.mineId,
    mineName,
    period: r.period,
    zeroReport: r.zeroReport,
    hazardCount: r.hazardCount,
    signedBy: r.signedBy,
    note: r.note,
    submittedAt: r.submittedAt.toISOString(),
  };
}

/** Files a mine's monthly report; the enterprise side only, signed by a registered 主要负责人. */
export async function fileSelfInspectionReport(
  deps: ServiceDeps,
  principal: Principal,
  input: SelfInspectionReportInput,
) {
  requirePermission(principal, Permission.HazardReport);
  if (principal.scope.kind !== 'enterprise' && principal.scope.kind !== 'mines') {
    throw new AppError(AppErrorCode.Forbidden, '月度自查报告由企业填报', [
      { path: 'mineId', message: '仅企业用户可填报' },
    ]);
  }
  const dueDay = await getSetting(deps.db, 'hazards.selfInspectionDueDay');
  const { first, last } = periodBounds(input.period, dueDay);
  if (first > todayIn(deps.clock)) {
    throw invalidField('period', '不能填报尚未开始的月份', input.period);
  }
  return deps.db.transaction(async (tx) => {
    const mine = await loadMineForInput(tx, principal, input.mineId);
    const principals = await tx
      .select({ name: people.name })
      .from(people)
      .where(
        and(
          eq(people.mineId, input.mineId),
          sql`${'主要负责人'} = ANY(${people.roles})`,
          sql`${people.archivedAt} IS NULL`,
        ),
      );
    if (!principals.some((p) => p.name === input.signedBy)) {
      throw invalidField(
        'signedBy',
        `须由该矿登记的主要负责人签字 (${principals.map((p) => p.name).join('、') || '未登记主要负责人'})`,
        input.signedBy,
      );
    }
    const found = await hazardsFoundIn(tx, input.mineId, first, last);
    if (input.zeroReport && found > 0) {
      throw invalidField('zeroReport', `本月已发现 ${found} 项重大事故隐患, 不能零报告`, true);
    }
    if (!input.zeroReport && found === 0) {
      throw invalidField('zeroReport', '本月未登记重大事故隐患: 请先上报隐患, 或提交零报告', false);
    }
    const at = deps.clock();
    const [row] = await tx
      .insert(selfInspectionReports)
      .values({
        ...input,
        note: input.note ?? null,
        hazardCount: found,
        submittedAt: at,
        submittedBy: principal.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      throw new AppError(AppErrorCode.Conflict, `${input.period} 的月度自查报告已提交`, [
        { path: 'period', message: '该月已提交', value: input.period },
      ]);
    }
    const after = present(row, mine.mine.name);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.report.filed',
      entityId: row.id,
      after,
    });
    return after;
  });
}

export async function listSelfInspectionReports(
  deps: ServiceDeps,
  principal: Principal,
  q: { period?: string | undefined; region?: string | undefined },
) {
  requirePermission(principal, Permission.HazardRead);
  const rows = await deps.db
    .select({ report: selfInspectionReports, mineName: mines.name })
    .from(selfInspectionReports)
    .innerJoin(mines, eq(mines.id, selfInspectionReports.mineId))
    .where(
      allOf(
        mineScopeCondition(principal.scope),
        mineRegionCondition(q.region ? subtreePrefix(q.region) : undefined),
        q.period ? eq(selfInspectionReports.period, q.period) : undefined,
      ),
    )
    .orderBy(sql`${selfInspectionReports.period} DESC`, mines.name)
    .limit(2000);
  return rows.map((r) => present(r.report, r.mineName));
}

/** Mines that must report for the period and have not; `overdue` once the due day has passed. */
async function missingFor(db: Db, where: ReturnType<typeof allOf>, period: string) {
  return db
    .select({
      mineId: mines.id,
      mineName: mines.name,
      countyName: regions.name,
      status: mines.status,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
    })
    .from(mines)
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .where(
      allOf(
        where,
        inArray(mines.status, reportingStatuses),
        sql`${mines.archivedAt} IS NULL`,
        sql`NOT EXISTS (SELECT 1 FROM ${selfInspectionReports} r WHERE r.mine_id = ${mines.id} AND r.period = ${period})`,
      ),
    )
    .orderBy(mines.name);
}

export async function missingSelfInspectionReports(
  deps: ServiceDeps,
  principal: Principal,
  q: { period: string; region?: string | undefined },
) {
  requirePermission(principal, Permission.HazardRead);
  const dueDay = await getSetting(deps.db, 'hazards.selfInspectionDueDay');
  const { dueOn } = periodBounds(q.period, dueDay);
  const today = todayIn(deps.clock);
  const rows = await missingFor(
    deps.db,
    allOf(
      mineScopeCondition(principal.scope),
      mineRegionCondition(q.region ? subtreePrefix(q.region) : undefined),
    ),
    q.period,
  );
  return rows.map((r) => ({
    mineId: r.mineId,
    mineName: r.mineName,
    countyName: r.countyName,
    status: r.status,
    dueOn,
    overdue: today > dueOn,
  }));
}

const SYSTEM_ACTOR = { actorId: null, actorLabel: 'system:escalation', ip: null };

/** Escalates the reports of the last three months that are missing past their due day. */
export async function escalateMissingReports(
  deps: ServiceDeps,
): Promise<{ reports: number; steps: number }> {
  const ladder = await getSetting(deps.db, 'hazards.escalationLadder');
  const dueDay = await getSetting(deps.db, 'hazards.selfInspectionDueDay');
  const today = todayIn(deps.clock);
  let steps = 0;
  let reports = 0;
  for (let back = 1; back <= 3; back++) {
    const period = addMonths(`${today.slice(0, 7)}-01`, -back).slice(0, 7);
    const { dueOn } = periodBounds(period, dueDay);
    const due = dueSteps(dueOn, ladder, today);
    if (due.length === 0) {
      continue;
    }
    // Skip the mines whose due steps were all taken before (the common case on every tick).
    const done = await deps.db
      .select({ subjectId: escalations.subjectId, step: escalations.step })
      .from(escalations)
      .where(
        and(
          eq(escalations.subjectType, 'self_inspection_report'),
          sql`${escalations.subjectId} LIKE ${`%:${period}`}`,
        ),
      );
    const taken = new Set(done.map((d) => `${d.subjectId}|${d.step}`));
    for (const m of await missingFor(deps.db, undefined, period)) {
      const subjectId = `${m.mineId}:${period}`;
      if (due.every((s) => taken.has(`${subjectId}|${s.step}`))) {
        continue;
      }
      const claimedCount = await deps.db.transaction(async (tx) => {
        const at = deps.clock();
        const claimed = await claimSteps(
          tx,
          { type: 'self_inspection_report', id: subjectId },
          due,
          at,
        );
        for (const step of claimed) {
          const recipients = await recipientsFor(tx, m, step.notify);
          await notifyUsers(
            tx,
            recipients,
            {
              subjectType: 'self_inspection_report',
              subjectId,
              title: `月度自查报告${step.step}: ${m.mineName}`,
              body: `${period} 月度隐患自查报告应于 ${dueOn} 前提交`,
            },
            at,
          );
          await recordAudit(tx, SYSTEM_ACTOR, at, {
            type: 'hazards.report.escalated',
            entityId: subjectId,
            after: { step: step.step, dueOn },
          });
        }
        return claimed.length;
      });
      steps += claimedCount;
      reports += claimedCount ? 1 : 0;
    }
  }
  return { reports, steps };
}

/** Throws unless the caller may see the report (or the mine of a "<mineId>:<period>" subject). */
export async function reportVisible(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<void> {
  requirePermission(principal, Permission.HazardRead);
  let mineId = id.split(':')[0] ?? '';
  if (!id.includes(':')) {
    const [row] = await deps.db
      .select({ mineId: selfInspectionReports.mineId })
      .from(selfInspectionReports)
      .where(eq(selfInspectionReports.id, id));
    mineId = row?.mineId ?? '';
  }
  await loadVisibleMine(deps.db, principal, mineId);
}
