/**
 * @module Forwarding the mines' coal upload files upward (应联尽联, 《2024年矿山安全生产工作要点》第27条: the
 * mines' 感知数据 connected to the platforms above): a county or city minewatch passes every file it
 * accepted to a superior minewatch or into a folder, as the mines sent it. This part: the targets as the
 * server's configuration names them (synced when `minewatch serve` starts, audited when they change),
 * queuing each accepted file in the transaction that accepts it, and the regulator's backlog view per
 * target within its jurisdiction. The sending is coal-forward.job.ts.
 */
import type { CoalForwardTargetResponse } from '../../../shared/coal-upload.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { CoalForwardConfig } from '../../platform/config.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import {
  allOf,
  mineInRegion,
  mineScopeCondition,
  visibleByMine,
} from '../registry/registry.scope.ts';
import { coalFiles } from './coal-file.table.ts';
import * as repo from './coal-forward.repository.ts';
import { recordAudit } from './coal-upload.audit.ts';
import { CoalUploadPermission } from './coal-upload.permissions.ts';

/** The actor of forwarding's own changes (shared/actors.ts reads it as 系统 (数据上报上级平台)). */
export const FORWARD_ACTOR = { actorId: null, actorLabel: 'system:coal-forward', ip: null };

/** Where a target sends, as shown (never the token). */
function addressOf(c: CoalForwardConfig): string {
  return c.kind === 'http' ? c.url : c.dir;
}

/**
 * Makes the targets table say what the configuration names: each named target active with its address,
 * every other one inactive (its backlog kept and shown). Changes are audited. Returns the active keys.
 */
export async function syncForwardTargets(
  deps: ServiceDeps,
  configured: readonly CoalForwardConfig[],
): Promise<string[]> {
  const at = deps.clock();
  return deps.db.transaction(async (tx) => {
    const known = await repo.allTargets(tx);
    const wanted: {
      key: string;
      kind: CoalForwardConfig['kind'];
      address: string;
      active: boolean;
    }[] = configured.map((c) => ({
      key: c.key,
      kind: c.kind,
      address: addressOf(c),
      active: true,
    }));
    for (const k of known) {
      if (!configured.some((c) => c.key === k.key)) {
        wanted.push({ key: k.key, kind: k.kind, address: k.address, active: false });
      }
    }
    for (const w of wanted) {
      const before = await repo.upsertTarget(tx, w, at);
      const same =
        before &&
        before.kind === w.kind &&
        before.address === w.address &&
        before.active === w.active;
      if (!same) {
        await recordAudit(tx, FORWARD_ACTOR, at, {
          type: 'coal_upload.forward_target.configured',
          entityId: w.key,
          before: before
            ? { kind: before.kind, address: before.address, active: before.active }
            : null,
          after: { kind: w.kind, address: w.address, active: w.active },
        });
      }
    }
    return configured.map((c) => c.key);
  });
}

/** Queues an accepted file for every active target, inside the transaction that accepts it. */
export function queueForwarding(
  tx: Db,
  file: { id: string; mineId: string; type: string; fileName: string; fileAt: Date },
  content: Uint8Array,
  at: Date,
): Promise<number> {
  const bytes = Buffer.isBuffer(content)
    ? content
    : Buffer.from(content.buffer, content.byteOffset, content.length);
  return repo.enqueueFile(tx, file, bytes, at);
}

/** Failed and refused files listed per target at most. */
const LISTED = 50;

const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);

/**
 * The backlog of forwarding per target, counting only the files of mines in the caller's jurisdiction
 * (and of `region` when given): what waits, since when, the last attempt and error, what was refused.
 */
export async function forwardingBacklog(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
): Promise<CoalForwardTargetResponse[]> {
  requirePermission(principal, CoalUploadPermission.Review);
  const scope = allOf(mineScopeCondition(principal.scope), mineInRegion(q.region));
  const targets = await repo.allTargets(deps.db);
  const stats = new Map((await repo.backlogOf(deps.db, scope)).map((s) => [s.target_key, s]));
  const now = deps.clock().getTime();
  const out: CoalForwardTargetResponse[] = [];
  for (const t of targets) {
    const s = stats.get(t.key);
    if (!t.active && !s) {
      continue;
    }
    const failing = await repo.problemsOf(deps.db, t.key, 'pending', scope, LISTED);
    const rejected = await repo.problemsOf(deps.db, t.key, 'rejected', scope, LISTED);
    const present = (r: (typeof failing)[number], pending: boolean) => ({
      mineId: r.mineId,
      mineName: r.mineName,
      type: r.type,
      fileName: r.fileName,
      fileAt: r.fileAt.toISOString(),
      attempts: r.attempts,
      lastAttemptAt: iso(r.lastAttemptAt),
      nextAttemptAt: pending ? iso(r.nextAttemptAt) : null,
      reason: r.lastError,
    });
    const oldest = iso(s?.oldest_pending_at);
    out.push({
      key: t.key === 'superior' ? 'superior' : 'folder',
      kind: t.kind,
      address: t.address,
      active: t.active,
      pending: s?.pending ?? 0,
      pendingMines: s?.pending_mines ?? 0,
      oldestPendingAt: oldest,
      lagSeconds: oldest ? Math.max(0, Math.round((now - Date.parse(oldest)) / 1000)) : null,
      retrying: s?.retrying ?? 0,
      rejected: s?.rejected ?? 0,
      delivered: s?.delivered ?? 0,
      lastAttemptAt: iso(s?.last_attempt_at),
      lastDeliveredAt: iso(s?.last_delivered_at),
      lastError: failing[0]?.lastError ?? null,
      failing: failing.map((r) => present(r, true)),
      rejectedFiles: rejected.map((r) => present(r, false)),
    });
  }
  return out;
}

/** A received file at a mine the caller may see, or 404 (the history of its forwarding). */
export async function loadVisibleFile(db: Db, principal: Principal, id: string) {
  const { row } = await visibleByMine(db, principal, coalFiles, id, { entity: 'coal_file' });
  return row;
}

/** A forwarding target, for those who see the backlog (its history: when the configuration named it). */
export async function loadForwardTarget(db: Db, principal: Principal, key: string) {
  requirePermission(principal, CoalUploadPermission.Review);
  const t = (await repo.allTargets(db)).find((x) => x.key === key);
  if (!t) {
    throw notFound('coal_forward_target', key);
  }
  return t;
}
