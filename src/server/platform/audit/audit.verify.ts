/**
 * @module `audit verify`: re-computes the keyed chain event by event and holds it against every
 * checkpoint of the anchor, naming what was edited, inserted, recomputed or is missing.
 */
import type { Db } from '../db/client.ts';
import { readAnchor, type AuditCheckpoint } from './audit.anchor.ts';
import { auditKeys } from './audit.key.ts';
import {
  GENESIS_HASH,
  eventHash,
  eventsAfter,
  unkeyedEventHash,
  type HashedFields,
} from './audit.service.ts';

/** One break found by verifyAuditChain: the event's seq (0 for the anchor file itself) and what is wrong. */
export interface AuditChainProblem {
  seq: number;
  problem: string;
}

/** What verifyAuditChain found. */
export interface AuditVerifyReport {
  /** Events checked. */
  checked: number;
  /** Every break: an edit, an insertion or removal, a recomputed chain, missing newest events. */
  problems: AuditChainProblem[];
  /** What the check rests on and cannot see (the anchor's extent, events older than the key). */
  notes: string[];
}

/** The data key and the anchor file verify checks against. */
export interface AuditVerifyOptions {
  secret: Buffer;
  /** The anchor file; undefined where none is configured (verify then says it cannot see deletions). */
  anchorFile: string | undefined;
}

/** A run of consecutive events hashed without the key where the key was due. */
interface UnkeyedRun {
  from: number;
  to: number;
  n: number;
}

/**
 * Re-computes every hash in order and checks the chain against the anchor's checkpoints: the event at
 * each checkpoint's seq must carry its hash, the events up to it must be as many as it counted, and no
 * checkpoint may lie beyond the newest event.
 */
export async function verifyAuditChain(
  db: Db,
  options: AuditVerifyOptions,
): Promise<AuditVerifyReport> {
  const key = auditKeys(options.secret).chain;
  const problems: AuditChainProblem[] = [];
  const notes: string[] = [];
  const anchor = options.anchorFile ? readAnchor(options.anchorFile, options.secret) : undefined;
  const bySeq = new Map<number, AuditCheckpoint[]>();
  for (const cp of anchor?.checkpoints ?? []) {
    bySeq.set(cp.seq, [...(bySeq.get(cp.seq) ?? []), cp]);
  }
  for (const line of anchor?.badLines ?? []) {
    problems.push({
      seq: 0,
      problem: `锚点文件第 ${line} 行格式错误或签名不符 (被篡改) — anchor line ${line} is not a valid signed checkpoint`,
    });
  }
  // Events from before the key (an installation upgraded in place) are accepted only up to the seq the
  // anchor adopted them at, and only before the first keyed event.
  const first = anchor?.checkpoints[0];
  const unkeyedThrough = first?.kind === 'adopted' ? first.seq : 0;

  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  let keyedSeen = false;
  let unkeyedAccepted = 0;
  let run: UnkeyedRun | undefined;
  const endRun = () => {
    if (run) {
      problems.push({
        seq: run.from,
        problem: `seq ${run.from}–${run.to} 的 ${run.n} 条事件的哈希未用密钥计算: 链在此被重新计算 (the chain was recomputed without the key)`,
      });
      run = undefined;
    }
  };
  const seen = new Set<AuditCheckpoint>();
  for (;;) {
    const batch = await eventsAfter(db, lastSeq, 2000);
    if (batch.length === 0) {
      break;
    }
    for (const row of batch) {
      checked++;
      if (row.prevHash !== prevHash) {
        problems.push({
          seq: row.seq,
          problem:
            'prev_hash does not match the hash of the row before it (a row was removed or inserted)',
        });
      }
      const fields: HashedFields = row;
      if (row.hash === eventHash(key, row.prevHash, fields)) {
        keyedSeen = true;
        endRun();
      } else if (row.hash === unkeyedEventHash(row.prevHash, fields)) {
        if (!keyedSeen && row.seq <= unkeyedThrough) {
          unkeyedAccepted++;
        } else if (run && run.to === lastSeq) {
          run = { ...run, to: row.seq, n: run.n + 1 };
        } else {
          endRun();
          run = { from: row.seq, to: row.seq, n: 1 };
        }
      } else {
        endRun();
        problems.push({
          seq: row.seq,
          problem: 'row content does not match its hash (the row was edited)',
        });
      }
      for (const cp of bySeq.get(row.seq) ?? []) {
        seen.add(cp);
        if (cp.hash !== row.hash) {
          problems.push({
            seq: row.seq,
            problem: `seq ${row.seq} 的哈希与锚点 ${cp.at} 记录的不同 (链被重新计算) — the anchored hash differs`,
          });
        }
        if (cp.count !== checked) {
          problems.push({
            seq: row.seq,
            problem: `锚点 ${cp.at} 记录到 seq ${cp.seq} 共 ${cp.count} 条事件, 数据库中有 ${checked} 条 (${cp.count > checked ? `缺少 ${cp.count - checked} 条` : `多出 ${checked - cp.count} 条`})`,
          });
        }
      }
      prevHash = row.hash;
      lastSeq = row.seq;
    }
  }
  endRun();

  let newest: AuditCheckpoint | undefined;
  for (const cp of anchor?.checkpoints ?? []) {
    if (cp.seq === 0 || seen.has(cp)) {
      continue;
    }
    if (cp.seq > lastSeq) {
      newest = newest && newest.seq >= cp.seq ? newest : cp;
    } else {
      problems.push({
        seq: cp.seq,
        problem: `锚点 ${cp.at} 记录的 seq ${cp.seq} 不存在 (事件被删除) — an anchored event is missing`,
      });
    }
  }
  if (newest) {
    problems.push({
      seq: newest.seq,
      problem: `缺少最新的事件: 锚点 ${newest.at} 记录链头为 seq ${newest.seq} (共 ${newest.count} 条), 数据库只到 seq ${lastSeq} (共 ${checked} 条); seq ${lastSeq + 1}–${newest.seq} 的事件被删除 (the newest events were deleted)`,
    });
  }

  if (!options.anchorFile) {
    notes.push('未配置锚点文件: 无法发现最新事件被删除 (no anchor file configured)');
  } else if (!anchor || anchor.checkpoints.length === 0) {
    if (checked > 0) {
      problems.push({
        seq: 0,
        problem: `锚点文件 ${options.anchorFile} 不存在或为空: 无法确认最新的事件未被删除 (the anchor is missing)`,
      });
    }
  } else {
    const last = anchor.checkpoints.reduce((a, b) => (b.seq >= a.seq ? b : a));
    notes.push(
      `锚点 ${options.anchorFile}: ${anchor.checkpoints.length} 个检查点, 最新 ${last.at} 记录到 seq ${last.seq} (共 ${last.count} 条)`,
    );
    if (checked > last.count) {
      notes.push(`${checked - last.count} 条事件晚于最新检查点, 尚未锚定`);
    }
    if (first?.kind === 'adopted') {
      notes.push(
        `锚点始于 ${first.at} (seq ${first.seq}, 接管已有的 ${first.count} 条事件): 在此之前删除的最新事件无法发现`,
      );
    }
  }
  if (unkeyedAccepted > 0) {
    notes.push(
      `${unkeyedAccepted} 条事件早于密钥链 (升级前记录, 哈希未用密钥), 由锚点的第一个检查点保护`,
    );
  }
  problems.sort((a, b) => a.seq - b.seq);
  return { checked, problems, notes };
}
