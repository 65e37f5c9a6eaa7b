/**
 * @module SQL of regulators' warnings: the mines a warning reaches, the warning and its calls, the lists
 * confined to the caller's jurisdiction (a condition on `mines` from registry.scope), and the call loop's
 * due rows, each locked for its step.
 */
import { and, asc, desc, eq, gt, inArray, isNull, like, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { MineKind } from '../../../shared/registry.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { organisations, users } from '../access/access.table.ts';
import { mines } from '../registry/mine.table.ts';
import {
  regulatorWarningCalls as calls,
  regulatorWarnings as warnings,
  warningAckTokens,
} from './warning.table.ts';

export type WarningRow = typeof warnings.$inferSelect;
export type WarningCallRow = typeof calls.$inferSelect;

/** The open mines (not closed, not archived) under a region prefix, of the kinds if given. */
export function minesToWarn(tx: Db, regionPrefix: string, kinds: readonly MineKind[] | undefined) {
  return tx
    .select({
      id: mines.id,
      name: mines.name,
      enterpriseId: mines.enterpriseId,
      countyCode: mines.countyCode,
    })
    .from(mines)
    .where(
      and(
        like(mines.countyCode, `${regionPrefix}%`),
        ne(mines.status, '关闭'),
        isNull(mines.archivedAt),
        kinds ? inArray(mines.kind, [...kinds]) : undefined,
      ),
    )
    .orderBy(asc(mines.countyCode), asc(mines.name));
}

export async function insertWarning(tx: Db, row: typeof warnings.$inferInsert) {
  const [out] = await tx.insert(warnings).values(row).returning();
  return out as WarningRow;
}

export function insertCalls(tx: Db, rows: (typeof calls.$inferInsert)[]) {
  return tx.insert(calls).values(rows).returning();
}

const head = {
  w: warnings,
  issuedBy: users.displayName,
  issuingUnit: organisations.name,
};

/**
 * Warnings with a call to a mine under `scope`, newest first, with counts over those calls only;
 * `open` keeps those with a call not yet responded.
 */
export function listWarnings(db: Db, scope: SQL | undefined, open: boolean) {
  return db
    .select({
      ...head,
      mines: sql<number>`count(*)::int`,
      acknowledged: sql<number>`count(${calls.acknowledgedAt})::int`,
      responded: sql<number>`count(${calls.respondedAt})::int`,
      escalated: sql<number>`count(${calls.escalatedAt})::int`,
    })
    .from(warnings)
    .innerJoin(calls, eq(calls.warningId, warnings.id))
    .innerJoin(mines, eq(mines.id, calls.mineId))
    .innerJoin(users, eq(users.id, warnings.issuedBy))
    .innerJoin(organisations, eq(organisations.id, warnings.issuingOrganisationId))
    .where(scope)
    .groupBy(warnings.id, users.displayName, organisations.name)
    .having(open ? sql`count(${calls.respondedAt}) < count(*)` : undefined)
    .orderBy(desc(warnings.issuedAt))
    .limit(200);
}

/** One warning with who issued it. */
export async function findWarning(db: Db, id: string) {
  const [row] = await db
    .select(head)
    .from(warnings)
    .innerJoin(users, eq(users.id, warnings.issuedBy))
    .innerJoin(organisations, eq(organisations.id, warnings.issuingOrganisationId))
    .where(eq(warnings.id, id));
  return row;
}

const callFields = { c: calls, mineName: mines.name, countyCode: mines.countyCode };

/** A warning's calls to the mines under `scope`, by county and mine. */
export function callsOf(db: Db, warningId: string, scope: SQL | undefined) {
  return db
    .select(callFields)
    .from(calls)
    .innerJoin(mines, eq(mines.id, calls.mineId))
    .where(and(eq(calls.warningId, warningId), scope))
    .orderBy(asc(mines.countyCode), asc(mines.name));
}

/** The calls to the mines under `scope` with their warnings, newest first; `open`: not yet responded. */
export function callsWithWarnings(db: Db, scope: SQL | undefined, open: boolean, limit: number) {
  return db
    .select({ ...callFields, ...head })
    .from(calls)
    .innerJoin(mines, eq(mines.id, calls.mineId))
    .innerJoin(warnings, eq(warnings.id, calls.warningId))
    .innerJoin(users, eq(users.id, warnings.issuedBy))
    .innerJoin(organisations, eq(organisations.id, warnings.issuingOrganisationId))
    .where(and(scope, open ? ne(calls.state, '已回应') : undefined))
    .orderBy(desc(warnings.issuedAt), asc(mines.name))
    .limit(limit);
}

/** One call with its mine's name and county (after a change). */
export async function findCall(db: Db, id: string) {
  const [row] = await db
    .select(callFields)
    .from(calls)
    .innerJoin(mines, eq(mines.id, calls.mineId))
    .where(eq(calls.id, id));
  return row;
}

export async function updateCall(tx: Db, id: string, set: Partial<typeof calls.$inferInsert>) {
  await tx.update(calls).set(set).where(eq(calls.id, id));
}

/** Ids of unacknowledged calls whose timer is due, the earliest first. */
export function dueCalls(db: Db, at: Date, limit: number) {
  return db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.state, '待确认'), lte(calls.nextCallAt, at)))
    .orderBy(asc(calls.nextCallAt))
    .limit(limit);
}

/** An unacknowledged call whose timer is due, locked FOR UPDATE, with its warning; undefined when not. */
export async function lockDueCall(tx: Db, id: string, at: Date) {
  const [row] = await tx
    .select({ c: calls, w: warnings })
    .from(calls)
    .innerJoin(warnings, eq(warnings.id, calls.warningId))
    .where(and(eq(calls.id, id), eq(calls.state, '待确认'), lte(calls.nextCallAt, at)))
    .for('update', { of: calls });
  return row;
}

/** Stores the digests of one-time acknowledgement links. */
export async function insertAckTokens(tx: Db, rows: (typeof warningAckTokens.$inferInsert)[]) {
  if (rows.length) {
    await tx.insert(warningAckTokens).values(rows);
  }
}

/** Spends a one-time link by its digest: the token's row, or undefined if used, expired or unknown. */
export async function useAckToken(tx: Db, tokenHash: string, at: Date) {
  const [row] = await tx
    .update(warningAckTokens)
    .set({ usedAt: at })
    .where(
      and(
        eq(warningAckTokens.tokenHash, tokenHash),
        isNull(warningAckTokens.usedAt),
        gt(warningAckTokens.expiresAt, at),
      ),
    )
    .returning();
  return row;
}

/** One call locked FOR UPDATE (a link's acknowledgement). */
export async function lockCall(tx: Db, id: string) {
  const [row] = await tx.select().from(calls).where(eq(calls.id, id)).for('update');
  return row;
}
