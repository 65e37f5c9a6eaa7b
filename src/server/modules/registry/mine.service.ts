/**
 * @module Mine use cases: register, edit, change status (with dated history), archive, licences, read
 * and list within the caller's jurisdiction.
 */
import type { DisasterGrade } from '../../../shared/surveys.ts';
import type {
  LicenceInput,
  MineCreateInput,
  MineListQuery,
  MineResponse,
  MineStatusChangeInput,
  MineUpdateInput,
} from '../../../shared/registry.schemas.ts';
import { MineCreateInput as MineCreateSchema } from '../../../shared/registry.schemas.ts';
import { groupBy } from '../../../shared/collections.ts';
import { LicenceKind, MineStatus } from '../../../shared/registry.enums.ts';
import type { AuditActor } from '../../platform/audit/audit.events.ts';
import { recordAudit } from './registry.audit.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { todayIn } from '../../../shared/dates.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound, checkDateWindows } from '../../platform/errors.ts';
import { keysetPage } from '../../platform/pagination.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import * as repo from './mine.repository.ts';
import { presentLicence, presentMine, presentStatusChange } from './mine.presenter.ts';
import {
  checkMineReferences,
  insertCheckedMines,
  tailingsGradeOf,
  mineDateProblems,
} from './mine.write.ts';
import { checkVersion, definedOnly } from './registry.guards.ts';
import { mineScopeCondition, visibleByMine } from './registry.scope.ts';
import { registrySettings } from './registry.settings.ts';
import { RegistryPermission } from './registry.permissions.ts';
import { mines, licences } from './mine.table.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { checkNoAccidentHoldsResumption } from '../accountability/accident.resumption.ts';

/** A mine the caller may see, or 404. */
export function loadVisibleMine(db: Db, principal: Principal, id: string) {
  return visibleByMine(db, principal, mines, id, {
    entity: 'mine',
    select: repo.selectMines(db).$dynamic(),
  });
}

/**
 * Mines' names by id, for showing records the caller may already see (a user's or a token's mines):
 * a name within such a record is no secret.
 */
