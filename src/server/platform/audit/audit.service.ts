/**
 * @module The keyed hash chain of the audit trail: record (inside the caller's transaction), the head
 * and counts the anchor checkpoints, history. Verification is in audit.verify.ts, the anchor in
 * audit.anchor.ts.
 */
import { createHmac } from 'node:crypto';
import { and, asc, count, desc, eq, gt, lte, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { AppError, AppErrorCode } from '../errors.ts';
import { sha256Hex } from '../crypto.ts';
import { auditChainKey } from './audit.key.ts';
import { auditEvents } from './audit.table.ts';
import type { AuditActor, AuditEvent, AuditEventCatalogue } from './audit.events.ts';

/** Hash of the chain's start. */
export const GENESIS_HASH = '0'.repeat(64);
/** Advisory-lock key that serialises appends to the chain. */
export const AUDIT_LOCK_KEY = 727_001;

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

/** The stored fields an event's hash covers. */
export interface HashedFields {
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

function hashedText(prevHash: string, f: HashedFields): string {
  return (
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
    })
  );
}

/**
 * An event's hash: HMAC-SHA256 under the chain key of the previous hash and the event, so that nobody
 * without the key (which is never in the database) can recompute the chain after an edit.
 */
export function eventHash(key: Buffer, prevHash: string, f: HashedFields): string {
  return createHmac('sha256', key).update(hashedText(prevHash, f)).digest('hex');
}

/**
 * The unkeyed SHA-256 hash of releases before the key: accepted by verify only for events older than
 * the anchor's first checkpoint (an installation upgraded in place), never after it.
 */
export function unkeyedEventHash(prevHash: string, f: HashedFields): string {
  return sha256Hex(hashedText(prevHash, f));
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
  const key = auditChainKey();
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
    const hash = eventHash(key, prevHash, fields);
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(auditEvents).values(rows.slice(i, i + 500));
  }
}

/** The newest event of the trail (its seq and hash), or undefined when the trail is empty. */
export async function auditHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const [row] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row;
}

/** How many events have a seq in (after, through]. */
export async function countEvents(db: Db, after: number, through: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(gt(auditEvents.seq, after), lte(auditEvents.seq, through)));
  return row?.n ?? 0;
}

/** The next `limit` events after seq `after`, in order (the walk of verify). */
export function eventsAfter(db: Db, after: number, limit: number) {
  return db
    .select()
    .from(auditEvents)
    .where(gt(auditEvents.seq, after))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
}

/** The events of one type about one entity, oldest first, as stored (cross-checks of verify). */
export function eventsOf(db: Db, entityType: string, entityId: string, type: string) {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, entityType),
        eq(auditEvents.entityId, entityId),
        eq(auditEvents.type, type),
      ),
    )
    .orderBy(asc(auditEvents.seq));
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
    actorId: r.actorId,
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
