/**
 * @module What a regulator registers about a mine so its series can be read: the meters whose exports
 * are imported (meter ID → mine, factor, area) and the underground areas (采掘工作面 and others; the
 * 隐蔽工作面 rule looks for people anywhere else).
 */
import type { z } from 'zod';
import type { AreaInput, AreaUpdateInput, MeterInput } from '../../../shared/leads.schemas.ts';
import { recordAudit } from './leads.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { sqlState, type Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { loadVisibleMine } from '../registry/mine.service.ts';
import { visibleByMine } from '../registry/registry.scope.ts';
import { mineAreas, mineMeters } from './leads.table.ts';
import { LeadPermission } from './leads.permissions.ts';
import { presentArea, presentMeter } from './meter.presenter.ts';
import * as repo from './meter.repository.ts';

/** Inserts one row; a unique violation becomes a 409 naming the field. */
async function insertUnique<T>(
  insert: () => Promise<T[]>,
  conflict: { message: string; path: string; value: string },
): Promise<T> {
  try {
    const [row] = await insert();
    if (row) {
      return row;
    }
  } catch (e) {
    if (sqlState(e) !== '23505') {
      throw e;
    }
  }
  throw new AppError(AppErrorCode.Conflict, conflict.message, [
    { path: conflict.path, message: conflict.message, value: conflict.value },
  ]);
}

export async function listMeters(deps: ServiceDeps, principal: Principal, mineId: string) {
  requirePermission(principal, LeadPermission.Read);
  await loadVisibleMine(deps.db, principal, mineId);
  const rows = await repo.liveMetersOf(deps.db, mineId);
  return rows.map(presentMeter);
}

export async function addMeter(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  input: z.infer<typeof MeterInput>,
) {
  requirePermission(principal, LeadPermission.SeriesWrite);
  return deps.db.transaction(async (tx) => {
    await loadVisibleMine(tx, principal, mineId);
    const at = deps.clock();
    const row = await insertUnique(
      () =>
        repo.insertMeter(tx, { ...input, provider: input.provider ?? null, mineId, createdAt: at }),
      { message: `表号 ${input.code} 已登记 (表号全局唯一)`, path: 'code', value: input.code },
    );
    const after = presentMeter(row);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'leads.meter.created',
      entityId: after.id,
      after,
    });
    return after;
  });
}

async function loadVisibleMeter(db: Db, principal: Principal, id: string) {
  return (await visibleByMine(db, principal, mineMeters, id, { entity: 'meter' })).row;
}

export async function archiveMeter(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, LeadPermission.SeriesWrite);
  return deps.db.transaction(async (tx) => {
    const before = await loadVisibleMeter(tx, principal, id);
    if (before.archivedAt) {
      throw new AppError(AppErrorCode.Conflict, '该表号已停用');
    }
    const at = deps.clock();
    await repo.archiveMeterRow(tx, id, at);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'leads.meter.archived',
      entityId: id,
      before: presentMeter(before),
    });
  });
}

export async function getMeterVisible(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, LeadPermission.Read);
  return presentMeter(await loadVisibleMeter(deps.db, principal, id));
}

export async function listAreas(deps: ServiceDeps, principal: Principal, mineId: string) {
  requirePermission(principal, LeadPermission.Read);
  await loadVisibleMine(deps.db, principal, mineId);
  const rows = await repo.areasOf(deps.db, mineId);
  return rows.map(presentArea);
}

export async function addArea(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  input: z.infer<typeof AreaInput>,
) {
  requirePermission(principal, LeadPermission.SeriesWrite);
  return deps.db.transaction(async (tx) => {
    await loadVisibleMine(tx, principal, mineId);
    const at = deps.clock();
    const row = await insertUnique(
      () => repo.insertArea(tx, { ...input, mineId, createdAt: at, updatedAt: at }),
      { message: `该矿山已登记同名区域 ${input.name}`, path: 'name', value: input.name },
    );
    const after = presentArea(row);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'leads.area.created',
      entityId: after.id,
      after,
    });
    return after;
  });
}

async function loadVisibleArea(db: Db, principal: Principal, id: string) {
  return (await visibleByMine(db, principal, mineAreas, id, { entity: 'area' })).row;
}

export async function updateArea(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: z.infer<typeof AreaUpdateInput>,
) {
  requirePermission(principal, LeadPermission.SeriesWrite);
  return deps.db.transaction(async (tx) => {
    const before = await loadVisibleArea(tx, principal, id);
    const at = deps.clock();
    const row = await repo.updateAreaRow(tx, id, { ...input, updatedAt: at });
    if (!row) {
      throw notFound('area', id);
    }
    const after = presentArea(row);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'leads.area.updated',
      entityId: id,
      before: presentArea(before),
      after,
    });
    return after;
  });
}

export async function getAreaVisible(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, LeadPermission.Read);
  return presentArea(await loadVisibleArea(deps.db, principal, id));
}