export async function mineNamesById(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await repo.namesOfMines(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * A mine named in a request body, or a 400 on that field when it does not exist or lies outside the
 * caller's jurisdiction (the two are not told apart).
 */
export async function loadMineForInput(
  db: Db,
  principal: Principal,
  mineId: string,
  field = 'mineId',
) {
  return visibleByMine(db, principal, mines, mineId, {
    entity: 'mine',
    select: repo.selectMines(db).$dynamic(),
    field: { path: field, message: '矿山不存在或不在管辖范围内' },
  });
}

/**
 * The unarchived mines the caller may see that hold these 煤矿编码 (the coal upload files name their mine
 * by it), by code; a code outside the jurisdiction is missing, as if not registered.
 */
export async function minesOfCoalCodes(
  db: Db,
  principal: Principal,
  codes: string[],
): Promise<Map<string, { id: string; name: string; countyCode: string; status: MineStatus }>> {
  const rows = await repo.minesByCoalCode(db, codes, mineScopeCondition(principal.scope));
  return new Map(
    rows
      .filter((r) => r.archivedAt === null && r.coalCode !== null)
      .map((r) => [
        r.coalCode as string,
        { id: r.id, name: r.name, countyCode: r.countyCode, status: r.status },
      ]),
  );
}

/** Whether a mine belongs to an enterprise (e.g. the mine of a duty officer the enterprise adds). */
export function isMineOfEnterprise(db: Db, enterpriseId: string, mineId: string): Promise<boolean> {
  return repo.mineExists(db, mineId, mineScopeCondition({ kind: 'enterprise', enterpriseId }));
}

/**
 * The current (unarchived) licences of mines, for other modules' rules over licences (e.g. 证照不全);
 * the caller has confined the mines to its jurisdiction.
 */
export async function currentLicencesOf(
  db: Db,
  mineIds: string[],
): Promise<{ mineId: string; kind: LicenceKind; number: string; expiresOn: string }[]> {
  return (await repo.licencesOf(db, mineIds)).map((l) => ({
    mineId: l.mineId,
    kind: l.kind,
    number: l.number,
    expiresOn: l.expiresOn,
  }));
}

/** A mine (re-)read by id, in the API shape with its licences (the caller has checked it is visible). */
async function reload(deps: ServiceDeps, db: Db, id: string): Promise<MineResponse> {
  const row = await repo.findMine(db, id, undefined);
  if (!row) {
    throw notFound('mine', id);
  }
  return presentMine(row, await repo.licencesOf(db, [id]), todayIn(deps.clock));
}

export async function getMine(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<MineResponse> {
  requirePermission(principal, RegistryPermission.Read);
  await loadVisibleMine(deps.db, principal, id);
  return reload(deps, deps.db, id);
}

function throwIfProblems(
  problems: Map<number, { path: string; message: string; value?: unknown }[]>,
) {
  const details = problems.get(0);
  if (!details?.length) {
    return;
  }
  const forbidden = details.find((d) => d.message === '不在您的管辖范围内');
  throw new AppError(
    forbidden ? AppErrorCode.Forbidden : AppErrorCode.ValidationFailed,
    details.map((d) => `${d.path}: ${d.message}`).join('; '),
    details,
  );
}

/** Registers one mine with its initial status and licences. */
export async function createMine(
  deps: ServiceDeps,
  principal: Principal,
  input: MineCreateInput,
): Promise<MineResponse> {
  requirePermission(principal, RegistryPermission.MineCreate);
  return deps.db.transaction(async (tx) => {
    const problems = await checkMineReferences(tx, principal, [input]);
    const dates = mineDateProblems(input, todayIn(deps.clock));
    throwIfProblems(new Map([[0, [...(problems.get(0) ?? []), ...dates]]]));
    const [id] = await insertCheckedMines(tx, principal, [input], deps.clock());
    return reload(deps, tx, id ?? '');
  });
}

/** Fields only a regulator may change. */
const regulatorOnlyFields = [
  'enterpriseId',
  'countyCode',
  'standardizationLevel',
  'standardizationDate',
  // Files are attributed to a mine by its 煤矿编码: the regulator assigns it.
  'coalCode',
] as const;

/** Edits a mine's facts. Status changes go through changeMineStatus so that history is kept. */
export async function updateMine(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: MineUpdateInput,
): Promise<MineResponse> {
  requirePermission(principal, RegistryPermission.MineUpdate);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleMine(tx, principal, id);
    checkVersion('mine', current.mine.version, input.version);
    const { version: _v, ...changes } = input;
    throwIfProblems(new Map([[0, mineDateProblems(changes, todayIn(deps.clock))]]));
    if (principal.scope.kind !== 'all' && principal.scope.kind !== 'region') {
      const touched = regulatorOnlyFields.filter((f) => changes[f] !== undefined);
      if (touched.length) {
        throw new AppError(
          AppErrorCode.Forbidden,
          '企业用户不能修改这些字段',
          touched.map((f) => ({ path: f, message: '仅监管部门可修改' })),
        );
      }
    }
    const before = await reload(deps, tx, id);
    // Re-validate the merged record so kind-specific rules hold after a partial edit.
    const merged = { ...before, ...definedOnly(changes) };
    const check = MineCreateSchema.safeParse({
      ...Object.fromEntries(
        Object.entries(merged).filter(
          ([k, v]) => k in MineCreateSchema.shape && v !== null && k !== 'licences',
        ),
      ),
    });
    if (!check.success) {
      throw new AppError(
        AppErrorCode.ValidationFailed,
        'the edited mine is not valid',
        check.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    if (
      changes.countyCode !== undefined ||
      changes.enterpriseId !== undefined ||
      changes.name !== undefined ||
      changes.coalCode
    ) {
      const probe = { ...check.data, licences: [] };
      const problems = await checkMineReferences(tx, principal, [probe]);
      // The mine's own name is not a duplicate of itself: only a changed (enterprise, name) can clash.
      const keepsIdentity =
        check.data.name === current.mine.name &&
        check.data.enterpriseId === current.mine.enterpriseId;
      const keepsCode = check.data.coalCode === current.mine.coalCode;
      const relevant = (problems.get(0) ?? []).filter(
        (d) => !(d.path === 'name' && keepsIdentity) && !(d.path === 'coalCode' && keepsCode),
      );
      throwIfProblems(new Map([[0, relevant]]));
    }
    const at = deps.clock();
    const table = await getSetting(tx, registrySettings.tailingsGradeTable);
    await repo.updateMineRow(
      tx,
      id,
      { ...definedOnly(changes), tailingsGrade: tailingsGradeOf(merged, table) },
      at,
    );
    const after = await reload(deps, tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.mine.updated',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Changes a mine's status (e.g. 责令停产整顿) and records the dated change with its reason. A mine under
 * 停产整顿 leaves it only by closing, or by returning to 生产 after a passed 复工复产验收
 * (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条, 《2024年矿山安全生产工作要点》第35条: 验收合格方可恢复生产) — the callers that record one
 * say so with `accepted`.
 */
export async function changeMineStatus(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: MineStatusChangeInput,
  options: { accepted?: boolean } = {},
): Promise<MineResponse> {
  requirePermission(principal, RegistryPermission.MineStatusChange);
  checkDateWindows(todayIn(deps.clock), {
    effectiveDate: [input.effectiveDate, DateWindows.happened],
  });
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleMine(tx, principal, id);
    if (
      current.mine.status === MineStatus.SuspendedForRectification &&
      input.status !== MineStatus.Closed &&
      !(input.status === MineStatus.Producing && options.accepted)
    ) {
      throw new AppError(
        AppErrorCode.Conflict,
        '停产整顿的矿山须经复工复产验收合格方可恢复生产 (或依法关闭)',
        [{ path: 'status', message: '请办理复工复产验收', value: input.status }],
      );
    }
    if (
      current.mine.status === MineStatus.SuspendedForRectification &&
      input.status === MineStatus.Producing
    ) {
      // A fatal accident's 整改 accepted first (issue 24; 西藏方案第21条, 《2024年矿山安全生产工作要点》第35条).
      await checkNoAccidentHoldsResumption(tx, id);
    }
    if (current.mine.status === input.status) {
      throw new AppError(AppErrorCode.Conflict, `矿山已处于 ${input.status} 状态`, [
        { path: 'status', message: '状态未变化', value: input.status },
      ]);
    }
    if (current.mine.status === '关闭') {
      throw new AppError(AppErrorCode.Conflict, '已关闭的矿山不能变更状态', [
        { path: 'status', message: '矿山已关闭' },
      ]);
    }
    const before = await reload(deps, tx, id);
    const at = deps.clock();
    await repo.updateMineRow(
      tx,
      id,
      { status: input.status, statusSince: input.effectiveDate },
      at,
    );
    await repo.insertStatusChanges(tx, [
      {
        mineId: id,
        fromStatus: current.mine.status,
        toStatus: input.status,
        effectiveDate: input.effectiveDate,
        reason: input.reason,
        actorId: principal.userId,
        recordedAt: at,
      },
    ]);
    const after = await reload(deps, tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.mine.status_changed',
      entityId: id,
      before: { status: before.status, statusSince: before.statusSince },
      after: { status: after.status, statusSince: after.statusSince, reason: input.reason },
    });
    return after;
  });
}

export async function archiveMine(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<MineResponse> {
  requirePermission(principal, RegistryPermission.MineArchive);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleMine(tx, principal, id);
    if (current.mine.archivedAt) {
      throw new AppError(AppErrorCode.Conflict, '矿山已归档');
    }
    const before = await reload(deps, tx, id);
    const at = deps.clock();
    await repo.updateMineRow(tx, id, { archivedAt: at }, at);
    const after = await reload(deps, tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.mine.archived',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function getStatusHistory(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, RegistryPermission.Read);
  await loadVisibleMine(deps.db, principal, id);
  return (await repo.statusHistory(deps.db, id)).map(presentStatusChange);
}

function filterOf(
  deps: ServiceDeps,
  principal: Principal,
  q: Omit<MineListQuery, 'limit' | 'cursor' | 'sort'>,
): repo.MineFilter {
  const today = todayIn(deps.clock);
  return {
    scope: mineScopeCondition(principal.scope),
    regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
    enterpriseId: q.enterpriseId,
    kind: q.kind,
    status: q.status,
    scale: q.scale,
    standardizationLevel: q.standardizationLevel,
    licenceExpiringBy:
      q.licenceExpiringWithinDays !== undefined
        ? { today, until: todayIn(deps.clock, q.licenceExpiringWithinDays) }
        : undefined,
    licenceExpiredBefore: q.licenceExpired ? today : undefined,
    q: q.q,
    includeArchived: q.includeArchived,
  };
}

async function withLicences(deps: ServiceDeps, rows: repo.MineJoinedRow[]) {
  const all = await repo.licencesOf(
    deps.db,
    rows.map((r) => r.mine.id),
  );
  const byMine = groupBy(all, (l) => l.mineId);
  const today = todayIn(deps.clock);
  return rows.map((r) => presentMine(r, byMine.get(r.mine.id) ?? [], today));
}

export async function listMines(deps: ServiceDeps, principal: Principal, q: MineListQuery) {
  requirePermission(principal, RegistryPermission.Read);
  const f = filterOf(deps, principal, q);
  const sort = q.sort.replace('-', '') as repo.MineSortKey;
  const descending = q.sort.startsWith('-');
  return keysetPage(q, {
    rows: (after, limit) => repo.listMines(deps.db, f, { limit, sort, descending, after }),
    present: (rows) => withLicences(deps, rows),
    total: () => repo.countMines(deps.db, f),
    key: sort === 'name' ? 'text' : 'timestamp',
    keyOf: (m) => [sort === 'name' ? m.name : m.updatedAt, m.id],
  });
}

/** Every matching mine, for export. */
export async function allMines(
  deps: ServiceDeps,
  principal: Principal,
  q: Omit<MineListQuery, 'limit' | 'cursor'>,
  max: number,
) {
  requirePermission(principal, RegistryPermission.Read);
  const sort = q.sort.replace('-', '') as repo.MineSortKey;
  const rows = await repo.listMines(deps.db, filterOf(deps, principal, q), {
    limit: max,
    sort,
    descending: q.sort.startsWith('-'),
  });
  return withLicences(deps, rows);
}

// ---------------------------------------------------------------- licences

async function loadVisibleLicence(db: Db, principal: Principal, id: string) {
  return (await visibleByMine(db, principal, licences, id, { entity: 'licence' })).row;
}

async function assertLicenceNumberFree(
  db: Db,
  kind: LicenceKind,
  number: string,
  exceptId?: string,
) {
  const existing = await repo.findLicenceByNumber(db, kind, number);
  if (existing && existing.id !== exceptId) {
    throw new AppError(AppErrorCode.Conflict, `${kind} ${number} 已存在`, [
      { path: 'number', message: '证照编号已存在', value: number },
    ]);
  }
}

export async function addLicence(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  input: LicenceInput,
) {
  requirePermission(principal, RegistryPermission.LicenceManage);
  checkDateWindows(todayIn(deps.clock), {
    issuedOn: [input.issuedOn, DateWindows.happened],
    expiresOn: [input.expiresOn, DateWindows.expiry],
  });
  return deps.db.transaction(async (tx) => {
    await loadVisibleMine(tx, principal, mineId);
    await assertLicenceNumberFree(tx, input.kind, input.number);
    const at = deps.clock();
    const [row] = await repo.insertLicences(tx, [{ ...input, mineId, createdAt: at }]);
    if (!row) {
      throw new AppError(AppErrorCode.Internal, 'licence insert returned nothing');
    }
    const after = presentLicence(row, todayIn(deps.clock));
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.licence.created',
      entityId: row.id,
      after: { ...after, mineId },
    });
    return after;
  });
}

export async function updateLicence(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: Partial<LicenceInput>,
) {
  requirePermission(principal, RegistryPermission.LicenceManage);
  checkDateWindows(todayIn(deps.clock), {
    issuedOn: [input.issuedOn, DateWindows.happened],
    expiresOn: [input.expiresOn, DateWindows.expiry],
  });
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleLicence(tx, principal, id);
    const next = { ...current, ...definedOnly(input) };
    if (next.expiresOn <= next.issuedOn) {
      throw new AppError(AppErrorCode.ValidationFailed, '有效期至须晚于发证日期', [
        { path: 'expiresOn', message: '有效期至须晚于发证日期' },
      ]);
    }
    if (input.number !== undefined || input.kind !== undefined) {
      await assertLicenceNumberFree(tx, next.kind, next.number, id);
    }
    const at = deps.clock();
    await repo.updateLicenceRow(tx, id, definedOnly(input));
    const today = todayIn(deps.clock);
    const after = presentLicence(next, today);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.licence.updated',
      entityId: id,
      before: presentLicence(current, today),
      after,
    });
    return after;
  });
}

