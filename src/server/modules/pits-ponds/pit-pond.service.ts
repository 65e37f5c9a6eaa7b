/**
 * @module Open pits, dumps and tailings ponds (issue 25 §2): the register's mines with the records each
 * must keep (from the registry's heights, kind and 头顶库 flag), records filed by the enterprise (or a
 * regulator for it), and the findings — missing or late records, radar offline at 200 m, 闭库 not
 * opened or late. Everything is scoped to the mines the caller may see.
 */
import { DateWindows } from '../../../shared/date-windows.ts';
import { todayIn } from '../../../shared/dates.ts';
import { obligationsOf, slopeKinds, type RecordInput } from '../../../shared/pits-ponds.ts';
import type {
  PitPondFindingResponse,
  PitPondFindingsQuery,
  PitPondListQuery,
  PitPondMineResponse,
} from '../../../shared/pits-ponds.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import {
  AppError,
  AppErrorCode,
  checkDateWindows,
  invalidField,
  notFound,
} from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { loadMineForInput } from '../registry/mine.service.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import { findingsOf, ruleMine } from './pit-pond.findings.ts';
import { presentRecord } from './pit-pond.presenter.ts';
import * as repo from './pit-pond.repository.ts';
import { pitPondRecords } from './pit-pond.table.ts';
import { PitPondPermission } from './pits-ponds.permissions.ts';
import { recordAudit } from './pits-ponds.audit.ts';
import { pitsPondsSettings } from './pits-ponds.settings.ts';

/** The register's mines of the caller's jurisdiction with the records each must keep. */
export async function listRegisterMines(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
): Promise<PitPondMineResponse[]> {
  requirePermission(principal, PitPondPermission.Read);
  const rules = await getSetting(deps.db, pitsPondsSettings.rules);
  const rows = await repo.registerMines(deps.db, mineScopeCondition(principal.scope), q.region);
  return rows.map((m) => ({
    id: m.id,
    name: m.name,
    kind: m.kind,
    countyName: m.countyName,
    slopeHeightM: m.slopeHeightM,
    dumpHeightM: m.dumpHeightM,
    tailingsOverhead: m.tailingsOverhead,
    obligations: obligationsOf(rules, ruleMine(m)).map((o) => ({ kind: o.kind, slope: o.slope })),
  }));
}

/** The records of the caller's jurisdiction (or a region or mine of it), newest first. */
export async function listRecords(deps: ServiceDeps, principal: Principal, q: PitPondListQuery) {
  requirePermission(principal, PitPondPermission.Read);
  const rows = await repo.listRecords(
    deps.db,
    { mineScope: mineScopeCondition(principal.scope), ...q },
    1000,
  );
  return rows.map(presentRecord);
}

/**
 * Files a record for a mine the caller may see (an enterprise only its own: any other is a 400 on
 * mineId), not dated in the future, of a kind the mine must keep (a slope record names its slope).
 */
export async function fileRecord(deps: ServiceDeps, principal: Principal, input: RecordInput) {
  requirePermission(principal, PitPondPermission.File);
  const now = deps.clock();
  checkDateWindows(todayIn(deps.clock), { recordedOn: [input.recordedOn, DateWindows.happened] });
  const isSlope = slopeKinds.includes(input.kind);
  if (isSlope !== (input.slope !== null)) {
    throw invalidField(
      'slope',
      isSlope ? '边坡记录须注明采场边坡或排土场边坡' : '尾矿库记录不注明边坡',
      input.slope,
    );
  }
  const rules = await getSetting(deps.db, pitsPondsSettings.rules);
  return deps.db.transaction(async (tx) => {
    await loadMineForInput(tx, principal, input.mineId);
    const mine = await repo.registerMine(tx, input.mineId);
    const owed = mine ? obligationsOf(rules, ruleMine(mine)) : [];
    if (!owed.some((o) => o.kind === input.kind && o.slope === input.slope)) {
      throw invalidField(
        'kind',
        '该矿山无需报送此类记录 (按登记的矿山类型、边坡或堆置高度、头顶库)',
        input.kind,
      );
    }
    const id = await repo.insertRecord(tx, {
      ...input,
      filedBy: principal.userId,
      filedLabel: principal.displayName,
      createdAt: now,
    });
    if (!id) {
      throw new AppError(AppErrorCode.Internal, 'record not stored');
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'pitsPonds.record.filed',
      entityId: id,
      after: input,
    });
    const row = await repo.findRecord(tx, id);
    if (!row) {
      throw new AppError(AppErrorCode.Internal, 'record not stored');
    }
    return presentRecord(row);
  });
}

/** A record the caller may see, for its audit history (a 404 otherwise). */
export async function getRecord(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, PitPondPermission.Read);
  await visibleByMine(deps.db, principal, pitPondRecords, id, { entity: 'pit_pond_record' });
  const row = await repo.findRecord(deps.db, id);
  if (!row) {
    throw notFound('pit_pond_record', id);
  }
  return presentRecord(row);
}

/** The findings of the caller's jurisdiction on a day (today by default). */
export async function listFindings(
  deps: ServiceDeps,
  principal: Principal,
  q: PitPondFindingsQuery,
): Promise<PitPondFindingResponse[]> {
  requirePermission(principal, PitPondPermission.Read);
  const rules = await getSetting(deps.db, pitsPondsSettings.rules);
  const today = q.on ?? todayIn(deps.clock);
  const found = await findingsOf(
    deps.db,
    rules,
    { mineScope: mineScopeCondition(principal.scope), region: q.region },
    today,
    deps.clock(),
  );
  return found.map(({ mine, finding }) => ({
    mineId: mine.id,
    mineName: mine.name,
    countyName: mine.countyName,
    mineKind: mine.kind,
    ...finding,
  }));
}
