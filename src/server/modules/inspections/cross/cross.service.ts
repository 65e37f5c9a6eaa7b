/**
 * @module 异地交叉执法 (《2024年矿山安全生产工作要点》第41条: 建立完善异地执法人才库…开展异地交叉执法; 西藏
 * 《非煤矿山系统安全生产治本攻坚三年行动方案》第20条 交叉执法; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第23条 异地交叉执法). A
 * common superior unit — one whose jurisdiction holds the target region and every unit that sends
 * inspectors, none of which covers the target — makes a time-limited arrangement with a pool of
 * inspectors (执法人才库). During its period a member sees the arrangement, its mines and the inspections
 * made under it, acting with the target region as jurisdiction and nothing more; before and after it,
 * nothing. The making unit and its superiors see it always; the inspected county is not told of it
 * (四不两直). Inspections under it count for the target region and for the inspector's own unit.
 */
import {
  CrossArrangementValidation,
  type CrossArrangementCreateInput,
  type CrossArrangementEndInput,
  type CrossArrangementMineResponse,
  type CrossArrangementResponse,
} from '../../../../shared/inspection-cross.schemas.ts';
import { daysBetween, todayIn } from '../../../../shared/dates.ts';
import { DateWindows } from '../../../../shared/date-windows.ts';
import { regionInScope, subtreePrefix, type Principal } from '../../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import {
  AppError,
  AppErrorCode,
  checkDateWindows,
  invalidField,
  notFound,
} from '../../../platform/errors.ts';
import { recordAudit } from '../inspections.audit.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { presentArrangement } from './cross.presenter.ts';
import * as repo from './cross.repository.ts';
import { arrangementState, inForce } from './cross.rules.ts';

/** Mines of an arrangement listed at most. */
const minesMax = 2000;
/** Arrangements listed at most. */
const listMax = 500;

/** Whether two regions' subtrees overlap (one holds the other). */
function overlaps(a: string, b: string): boolean {
  return a.startsWith(subtreePrefix(b)) || b.startsWith(subtreePrefix(a));
}

/** Whether the caller sees an arrangement from the making side: its unit, or a unit above it. */
function seesAsMaker(principal: Principal, a: repo.ArrangementRow): boolean {
  if (principal.scope.kind === 'all') {
    return true;
  }
  return (
    principal.scope.kind === 'region' &&
    a.organisationRegion !== null &&
    regionInScope(principal.scope, a.organisationRegion)
  );
}

/**
 * An arrangement the caller may see on `day` — from the making side always, as a member only while it is
 * in force — or a 404 that does not tell it apart from none.
 */
async function loadVisibleArrangement(
  db: Db,
  principal: Principal,
  id: string,
  day: string,
): Promise<{ arrangement: repo.ArrangementRow; maker: boolean }> {
  const a = await repo.findArrangement(db, id);
  if (a && seesAsMaker(principal, a)) {
    return { arrangement: a, maker: true };
  }
  if (a && inForce(a, day) && (await repo.isMember(db, id, principal.userId))) {
    return { arrangement: a, maker: false };
  }
  throw notFound('cross_arrangement', id);
}

/** The arrangement as the API shows it on `day`. */
async function arrangementView(
  db: Db,
  a: repo.ArrangementRow,
  day: string,
): Promise<CrossArrangementResponse> {
  return presentArrangement(
    a,
    {
      organisationName: await repo.organisationName(db, a.organisationId),
      targetRegionName: (await repo.regionName(db, a.targetRegion)) ?? a.targetRegion,
      units: await repo.regulatorUnits(db, a.unitIds),
      members: await repo.membersOf(db, a.id),
    },
    day,
  );
}

/** Checks the period: within the date windows, ordered, not over, at most a year long. */
function checkPeriod(input: CrossArrangementCreateInput, today: string) {
  checkDateWindows(today, {
    startsOn: [input.startsOn, DateWindows.planned],
    endsOn: [input.endsOn, DateWindows.planned],
  });
  if (input.endsOn < input.startsOn) {
    throw invalidField('endsOn', '结束日期不能早于开始日期', input.endsOn);
  }
  if (input.endsOn < today) {
    throw invalidField('endsOn', '结束日期已过', input.endsOn);
  }
  if (daysBetween(input.startsOn, input.endsOn) + 1 > CrossArrangementValidation.maxDays) {
    throw invalidField(
      'endsOn',
      `交叉执法期限不超过 ${CrossArrangementValidation.maxDays} 天`,
      input.endsOn,
    );
  }
}

