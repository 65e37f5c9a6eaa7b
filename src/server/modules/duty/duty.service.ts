/**
 * @module 企业主体责任 (issue 25 §4): the dated duty records a mine files per person (带班下井, 现场履职,
 * 在岗履职), each leader's month against the minimum of their role (《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(二)1:
 * 主要负责人带班下井 ≥ 5, 实际控制人 ≥ 10, 安全工程师 ≥ 15 个工作日; setting duty.rules), the months below it, and
 * the 矿长安全生产记分 (《2024年矿山安全生产工作要点》第22条) with each principal's year total against the
 * threshold (setting duty.scoreRules). Everything is scoped to the mines the caller may see.
 */
import { DateWindows } from '../../../shared/date-windows.ts';
import { addMonths, todayIn } from '../../../shared/dates.ts';
import type {
  DutyFindingsQuery,
  DutyMonthQuery,
  DutyRecordListQuery,
  ScoreListQuery,
} from '../../../shared/duty.schemas.ts';
import {
  judgedMonths,
  monthOf,
  yearScore,
  type DutyRecordInput,
  type ScoreInput,
} from '../../../shared/duty.ts';
import { shanghaiDate } from '../../../shared/dates.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, checkDateWindows, invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { people } from '../registry/person.table.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import { recordAudit } from './duty.audit.ts';
import { DutyPermission } from './duty.permissions.ts';
import { presentMonth, presentRecord, presentScore } from './duty.presenter.ts';
import * as repo from './duty.repository.ts';
import { dutySettings } from './duty.settings.ts';
import { dutyRecords, dutyScores } from './duty.table.ts';
import { tallyMonths } from './duty.tally.ts';
import { isNull, type SQL } from 'drizzle-orm';

const LIST_MAX = 2000;

/**
 * A person named in a request body: active, of a mine the caller may see (an enterprise only its own), and
 * of the mine the body names — a 400 on personId otherwise (the cases are not told apart).
 */
async function loadPersonForInput(db: Db, principal: Principal, mineId: string, personId: string) {
  const found = await visibleByMine(db, principal, people, personId, {
    entity: 'person',
    where: isNull(people.archivedAt),
    field: { path: 'personId', message: '人员不存在、已离职或不在管辖范围内' },
  });
  if (found.row.mineId !== mineId) {
    throw invalidField('personId', '该人员不属于所选矿山', personId);
  }
  return found;
}

/** Duty records of the caller's jurisdiction (of a region, mine, person or month), newest first. */
export async function listRecords(deps: ServiceDeps, principal: Principal, q: DutyRecordListQuery) {
  requirePermission(principal, DutyPermission.Read);
  const rows = await repo.listRecords(
    deps.db,
    {
      mineScope: mineScopeCondition(principal.scope),
      region: q.region,
      mineId: q.mineId,
      personId: q.personId,
      from: q.month ? `${q.month}-01` : undefined,
      to: q.month ? addMonths(`${q.month}-01`, 1) : undefined,
    },
    LIST_MAX,
  );
  return rows.filter((r) => !q.month || monthOf(r.record.dutyOn) === q.month).map(presentRecord);
}

/**
 * Files a dated duty record for a person of a mine the caller may see (an enterprise only its own), not in
 * the future; a second record of the same kind on the same day is a 409.
 */
export async function fileRecord(deps: ServiceDeps, principal: Principal, input: DutyRecordInput) {
  requirePermission(principal, DutyPermission.File);
  const now = deps.clock();
  checkDateWindows(todayIn(deps.clock), { dutyOn: [input.dutyOn, DateWindows.happened] });
  return deps.db.transaction(async (tx) => {
    await loadPersonForInput(tx, principal, input.mineId, input.personId);
    const id = await repo.insertRecord(tx, {
      ...input,
      filedBy: principal.userId,
      filedLabel: principal.displayName,
      createdAt: now,
    });
    if (!id) {
      throw new AppError(AppErrorCode.Conflict, '该人员当天已有此类履职记录', [
        { path: 'dutyOn', message: `${input.dutyOn} 已登记${input.kind}`, value: input.dutyOn },
      ]);
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'duty.record.filed',
      entityId: id,
      after: input,
    });
    const row = await repo.findRecord(tx, id);
    if (!row) {
      throw new AppError(AppErrorCode.Internal, 'duty record not stored');
    }
    return presentRecord(row);
  });
}

async function scopedLeaders(
  deps: ServiceDeps,
  principal: Principal | undefined,
  q: DutyFindingsQuery,
  /** Without a principal: the mines to judge (a condition on `mines`; none = every mine). */
  mines?: SQL,
) {
  const rules = await getSetting(deps.db, dutySettings.rules);
  const leaders = await repo.leaders(
    deps.db,
    rules.rules.map((r) => r.role),
    {
      // No principal: the ladder's job over every mine, or the risk score's over the mines it scores.
      mineScope: principal ? mineScopeCondition(principal.scope) : mines,
      region: q.region,
      mineId: q.mineId,
    },
  );
  return { rules, leaders };
}

/** Each leader's days in a month (the previous month by default) against their role's minimum. */
export async function listMonths(deps: ServiceDeps, principal: Principal, q: DutyMonthQuery) {
  requirePermission(principal, DutyPermission.Read);
  const today = todayIn(deps.clock);
  const month = q.month ?? monthOf(addMonths(`${monthOf(today)}-01`, -1));
  const { rules, leaders } = await scopedLeaders(deps, principal, q);
  const rows = await tallyMonths(deps.db, rules, leaders, () => [month], today);
  return rows.map(presentMonth);
}