export async function archiveLicence(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, RegistryPermission.LicenceManage);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleLicence(tx, principal, id);
    if (current.archivedAt) {
      throw new AppError(AppErrorCode.Conflict, '证照已归档');
    }
    const at = deps.clock();
    await repo.updateLicenceRow(tx, id, { archivedAt: at });
    const before = presentLicence(current, todayIn(deps.clock));
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.licence.archived',
      entityId: id,
      before,
    });
    return before;
  });
}

/** A licence the caller may see (used by the audit-history route). */
export async function getLicenceVisible(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, RegistryPermission.Read);
  return presentLicence(await loadVisibleLicence(deps.db, principal, id), todayIn(deps.clock));
}

/**
 * 复工复产验收 of a mine under 停产整顿 that has no enforcement order to accept (e.g. one suspended after
 * a fatal accident, or by the registry): a regulator records the passed acceptance and the mine returns
 * to 生产 with it as the reason.
 */
export async function acceptResumption(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: { acceptedOn: string; note: string },
): Promise<MineResponse> {
  requirePermission(principal, RegistryPermission.MineStatusChange);
  if (principal.scope.kind !== 'region' && principal.scope.kind !== 'all') {
    throw new AppError(AppErrorCode.Forbidden, '复工复产验收由监管部门组织');
  }
  checkDateWindows(todayIn(deps.clock), { acceptedOn: [input.acceptedOn, DateWindows.happened] });
  return changeMineStatus(
    deps,
    principal,
    id,
    {
      status: MineStatus.Producing,
      effectiveDate: input.acceptedOn,
      reason: `复工复产验收通过: ${input.note}`,
    },
    { accepted: true },
  );
}