/**
 * Checks that the caller's unit is a common superior: the target region and every sending unit lie in
 * its jurisdiction, below it, and no sending unit covers the target (异地).
 */
async function checkUnits(db: Db, principal: Principal, input: CrossArrangementCreateInput) {
  const scope = principal.scope;
  const own = scope.kind === 'region' ? scope.regionCode : null;
  if (!(await repo.regionName(db, input.targetRegion))) {
    throw invalidField('targetRegion', '行政区划不存在', input.targetRegion);
  }
  if (!regionInScope(scope, input.targetRegion) || input.targetRegion === own) {
    throw invalidField(
      'targetRegion',
      '被检查地区不在本单位管辖范围内: 异地交叉执法须由共同上级单位安排',
      input.targetRegion,
    );
  }
  const units = new Map((await repo.regulatorUnits(db, input.unitIds)).map((u) => [u.id, u]));
  input.unitIds.forEach((id, i) => {
    const region = units.get(id)?.regionCode;
    if (!region) {
      throw invalidField(`unitIds.${i}`, '不是监管单位', id);
    }
    if (!regionInScope(scope, region) || region === own) {
      throw invalidField(
        `unitIds.${i}`,
        '不是本单位管辖范围内的下级单位: 异地交叉执法须由共同上级单位安排',
        id,
      );
    }
    if (overlaps(region, input.targetRegion)) {
      throw invalidField(`unitIds.${i}`, '该单位管辖被检查地区, 不是异地执法', id);
    }
  });
  const inspectors = new Map(
    (await repo.activeInspectors(db, input.memberUserIds)).map((u) => [u.userId, u]),
  );
  input.memberUserIds.forEach((id, i) => {
    const unit = inspectors.get(id)?.organisationId;
    if (!unit || !input.unitIds.includes(unit)) {
      throw invalidField(`memberUserIds.${i}`, '不是派出单位的在岗执法人员', id);
    }
  });
}

/** Makes an arrangement of the caller's unit: the units, the target region, the period and the pool. */
export async function createArrangement(
  deps: ServiceDeps,
  principal: Principal,
  input: CrossArrangementCreateInput,
): Promise<CrossArrangementResponse> {
  requirePermission(principal, InspectionPermission.CrossArrange);
  if (principal.scope.kind !== 'region' && principal.scope.kind !== 'all') {
    throw new AppError(AppErrorCode.Forbidden, '只有监管单位可以安排异地交叉执法');
  }
  const today = todayIn(deps.clock);
  checkPeriod(input, today);
  await checkUnits(deps.db, principal, input);
  const at = deps.clock();
  return deps.db.transaction(async (tx) => {
    const id = await repo.insertArrangement(
      tx,
      {
        name: input.name,
        organisationId: principal.organisationId,
        organisationRegion: principal.scope.kind === 'region' ? principal.scope.regionCode : null,
        targetRegion: input.targetRegion,
        unitIds: input.unitIds,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        createdBy: principal.userId,
        createdAt: at,
      },
      input.memberUserIds,
    );
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.cross_arrangement.created',
      entityId: id,
      after: input,
    });
    const a = await repo.findArrangement(tx, id);
    if (!a) {
      throw new AppError(AppErrorCode.Internal, 'arrangement not stored');
    }
    return arrangementView(tx, a, today);
  });
}

/** An arrangement the caller may see today. */
export async function getArrangement(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, InspectionPermission.Read);
  const today = todayIn(deps.clock);
  const { arrangement } = await loadVisibleArrangement(deps.db, principal, id, today);
  return arrangementView(deps.db, arrangement, today);
}

