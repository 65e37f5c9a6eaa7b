/**
 * @module The hash-chained audit trail: record (inside the caller's transaction), verify, history.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { AppError, AppErrorCode } from '../errors.ts';
import { sha256Hex } from '../crypto.ts';
import { auditEvents } from './audit.table.ts';
import type { AuditActor, AuditEvent, AuditEventCatalogue } from './audit.events.ts';

/** Hash of the chain's start. */
export const GENESIS_HASH = '0'.repeat(64);
/** Advisory-lock key that serialises appends to the chain. */
const AUDIT_LOCK_KEY = 727_001;

/** JSON with object keys sorted at every depth, so that equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value instanceof Date) {
    return JSON.stringify(value.toISOString());
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface HashedFields {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  type: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

function eventHash(prevHash: string, f: HashedFields): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        at: f.at.toISOString(),
        actorId: f.actorId,
        actorLabel: f.actorLabel,
        ip: f.ip,
        type: f.type,
        entityType: f.entityType,
        entityId: f.entityId,
        before: f.before ?? null,
        after: f.after ?? null,
      }),
  );
}

/** JSON round trip, so the hashed value is exactly what jsonb will return (no Dates, no undefined). */
function plain(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** An event with the entity kind its catalogue gives it, as appendAudit stores it. */
interface TypedAuditEvent extends AuditEvent {
  entityType: string;
}

/**
 * The recorder of one module's events: typed by its catalogue, so a use case can only write the events
 * its module declares, and each row gets the entity kind the catalogue names.
 */
export function auditRecorder<const C extends AuditEventCatalogue>(catalogue: C) {
  return (
    tx: Db,
    actor: AuditActor,
    at: Date,
    events: AuditEvent<keyof C & string> | AuditEvent<keyof C & string>[],
  ): Promise<void> =>
    appendAudit(
      tx,
      actor,
      at,
      (Array.isArray(events) ? events : [events]).map((e) => ({
        ...e,
        entityType: catalogue[e.type] ?? e.type,
      })),
    );
}

/**
 * Appends events to the trail inside the caller's transaction; throws when called outside one, so that
 * an audit row can never be committed without its change or the other way round.
 */
async function appendAudit(
  tx: Db,
  actor: AuditActor,
  at: Date,
  list: TypedAuditEvent[],
): Promise<void> {
  if (!(tx instanceof PgTransaction)) {
    throw new AppError(AppErrorCode.Internal, 'recordAudit must run inside a transaction');
  }
  if (list.length === 0) {
    return;
  }
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(sql`${auditEvents.seq} DESC`)
    .limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const stamp = new Date(Math.floor(at.getTime()));
  const rows = list.map((e) => {
    const fields: HashedFields = {
      at: stamp,
      actorId: actor.actorId,
      actorLabel: actor.actorLabel,
      ip: actor.ip,
      type: e.type,
      entityType: e.entityType,
      entityId: e.entityId,
      before: plain(e.before),
      after: plain(e.after),
    };
    const hash = eventHash(prevHash, fields);
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(auditEvents).values(rows.slice(i, i + 500));
  }
}

/** One break in the chain found by verifyAuditChain. */
export interface AuditChainProblem {
  seq: number;
  problem: string;
}

/** Re-computes every hash in order; returns the rows checked and every break found. */
export async function verifyAuditChain(
  db: Db,
): Promise<{ checked: number; problems: AuditChainProblem[] }> {
  const problems: AuditChainProblem[] = [];
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, lastSeq))
      .orderBy(asc(auditEvents.seq))
      .limit(2000);
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
      const recomputed = eventHash(row.prevHash, {
        at: row.at,
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        ip: row.ip,
        type: row.type,
        entityType: row.entityType,
        entityId: row.entityId,
        before: row.before,
        after: row.after,
      });
      if (recomputed !== row.hash) {
        problems.push({
          seq: row.seq,
          problem: 'row content does not match its hash (the row was edited)',
        });
      }
      prevHash = row.hash;
      lastSeq = row.seq;
    }
  }
  return { checked, problems };
}

/** The audit history of one entity, oldest first. */
export async function entityHistory(db: Db, entityType: string, entityId: string) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(asc(auditEvents.seq));
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    actor: r.actorLabel,
    type: r.type,
    before: r.before,
    after: r.after,
  }));
}

/** The entities an actor recorded events of one type about (e.g. the sensors the demo seed created). */
export async function entityIdsRecordedBy(
  db: Db,
  actorLabel: string,
  type: string,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: auditEvents.entityId })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorLabel, actorLabel), eq(auditEvents.type, type)));
  return rows.map((r) => r.id);
}

/** Whether the trail holds any event recorded under this actor label. */
export async function hasEventsBy(db: Db, actorLabel: string): Promise<boolean> {
  const [row] = await db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(eq(auditEvents.actorLabel, actorLabel))
    .limit(1);
  return row !== undefined;
}
