/**
 * @module Periodic hazard inspections of 《2024年矿山安全生产工作要点》第19条 (and 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第6–8条,
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8–10条):
 * every producing or construction mine files a monthly self-inspection report signed by its 主要负责人 —
 * the hazards found, or a 零报告 — and the parent company of a mine records its quarterly inspection.
 * Reports not filed by their due day escalate on the same ladder as overdue hazards.
 */
import { and, count, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type {
  ParentInspectionInput,
  SelfInspectionReportInput,
} from '../../../shared/hazard.schemas.ts';
import { MineStatus } from '../../../shared/registry.enums.ts';
import { recordAudit } from './hazards.audit.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { todayIn } from '../../../shared/dates.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { escalationActor, runEscalation } from '../../platform/escalation/escalation.runner.ts';
import { dueSteps } from '../../platform/escalation/escalation.service.ts';
import { escalations } from '../../platform/escalation/escalation.table.ts';
import { AppError, AppErrorCode, invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  notifiableUsers,
  notifyUsers,
  pickRecipients,
  type NotifiableUser,
} from '../notifications/notification.service.ts';
import { enterprises } from '../registry/enterprise.table.ts';
import { loadMineForInput, loadVisibleMine } from '../registry/mine.service.ts';
import { mines } from '../registry/mine.table.ts';
import { people } from '../registry/person.table.ts';
import { regions } from '../registry/region.table.ts';
import { allOf, mineScopeCondition, mineRegionCondition } from '../registry/registry.scope.ts';
import { hazards, selfInspectionReports } from './hazard.table.ts';
import {
  monthly,
  parentQuarterly,
  periodBounds,
  previousPeriods,
  type Cadence,
} from './inspection.cadence.ts';
import { hazardsSettings } from './hazards.settings.ts';
import { HazardPermission } from './hazards.permissions.ts';

export { periodBounds } from './inspection.cadence.ts';

/**
 * Mines that must file: producing or under construction (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第6条 says 矿山企业;
 * the statuses are minewatch's reading).
 */
const reportingStatuses = [MineStatus.Producing, MineStatus.Construction];

/** Mines whose enterprise has a registered parent company (上级公司). */
const hasParentCompany = sql`EXISTS (SELECT 1 FROM ${enterprises} e WHERE e.id = ${mines.enterpriseId} AND e.parent_company IS NOT NULL AND e.parent_company <> '')`;

/** Which mines must file for a cadence, besides being producing or under construction. */
function mustFile(cadence: Cadence): SQL | undefined {
  return cadence === parentQuarterly ? hasParentCompany : undefined;
}

/** How many hazards this inspection counts at the mine in the period. */
async function hazardsFoundIn(
  db: Db,
  cadence: Cadence,
  mineId: string,
  first: string,
  last: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(hazards)
    .where(
      and(
        eq(hazards.mineId, mineId),
        gte(hazards.foundOn, first),
        lte(hazards.foundOn, last),
        cadence.sources ? inArray(hazards.source, [...cadence.sources]) : undefined,
      ),
    );
  return row?.n ?? 0;
}

function present(r: typeof selfInspectionReports.$inferSelect, mineName: string) {
  return {
    id: r.id,
    kind: r.kind,
    mineId: r.mineId,
    mineName,
    period: r.period,
    zeroReport: r.zeroReport,
    hazardCount: r.hazardCount,
    signedBy: r.signedBy,
    inspectedOn: r.inspectedOn,
    wentUnderground: r.wentUnderground,
    note: r.note,
    submittedAt: r.submittedAt.toISOString(),
  };
}

function requireEnterpriseSide(principal: Principal, what: string) {
  if (principal.scope.kind !== 'enterprise' && principal.scope.kind !== 'mines') {
    throw new AppError(AppErrorCode.Forbidden, `${what}由企业填报`, [
      { path: 'mineId', message: '仅企业用户可填报' },
    ]);
  }
}

interface Filing {
  mineId: string;
  period: string;
  zeroReport: boolean;
  signedBy: string;
  note?: string | undefined;
  inspectedOn?: string | undefined;
  wentUnderground?: boolean | undefined;
}

/**
 * Files one period's inspection of a visible mine: `check` validates what the cadence requires (in the
 * transaction); 零报告 only without hazards found, a report only with them; one per mine and period.
 */
async function fileInspection(
  deps: ServiceDeps,
  principal: Principal,
  cadence: Cadence,
  input: Filing,
  check: (tx: Db, mine: Awaited<ReturnType<typeof loadMineForInput>>) => Promise<void>,
) {
  requirePermission(principal, HazardPermission.Report);
  requireEnterpriseSide(principal, cadence.label);
  const dueDay = await getSetting(deps.db, cadence.dueDaySetting);
  const { first, last } = periodBounds(input.period, dueDay);
  const today = todayIn(deps.clock);
  if (first > today) {
    throw invalidField('period', '不能填报尚未开始的期间', input.period);
  }
  if (input.inspectedOn && (input.inspectedOn < first || input.inspectedOn > last)) {
    throw invalidField('inspectedOn', `检查日期须在 ${first} 至 ${last} 之间`, input.inspectedOn);
  }
  if (input.inspectedOn && input.inspectedOn > today) {
    throw invalidField('inspectedOn', '检查日期不能晚于今天', input.inspectedOn);
  }
  return deps.db.transaction(async (tx) => {
    const mine = await loadMineForInput(tx, principal, input.mineId);
    await check(tx, mine);
    const found = await hazardsFoundIn(tx, cadence, input.mineId, first, last);
    const findings = cadence.sources ? `${cadence.sources.join('、')}发现的` : '';
    const inPeriod = cadence.months === 1 ? '本月' : '本季度';
    if (input.zeroReport && found > 0) {
      throw invalidField(
        'zeroReport',
        `${inPeriod}已发现 ${found} 项${findings}重大事故隐患, 不能零报告`,
        true,
      );
    }
    if (!input.zeroReport && found === 0) {
      throw invalidField(
        'zeroReport',
        `${inPeriod}未登记${findings}重大事故隐患: 请先上报隐患, 或提交零报告`,
        false,
      );
    }
    const at = deps.clock();
    const [row] = await tx
      .insert(selfInspectionReports)
      .values({
        mineId: input.mineId,
        kind: cadence.kind,
        period: input.period,
        zeroReport: input.zeroReport,
        signedBy: input.signedBy,
        inspectedOn: input.inspectedOn ?? null,
        wentUnderground: input.wentUnderground ?? null,
        note: input.note ?? null,
        hazardCount: found,
        submittedAt: at,
        submittedBy: principal.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      throw new AppError(AppErrorCode.Conflict, `${input.period} 的${cadence.label}已提交`, [
        { path: 'period', message: '该期已提交', value: input.period },
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

/** Files a mine's monthly report, signed by a registered 主要负责人 of the mine. */
export function fileSelfInspectionReport(
  deps: ServiceDeps,
  principal: Principal,
  input: SelfInspectionReportInput,
) {
  return fileInspection(deps, principal, monthly, input, async (tx) => {
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
  });
}

/** Records the parent company's quarterly inspection of a mine whose enterprise has one. */
export function fileParentInspection(
  deps: ServiceDeps,
  principal: Principal,
  input: ParentInspectionInput,
) {
  const { leader, ...rest } = input;
  return fileInspection(
    deps,
    principal,
    parentQuarterly,
    { ...rest, signedBy: leader },
    async (tx, mine) => {
      const [ent] = await tx
        .select({ parentCompany: enterprises.parentCompany })
        .from(enterprises)
        .where(eq(enterprises.id, mine.mine.enterpriseId));
      if (!ent?.parentCompany) {
        throw invalidField('mineId', '该矿山所属企业未登记上级公司', input.mineId);
      }
    },
  );
}

export async function listInspections(
  deps: ServiceDeps,
  principal: Principal,
  cadence: Cadence,
  q: { period?: string | undefined; region?: string | undefined },
) {
  requirePermission(principal, HazardPermission.Read);
  const rows = await deps.db
    .select({ report: selfInspectionReports, mineName: mines.name })
    .from(selfInspectionReports)
    .innerJoin(mines, eq(mines.id, selfInspectionReports.mineId))
    .where(
      allOf(
        mineScopeCondition(principal.scope),
        mineRegionCondition(q.region ? subtreePrefix(q.region) : undefined),
        eq(selfInspectionReports.kind, cadence.kind),
        q.period ? eq(selfInspectionReports.period, q.period) : undefined,
      ),
    )
    .orderBy(sql`${selfInspectionReports.period} DESC`, mines.name)
    .limit(2000);
  return rows.map((r) => present(r.report, r.mineName));
}

/** Mines that must report for the period and have not. */
async function missingFor(db: Db, cadence: Cadence, where: SQL | undefined, period: string) {
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
        mustFile(cadence),
        sql`NOT EXISTS (SELECT 1 FROM ${selfInspectionReports} r WHERE r.mine_id = ${mines.id} AND r.kind = ${cadence.kind} AND r.period = ${period})`,
      ),
    )
    .orderBy(mines.name);
}

/** The mines that have not filed for the period; `overdue` once the due day has passed. */
export async function missingInspections(
  deps: ServiceDeps,
  principal: Principal,
  cadence: Cadence,
  q: { period: string; region?: string | undefined },
) {
  requirePermission(principal, HazardPermission.Read);
  const dueDay = await getSetting(deps.db, cadence.dueDaySetting);
  const { dueOn } = periodBounds(q.period, dueDay);
  const today = todayIn(deps.clock);
  const rows = await missingFor(
    deps.db,
    cadence,
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

/** Escalates one cadence's missing reports of its recent periods past their due day. */
async function escalateMissing(deps: ServiceDeps, cadence: Cadence, periods: number) {
  const ladder = await getSetting(deps.db, hazardsSettings.escalationLadder);
  const dueDay = await getSetting(deps.db, cadence.dueDaySetting);
  const today = todayIn(deps.clock);
  // Who can be told, read once per run rather than once per step.
  let notifiable: NotifiableUser[] | undefined;
  const total = { reports: 0, steps: 0 };
  for (const period of previousPeriods(cadence, today, periods)) {
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
          eq(escalations.subjectType, cadence.subjectType),
          sql`${escalations.subjectId} LIKE ${`%:${period}`}`,
        ),
      );
    const taken = new Set(done.map((d) => `${d.subjectId}|${d.step}`));
    const subjects = (await missingFor(deps.db, cadence, undefined, period))
      .map((m) => ({ ...m, id: `${m.mineId}:${period}` }))
      .filter((m) => !due.every((s) => taken.has(`${m.id}|${s.step}`)));
    if (subjects.length) {
      notifiable ??= await notifiableUsers(deps.db);
    }
    const run = await runEscalation(
      deps,
      {
        subjectType: cadence.subjectType,
        dueSteps: () => due,
        recipients: (_tx, m, step) =>
          Promise.resolve(pickRecipients(notifiable ?? [], m, step.notify)),
        notice: (m, step) => ({
          title: `${cadence.label}${step.step}: ${m.mineName}`,
          body: `${period} ${cadence.label}应于 ${dueOn} 前提交`,
        }),
        notify: notifyUsers,
        audit: (tx, at, m, step) =>
          recordAudit(tx, escalationActor, at, {
            type: 'hazards.report.escalated',
            entityId: m.id,
            after: { step: step.step, dueOn, kind: cadence.kind },
          }),
      },
      subjects,
    );
    total.reports += run.subjects;
    total.steps += run.steps;
  }
  return total;
}

/** Escalates missing monthly reports (last three months) and quarterly inspections (last two quarters). */
export async function escalateMissingReports(
  deps: ServiceDeps,
): Promise<{ reports: number; steps: number }> {
  const a = await escalateMissing(deps, monthly, 3);
  const b = await escalateMissing(deps, parentQuarterly, 2);
  return { reports: a.reports + b.reports, steps: a.steps + b.steps };
}

/** Throws unless the caller may see the report (or the mine of a "<mineId>:<period>" subject). */
export async function reportVisible(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<void> {
  requirePermission(principal, HazardPermission.Read);
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
