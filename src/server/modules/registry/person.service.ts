/**
 * @module People at a mine: key managers, technicians and special operators with their certificates.
 * ID numbers are encrypted at rest and only ever returned masked.
 */
import type {
  PersonCreateInput,
  PersonListQuery,
  PersonUpdateInput,
} from '../../../shared/registry.schemas.ts';
import { maskIdNumber } from '../../../shared/identifiers.ts';
import type { PersonRole } from '../../../shared/registry.enums.ts';
import { groupBy } from '../../../shared/collections.ts';
import { recordAudit } from './registry.audit.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { todayIn } from '../../../shared/dates.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { keyedDigest, seal } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  AppError,
  AppErrorCode,
  notFound,
  checkDateWindows,
  type DatedFields,
} from '../../platform/errors.ts';
import { keysetPage } from '../../platform/pagination.ts';
import * as repo from './person.repository.ts';
import { presentPerson } from './person.presenter.ts';
import { loadMineForInput } from './mine.service.ts';
import { checkVersion, definedOnly } from './registry.guards.ts';
import { mineScopeCondition, visibleByMine } from './registry.scope.ts';
import { RegistryPermission } from './registry.permissions.ts';
import { people } from './person.table.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

/** A person re-read by id, in the API shape with certificates (the caller has checked it is visible). */
async function reload(deps: ServiceDeps, db: Db, id: string) {
  const row = await repo.findPerson(db, id, undefined);
  if (!row) {
    throw notFound('person', id);
  }
  return presentPerson(row, await repo.certificatesOf(db, [id]), todayIn(deps.clock));
}

function loadVisiblePerson(db: Db, principal: Principal, id: string) {
  return visibleByMine(db, principal, people, id, {
    entity: 'person',
    select: repo.selectPeople(db).$dynamic(),
  });
}

/**
 * The names of a mine's registered (unarchived) people in a role, e.g. its 主要负责人: for other modules'
 * checks on a mine the caller already reached with loadMineForInput.
 */
export function activeNamesWithRole(db: Db, mineId: string, role: PersonRole): Promise<string[]> {
  return repo.activeNamesWithRole(db, mineId, role);
}

/** The stored columns for an ID number: cipher text, masked form and keyed digest. */
export function protectIdNumber(secret: Buffer, idNumber: string) {
  return {
    idNumberCipher: seal(secret, idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    idNumberDigest: keyedDigest(secret, idNumber),
  };
}

export async function getPerson(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, RegistryPermission.Read);
  await loadVisiblePerson(deps.db, principal, id);
  return reload(deps, deps.db, id);
}

/** A person's certificates: issued by today, valid at most thirty years on (shared/date-windows.ts). */
function checkCertificateDates(
  today: string,
  certificates: { issuedOn?: string | null | undefined; expiresOn: string }[] | undefined,
) {
  const fields: DatedFields = {};
  for (const [j, c] of (certificates ?? []).entries()) {
    fields[`certificates.${j}.issuedOn`] = [c.issuedOn, DateWindows.happened];
    fields[`certificates.${j}.expiresOn`] = [c.expiresOn, DateWindows.expiry];
  }
  checkDateWindows(today, fields);
}

export async function createPerson(
  deps: ServiceDeps,
  principal: Principal,
  input: PersonCreateInput,
) {
  requirePermission(principal, RegistryPermission.PersonManage);
  checkCertificateDates(todayIn(deps.clock), input.certificates);
  return deps.db.transaction(async (tx) => {
    await loadMineForInput(tx, principal, input.mineId);
    const at = deps.clock();
    const { idNumber, certificates, ...rest } = input;
    const [id = ''] = await repo.insertPeople(tx, [
      { ...rest, ...protectIdNumber(deps.secret, idNumber), createdAt: at, updatedAt: at },
    ]);
    await repo.replaceCertificates(tx, id, certificates ?? []);
    const after = await reload(deps, tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.person.created',
      entityId: id,
      after,
    });
    return after;
  });
}

export async function updatePerson(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: PersonUpdateInput,
) {
  requirePermission(principal, RegistryPermission.PersonManage);
  checkCertificateDates(todayIn(deps.clock), input.certificates);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisiblePerson(tx, principal, id);
    checkVersion('person', current.person.version, input.version);
    const before = await reload(deps, tx, id);
    const { version: _v, idNumber, certificates, ...rest } = input;
    const at = deps.clock();
    await repo.updatePersonRow(
      tx,
      id,
      { ...definedOnly(rest), ...(idNumber ? protectIdNumber(deps.secret, idNumber) : {}) },
      at,
    );
    if (certificates) {
      await repo.replaceCertificates(tx, id, certificates);
    }
    const after = await reload(deps, tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.person.updated',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function archivePerson(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, RegistryPermission.PersonManage);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisiblePerson(tx, principal, id);
    if (current.person.archivedAt) {
      throw new AppError(AppErrorCode.Conflict, '人员已归档');
    }
    const before = await reload(deps, tx, id);
    const at = deps.clock();
    await repo.updatePersonRow(tx, id, { archivedAt: at }, at);
    const after = await reload(deps, tx, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'registry.person.archived',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

function filterOf(
  principal: Principal,
  q: Omit<PersonListQuery, 'limit' | 'cursor'>,
): repo.PersonFilter {
  return {
    mineScope: mineScopeCondition(principal.scope),
    regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
    mineId: q.mineId,
    role: q.role,
    q: q.q,
    includeArchived: q.includeArchived,
  };
}

async function withCertificates(deps: ServiceDeps, rows: repo.PersonJoinedRow[]) {
  const certs = groupBy(
    await repo.certificatesOf(
      deps.db,
      rows.map((r) => r.person.id),
    ),
    (c) => c.personId,
  );
  const today = todayIn(deps.clock);
  return rows.map((r) => presentPerson(r, certs.get(r.person.id) ?? [], today));
}

export async function listPeople(deps: ServiceDeps, principal: Principal, q: PersonListQuery) {
  requirePermission(principal, RegistryPermission.Read);
  const f = filterOf(principal, q);
  return keysetPage(q, {
    rows: (after, limit) => repo.listPeople(deps.db, f, { limit, after }),
    present: (rows) => withCertificates(deps, rows),
    total: () => repo.countPeople(deps.db, f),
    key: 'text',
    keyOf: (p) => [p.name, p.id],
  });
}

export async function allPeople(
  deps: ServiceDeps,
  principal: Principal,
  q: Omit<PersonListQuery, 'limit' | 'cursor'>,
  max: number,
) {
  requirePermission(principal, RegistryPermission.Read);
  return withCertificates(
    deps,
    await repo.listPeople(deps.db, filterOf(principal, q), { limit: max }),
  );
}
