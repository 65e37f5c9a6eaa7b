/**
 * @module Sending the forwarding queue (应联尽联, 《2024年矿山安全生产工作要点》第27条): for each target this
 * process is configured to reach, leased so that no other process sends its files at the same time,
 * each mine's files go in the time of their names (then the order they were accepted), several per
 * request. A mine's files wait behind its oldest one: a failed attempt is retried after a doubling delay
 * (30 s, 1 min, 2 min … at most an hour), until the target accepts it; a file the target refuses for good
 * is set aside with the reason (audited) and the mine's next files go on. Other mines are not held up.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { CoalForwardConfig } from '../../platform/config.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { JobCounts } from '../module.ts';
import * as repo from './coal-forward.repository.ts';
import type { CoalForwardRow } from './coal-forward.repository.ts';
import {
  folderSender,
  superiorSender,
  type ForwardOutcome,
  type ForwardSender,
} from './coal-forward.send.ts';
import { FORWARD_ACTOR } from './coal-forward.service.ts';
import { recordAudit } from './coal-upload.audit.ts';

/** Seconds before the n-th retry (n ≥ 1): 30 s doubling, at most an hour (minewatch's default). */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

/** Files and bytes one request carries at most (within the upload endpoint's limits). */
const BATCH_FILES = 50;
const BATCH_BYTES = 16 * 1024 * 1024;
/** A target's lease, renewed after every request (longer than one request may take). */
const LEASE_MS = 5 * 60_000;
/** Mines looked at per round. */
const MINES_PER_ROUND = 200;

export interface ForwardRunOptions {
  /** This process's name in leases. */
  owner: string;
  /** How to reach a superior (tests pass the real fetch or a fake). */
  send?: typeof fetch | undefined;
  /** A run stops starting new requests after this long (the rest waits for the next run). */
  budgetMs?: number;
}

/** A name for this process in leases. */
export function forwardOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** One run: every target this process can reach, its due files sent. Counts by outcome. */
export async function forwardCoalFiles(
  deps: ServiceDeps,
  configured: readonly CoalForwardConfig[],
  options: ForwardRunOptions,
): Promise<JobCounts> {
  const counts = { delivered: 0, retried: 0, rejected: 0 };
  const deadline = Date.now() + (options.budgetMs ?? 45_000);
  for (const t of await repo.allTargets(deps.db)) {
    const c = configured.find((x) => x.key === t.key && x.kind === t.kind);
    if (!c) {
      continue;
    }
    const sender =
      c.kind === 'http' ? superiorSender(c, options.send ?? fetch) : folderSender(c.dir);
    await sendTarget(deps, t.key, sender, options.owner, deadline, counts);
  }
  return counts;
}

async function sendTarget(
  deps: ServiceDeps,
  key: string,
  sender: ForwardSender,
  owner: string,
  deadline: number,
  counts: Record<'delivered' | 'retried' | 'rejected', number>,
): Promise<void> {
  const lease = () => {
    const now = deps.clock();
    return repo.leaseTarget(deps.db, key, owner, now, new Date(now.getTime() + LEASE_MS));
  };
  if (!(await lease())) {
    return;
  }
  try {
    for (;;) {
      const heads = await repo.dueMines(deps.db, key, deps.clock(), MINES_PER_ROUND);
      if (heads.length === 0) {
        return;
      }
      for (const h of heads) {
        if (Date.now() >= deadline) {
          return;
        }
        // After a failure the oldest file goes alone: a request refused whole then names its file.
        const rows = await repo.pendingOfMine(
          deps.db,
          key,
          h.mine_id,
          h.attempts > 0 ? 1 : BATCH_FILES,
        );
        const batch = batchOf(rows);
        if (batch.length === 0) {
          continue;
        }
        const outcomes = await sender(
          batch.map((r) => ({ name: r.fileName, data: r.content ?? Buffer.alloc(0) })),
        );
        await record(deps, batch, outcomes, counts);
        if (!(await lease())) {
          return;
        }
      }
    }
  } finally {
    await repo.releaseTarget(deps.db, key, owner);
  }
}

/** The first rows that fit one request: distinct names (the answer is by name), within the bytes. */
function batchOf(rows: CoalForwardRow[]): CoalForwardRow[] {
  const out: CoalForwardRow[] = [];
  const names = new Set<string>();
  let bytes = 0;
  for (const r of rows) {
    const size = r.content?.length ?? 0;
    if (names.has(r.fileName) || (out.length > 0 && bytes + size > BATCH_BYTES)) {
      break;
    }
    names.add(r.fileName);
    bytes += size;
    out.push(r);
  }
  return out;
}

async function record(
  deps: ServiceDeps,
  batch: CoalForwardRow[],
  outcomes: ForwardOutcome[],
  counts: Record<'delivered' | 'retried' | 'rejected', number>,
): Promise<void> {
  const at = deps.clock();
  const delivered: number[] = [];
  for (const [i, row] of batch.entries()) {
    const o: ForwardOutcome = outcomes[i] ?? { kind: 'retry', error: '没有该文件的结果' };
    if (o.kind === 'delivered') {
      delivered.push(row.id);
      counts.delivered++;
    } else if (o.kind === 'rejected') {
      await deps.db.transaction(async (tx) => {
        await repo.markRejected(tx, row.id, o.reason, at);
        await recordAudit(tx, FORWARD_ACTOR, at, {
          type: 'coal_upload.forward.rejected',
          entityId: row.fileId,
          after: { target: row.targetKey, fileName: row.fileName, reason: o.reason },
        });
      });
      counts.rejected++;
    } else {
      const attempts = row.attempts + 1;
      await repo.markRetry(
        deps.db,
        row.id,
        {
          error: o.error.slice(0, 1000),
          attempts,
          next: new Date(at.getTime() + retryDelaySeconds(attempts) * 1000),
        },
        at,
      );
      counts.retried++;
    }
  }
  await repo.markDelivered(deps.db, delivered, at);
}