/**
 * The closed months below a role's minimum of the caller's jurisdiction (every judged month of
 * duty.rules: from the month after the person was registered, at most lookbackMonths back).
 */
export async function listFindings(deps: ServiceDeps, principal: Principal, q: DutyFindingsQuery) {
  requirePermission(principal, DutyPermission.Read);
  return (await shortMonths(deps, principal, q)).map(presentMonth);
}

/** The short months of a scope (the findings and the ladder's subjects). */
export async function shortMonths(
  deps: ServiceDeps,
  principal: Principal | undefined,
  q: DutyFindingsQuery,
  mines?: SQL,
) {
  const today = todayIn(deps.clock);
  const { rules, leaders } = await scopedLeaders(deps, principal, q, mines);
  const rows = await tallyMonths(
    deps.db,
    rules,
    leaders,
    (l) => judgedMonths(rules, shanghaiDate(l.registeredAt), today),
    today,
  );
  return rows.filter((r) => r.shortfall !== null);
}

function yearOf(deps: ServiceDeps, year: string | undefined) {
  return year ?? todayIn(deps.clock).slice(0, 4);
}

/** 记分 entries of the caller's jurisdiction in a year (this year by default), newest first. */
export async function listScores(deps: ServiceDeps, principal: Principal, q: ScoreListQuery) {
  requirePermission(principal, DutyPermission.Read);
  const year = yearOf(deps, q.year);
  const rows = await repo.listScores(
    deps.db,
    {
      mineScope: mineScopeCondition(principal.scope),
      region: q.region,
      mineId: q.mineId,
      from: `${year}-01-01`,
      to: `${Number(year) + 1}-01-01`,
    },
    LIST_MAX,
  );
  return rows.map(presentScore);
}

/**
 * Gives a principal (a role of duty.scoreRules) of a mine the caller may see a 记分 entry, dated not in the
 * future.
 */
export async function fileScore(deps: ServiceDeps, principal: Principal, input: ScoreInput) {
  requirePermission(principal, DutyPermission.Score);
  const now = deps.clock();
  checkDateWindows(todayIn(deps.clock), { deductedOn: [input.deductedOn, DateWindows.happened] });
  const scoreRules = await getSetting(deps.db, dutySettings.scoreRules);
  return deps.db.transaction(async (tx) => {
    const { row: person } = await loadPersonForInput(tx, principal, input.mineId, input.personId);
    if (!person.roles.some((r) => scoreRules.roles.includes(r))) {
      throw invalidField(
        'personId',
        `只能对${scoreRules.roles.join('、')}记分 (该人员为 ${person.roles.join('、') || '未登记岗位'})`,
        input.personId,
      );
    }
    const id = await repo.insertScore(tx, {
      ...input,
      filedBy: principal.userId,
      filedLabel: principal.displayName,
      createdAt: now,
    });
    if (!id) {
      throw new AppError(AppErrorCode.Internal, 'score not stored');
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'duty.score.filed',
      entityId: id,
      after: input,
    });
    const row = await repo.findScore(tx, id);
    if (!row) {
      throw new AppError(AppErrorCode.Internal, 'score not stored');
    }
    return presentScore(row);
  });
}

/** Each scored principal's points in a year against the threshold of duty.scoreRules, highest first. */
export async function listScoreTotals(deps: ServiceDeps, principal: Principal, q: ScoreListQuery) {
  requirePermission(principal, DutyPermission.Read);
  const year = yearOf(deps, q.year);
  const rules = await getSetting(deps.db, dutySettings.scoreRules);
  const rows = await repo.listScores(
    deps.db,
    {
      mineScope: mineScopeCondition(principal.scope),
      region: q.region,
      mineId: q.mineId,
      from: `${year}-01-01`,
      to: `${Number(year) + 1}-01-01`,
    },
    LIST_MAX * 5,
  );
  const byPerson = new Map<string, repo.ScoreRow[]>();
  for (const r of rows) {
    byPerson.set(r.score.personId, [...(byPerson.get(r.score.personId) ?? []), r]);
  }
  return [...byPerson.values()]
    .map((entries) => {
      const first = entries[0] as repo.ScoreRow;
      const s = yearScore(
        rules,
        entries.map((e) => e.score),
        year,
      );
      return {
        mineId: first.score.mineId,
        mineName: first.mineName,
        countyName: first.countyName,
        personId: first.score.personId,
        personName: first.personName,
        year,
        total: s.total,
        threshold: rules.yearlyThreshold,
        overThreshold: s.overThreshold,
      };
    })
    .sort((a, b) => b.total - a.total || a.personName.localeCompare(b.personName));
}

/** A duty record of a mine the caller may see, or a 404 (for its audit history). */
export async function getRecord(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, DutyPermission.Read);
  await visibleByMine(deps.db, principal, dutyRecords, id, { entity: 'duty_record' });
  const row = await repo.findRecord(deps.db, id);
  return row && presentRecord(row);
}

/** A 记分 entry of a mine the caller may see, or a 404 (for its audit history). */
export async function getScore(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, DutyPermission.Read);
  await visibleByMine(deps.db, principal, dutyScores, id, { entity: 'duty_score' });
  const row = await repo.findScore(deps.db, id);
  return row && presentScore(row);
}
