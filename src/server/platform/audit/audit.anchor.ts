/**
 * @module The audit trail's anchor outside the database: a file of signed checkpoints, one JSON line
 * each (the head's seq and hash and how many events lead up to it, with an HMAC under the anchor key).
 * A process appends one when it opens and closes the database and, while the server runs, every jobs
 * period when the head has moved. `audit verify` (audit.verify.ts) holds the chain against every
 * checkpoint: deleting the newest events, or rewriting the table with a recomputed chain, no longer
 * passes unseen. The file is AUDIT_ANCHOR_FILE, by default data/audit-anchor.jsonl beside the data key.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
} from 'node:fs';
import { createHmac, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditKeys } from './audit.key.ts';
import {
  AUDIT_LOCK_KEY,
  GENESIS_HASH,
  auditHead,
  canonicalJson,
  countEvents,
} from './audit.service.ts';

/**
 * genesis: the trail was empty when the file began; adopted: the file began over a trail that already
 * held events (an upgrade, or a lost file: verify says since when); checkpoint: every later one.
 */
export type CheckpointKind = 'genesis' | 'adopted' | 'checkpoint';

/** One signed line of the anchor file. */
export interface AuditCheckpoint {
  kind: CheckpointKind;
  /** The head event's seq (0 for an empty trail). */
  seq: number;
  /** How many events have a seq up to and including `seq`. */
  count: number;
  /** The head event's hash. */
  hash: string;
  /** When the checkpoint was written (ISO 8601). */
  at: string;
}

/** Where the anchor is and the data key it is signed with. */
export interface AuditAnchorOptions {
  secret: Buffer;
  file: string;
}

function macOf(key: Buffer, cp: AuditCheckpoint): string {
  const { kind, seq, count, hash, at } = cp;
  return createHmac('sha256', key)
    .update(canonicalJson({ v: 1, kind, seq, count, hash, at }))
    .digest('hex');
}

/** A checkpoint as its line in the file (without the newline). */
export function checkpointLine(key: Buffer, cp: AuditCheckpoint): string {
  const { kind, seq, count, hash, at } = cp;
  return JSON.stringify({ v: 1, kind, seq, count, hash, at, mac: macOf(key, cp) });
}

/** The checkpoint of one line, or undefined when the line is malformed or its signature does not match. */
export function parseCheckpoint(key: Buffer, line: string): AuditCheckpoint | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) {
    return undefined;
  }
  const o = v as Record<string, unknown>;
  const kinds: readonly unknown[] = ['genesis', 'adopted', 'checkpoint'];
  if (
    o.v !== 1 ||
    !kinds.includes(o.kind) ||
    !Number.isSafeInteger(o.seq) ||
    !Number.isSafeInteger(o.count) ||
    typeof o.hash !== 'string' ||
    typeof o.at !== 'string' ||
    typeof o.mac !== 'string'
  ) {
    return undefined;
  }
  const cp: AuditCheckpoint = {
    kind: o.kind as CheckpointKind,
    seq: o.seq as number,
    count: o.count as number,
    hash: o.hash,
    at: o.at,
  };
  const want = Buffer.from(macOf(key, cp), 'hex');
  const got = Buffer.from(o.mac, 'hex');
  return got.length === want.length && timingSafeEqual(got, want) ? cp : undefined;
}

/** The valid checkpoints of an anchor file in file order, and the numbers of its lines that are not. */
export interface AnchorContents {
  checkpoints: AuditCheckpoint[];
  badLines: number[];
}

/** Reads and checks the anchor file; undefined when there is no file. */
export function readAnchor(file: string, secret: Buffer): AnchorContents | undefined {
  if (!existsSync(file)) {
    return undefined;
  }
  const key = auditKeys(secret).anchor;
  const checkpoints: AuditCheckpoint[] = [];
  const badLines: number[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') {
        return;
      }
      const cp = parseCheckpoint(key, line);
      if (cp) {
        checkpoints.push(cp);
      } else {
        badLines.push(i + 1);
      }
    });
  return { checkpoints, badLines };
}

/** The last line of a file, read from its end (the anchor grows; this stays cheap). */
function lastLine(file: string): string | undefined {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 4096);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    return buf
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .pop();
  } finally {
    closeSync(fd);
  }
}

/**
 * What anchoring did: began the file over an empty trail (genesis) or over existing events (adopted),
 * wrote a checkpoint, found the head unchanged, found no file and was not to begin one (missing), or
 * found the trail shorter than its last checkpoint and wrote nothing (behind: events were deleted).
 */
export type AnchorOutcome = 'genesis' | 'adopted' | 'written' | 'unchanged' | 'missing' | 'behind';

/** The operator's warning for an outcome that needs one, in Chinese first. */
export function anchorWarning(outcome: AnchorOutcome): string | undefined {
  switch (outcome) {
    case 'adopted':
      return '审计锚点文件不存在, 已从当前链头开始新的锚点 (audit anchor begun over an existing trail)';
    case 'behind':
      return '审计链短于锚点的最新检查点: 事件可能被删除, 请运行 minewatch audit verify (the trail is behind its anchor)';
    case 'genesis':
    case 'written':
    case 'unchanged':
    case 'missing':
      return undefined;
  }
}

/**
 * Appends a checkpoint of the trail's current head when it has moved. Without a file, begins one over
 * an empty trail; over a trail that already holds events only when `adopt` is set (the server: an
 * installation upgraded in place, or a lost file, which verify then reports with its date).
 */
export async function anchorAuditTrail(
  db: Db,
  anchor: AuditAnchorOptions,
  options: { adopt: boolean; now: Date },
): Promise<{ outcome: AnchorOutcome; checkpoint?: AuditCheckpoint }> {
  const key = auditKeys(anchor.secret).anchor;
  const exists = existsSync(anchor.file);
  const lastText = exists ? lastLine(anchor.file) : undefined;
  const last = lastText === undefined ? undefined : parseCheckpoint(key, lastText);
  // Under the recorder's lock, so no append is half done while the head and its count are read.
  const state = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const head = await auditHead(tx);
    if (!head) {
      return { seq: 0, hash: GENESIS_HASH, count: 0 };
    }
    const count =
      last && head.seq >= last.seq
        ? last.count + (await countEvents(tx, last.seq, head.seq))
        : await countEvents(tx, 0, head.seq);
    return { ...head, count };
  });
  let kind: CheckpointKind = 'checkpoint';
  if (!exists || lastText === undefined) {
    if (state.seq === 0) {
      kind = 'genesis';
    } else if (options.adopt) {
      kind = 'adopted';
    } else {
      return { outcome: 'missing' };
    }
  } else if (last && state.seq < last.seq) {
    return { outcome: 'behind', checkpoint: last };
  } else if (last && state.seq === last.seq && state.hash === last.hash) {
    return { outcome: 'unchanged', checkpoint: last };
  }
  const checkpoint: AuditCheckpoint = { kind, ...state, at: options.now.toISOString() };
  mkdirSync(path.dirname(anchor.file), { recursive: true });
  // One short line per write with O_APPEND: lines of processes anchoring at once never interleave.
  appendFileSync(anchor.file, `${checkpointLine(key, checkpoint)}\n`, { mode: 0o600 });
  return { outcome: kind === 'checkpoint' ? 'written' : kind, checkpoint };
}
