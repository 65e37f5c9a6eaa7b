/**
 * @module The keys of the audit trail. Both are derived from the data key (MINEWATCH_SECRET, or
 * data/secret.key made on the first start), which never enters the database: one keys the hash chain
 * (HMAC-SHA256), so that someone who can write to the database cannot recompute the chain after an edit;
 * the other signs the anchor's checkpoints (audit.anchor.ts).
 */
import { createHmac } from 'node:crypto';
import { AppError, AppErrorCode } from '../errors.ts';

/** The two keys of the audit trail. */
export interface AuditKeys {
  /** Keys every event's hash (the chain). */
  chain: Buffer;
  /** Signs each checkpoint line of the anchor file. */
  anchor: Buffer;
}

/** Derives the audit keys from the data key (a label per use, so neither key opens the other's data). */
export function auditKeys(secret: Buffer): AuditKeys {
  const derive = (label: string) => createHmac('sha256', secret).update(label).digest();
  return { chain: derive('minewatch audit chain v1'), anchor: derive('minewatch audit anchor v1') };
}

/**
 * The chain key of this process. The recorder runs deep inside every module's transactions with only
 * the transaction in hand, so the key is set once where the process assembles its service
 * dependencies (runtime.ts, the test helpers, the benchmarks) rather than passed to every use case.
 */
let chainKey: Buffer | undefined;

/** Makes this process's audit recorder key the chain with the given data key. */
export function useAuditKey(secret: Buffer): void {
  chainKey = auditKeys(secret).chain;
}

/** The chain key set by useAuditKey; throws (never records an unkeyed event) when none was set. */
export function auditChainKey(): Buffer {
  if (!chainKey) {
    throw new AppError(AppErrorCode.Internal, 'the audit key is not set (useAuditKey)');
  }
  return chainKey;
}