/** The arrangements made in the caller's jurisdiction, and those in force today with the caller in their pool. */
export async function listArrangements(deps: ServiceDeps, principal: Principal) {
  requirePermission(principal, InspectionPermission.Read);
  const today = todayIn(deps.clock);
  const s = principal.scope;
  const rows = await repo.listArrangements(
    deps.db,
    {
      creatorPrefix: s.kind === 'all' ? undefined : s.kind === 'region' ? s.prefix : null,
      userId: principal.userId,
      day: today,
    },
    listMax,
  );
  const out: CrossArrangementResponse[] = [];
  for (const a of rows) {
    out.push(await arrangementView(deps.db, a, today));
  }
  return out;
}

/** The mines of an arrangement: its target region's, for its maker any time, for its members in its period. */
export async function arrangementMines(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<CrossArrangementMineResponse[]> {
  requirePermission(principal, InspectionPermission.Read);
  const { arrangement } = await loadVisibleArrangement(deps.db, principal, id, todayIn(deps.clock));
  return repo.minesOfRegion(deps.db, arrangement.targetRegion, minesMax);
}

/** Ends an arrangement from today on, with a reason: only its making side may. */
export async function endArrangement(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: CrossArrangementEndInput,
) {
  requirePermission(principal, InspectionPermission.CrossArrange);
  const today = todayIn(deps.clock);
  const at = deps.clock();
  return deps.db.transaction(async (tx) => {
    const { arrangement, maker } = await loadVisibleArrangement(tx, principal, id, today);
    if (!maker) {
      throw new AppError(AppErrorCode.Forbidden, '只有安排交叉执法的单位及其上级可以结束');
    }
    if (arrangementState(arrangement, today) === '已结束') {
      throw new AppError(AppErrorCode.Conflict, '交叉执法安排已结束');
    }
    await repo.endArrangement(tx, id, today, input.reason);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.cross_arrangement.ended',
      entityId: id,
      after: { endedOn: today, reason: input.reason },
    });
    const ended = await repo.findArrangement(tx, id);
    if (!ended) {
      throw notFound('cross_arrangement', id);
    }
    return arrangementView(tx, ended, today);
  });
}

/**
 * The caller acting under an arrangement: the same user with the arrangement's target region as its
 * whole jurisdiction, so every check downstream (the mine, the hazards ledger, the registry) confines
 * it to the arrangement's mines.
 */
export function crossPrincipal(principal: Principal, a: repo.ArrangementRow): Principal {
  return {
    ...principal,
    scope: {
      kind: 'region',
      regionCode: a.targetRegion,
      prefix: subtreePrefix(a.targetRegion),
    },
  };
}

/**
 * An arrangement a new inspection is made under: the caller is in its pool and it is in force today and
 * on the inspection's date; else a 400 on `crossArrangementId` that does not say which.
 */
export async function arrangementForInspection(
  db: Db,
  principal: Principal,
  id: string,
  inspectedOn: string,
  today: string,
) {
  const a = await repo.findArrangement(db, id);
  if (
    !a ||
    !inForce(a, today) ||
    !inForce(a, inspectedOn) ||
    !(await repo.isMember(db, id, principal.userId))
  ) {
    throw invalidField(
      'crossArrangementId',
      '交叉执法安排不存在、不在有效期内, 或您不在其执法人才库中',
      id,
    );
  }
  const members = new Set((await repo.membersOf(db, id)).map((m) => m.userId));
  return { arrangement: a, principal: crossPrincipal(principal, a), members };
}

/**
 * Who the caller acts as on an inspection made under an arrangement (`arrangementId`): a member of its
 * pool, while it is in force, acts with its target region as jurisdiction; anyone else as themselves.
 */
export async function actingPrincipal(
  db: Db,
  principal: Principal,
  arrangementId: string | null,
  today: string,
): Promise<Principal> {
  if (arrangementId === null) {
    return principal;
  }
  const a = await repo.findArrangement(db, arrangementId);
  if (a && inForce(a, today) && (await repo.isMember(db, arrangementId, principal.userId))) {
    return crossPrincipal(principal, a);
  }
  return principal;
}

/** The arrangements in force today with the caller in their pool (their inspections are the caller's to see). */
export async function activeArrangementIds(
  db: Db,
  principal: Principal,
  today: string,
): Promise<string[]> {
  return (await repo.activeArrangementsOf(db, principal.userId, today)).map((a) => a.id);
}