/**
 * Sets a mine's 灾害防治等级 from a passed 隐蔽致灾因素普查 (the surveys module, inside its review's
 * transaction, which audits it): the grade is derived, never edited in the registry.
 */
export async function setMineDisasterGrade(tx: Db, mineId: string, grade: DisasterGrade) {
  await repo.setDisasterGrade(tx, mineId, grade);
}

/**
 * Issues a mine's 安全生产许可证 from a decided application (modules/admission, inside its step's
 * transaction): the mine's current one is renewed (number and dates replaced), or a new one is created —
 * audited as the registry's own licence event. A number another licence holds is a 409 on licenceNumber.
 */
export async function issueSafetyLicence(
  tx: Db,
  actor: AuditActor,
  at: Date,
  today: string,
  mineId: string,
  input: { number: string; issuedOn: string; expiresOn: string },
): Promise<string> {
  const kind = LicenceKind.SafetyProduction;
  const existing = await repo.findLicenceByNumber(tx, kind, input.number);
  const current = (await repo.licencesOf(tx, [mineId])).find((l) => l.kind === kind);
  if (existing && existing.id !== current?.id) {
    throw new AppError(AppErrorCode.Conflict, `${kind} ${input.number} 已存在`, [
      { path: 'licenceNumber', message: '证照编号已存在', value: input.number },
    ]);
  }
  if (current) {
    await repo.updateLicenceRow(tx, current.id, input);
    await recordAudit(tx, actor, at, {
      type: 'registry.licence.updated',
      entityId: current.id,
      before: presentLicence(current, today),
      after: presentLicence({ ...current, ...input }, today),
    });
    return current.id;
  }
  const [row] = await repo.insertLicences(tx, [{ ...input, kind, mineId, createdAt: at }]);
  if (!row) {
    throw new AppError(AppErrorCode.Internal, 'licence insert returned nothing');
  }
  await recordAudit(tx, actor, at, {
    type: 'registry.licence.created',
    entityId: row.id,
    after: { ...presentLicence(row, today), mineId },
  });
  return row.id;
}
