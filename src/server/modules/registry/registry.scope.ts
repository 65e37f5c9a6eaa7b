/**
 * @module The jurisdiction boundary: SQL conditions that confine queries to the caller's jurisdiction,
 * and the one way a use case loads a row by id within it (visibleByMine, visibleEnterprise) — a 404
 * outside it, never a 403, so ids of other jurisdictions do not show that they exist.
 */
import { and, eq, exists, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgSelect, PgTable } from 'drizzle-orm/pg-core';
import { subtreePrefix, type Principal, type Scope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/client.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { enterprises } from './enterprise.table.ts';
import { mines } from './mine.table.ts';

/** Rows of `mines` the scope may see (undefined = everything). */
export function mineScopeCondition(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'region':
      return like(mines.countyCode, `${scope.prefix}%`);
    case 'enterprise':
      return eq(mines.enterpriseId, scope.enterpriseId);
    case 'mines':
      return scope.mineIds.length ? inArray(mines.id, [...scope.mineIds]) : sql`false`;
  }
}

/**
 * Rows of `enterprises` the scope may see: a regulator sees enterprises registered in its region and
 * those operating a mine there; an enterprise sees itself; a mine-scoped caller the owner of its mines.
 */
export function enterpriseScopeCondition(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'region':
      return or(
        like(enterprises.regionCode, `${scope.prefix}%`),
        exists(
          sql`(SELECT 1 FROM ${mines} WHERE ${mines.enterpriseId} = ${enterprises.id} AND ${like(mines.countyCode, `${scope.prefix}%`)})`,
        ),
      );
    case 'enterprise':
      return eq(enterprises.id, scope.enterpriseId);
    case 'mines':
      return scope.mineIds.length
        ? exists(
            sql`(SELECT 1 FROM ${mines} WHERE ${mines.enterpriseId} = ${enterprises.id} AND ${inArray(mines.id, [...scope.mineIds])})`,
          )
        : sql`false`;
  }
}

/** Mines whose county lies under a region prefix (`regionPrefix` from subtreePrefix); none = no filter. */
export function mineRegionCondition(regionPrefix: string | undefined): SQL | undefined {
  return regionPrefix ? like(mines.countyCode, `${regionPrefix}%`) : undefined;
}

/** Mines in the subtree of a region code (GB/T 2260), or no condition without one. */
export function mineInRegion(region: string | undefined): SQL | undefined {
  return mineRegionCondition(region ? subtreePrefix(region) : undefined);
}

/** `a AND b` that tolerates undefined parts. */
export function allOf(...parts: (SQL | undefined)[]): SQL | undefined {
  const present = parts.filter((p): p is SQL => p !== undefined);
  return present.length ? and(...present) : undefined;
}

/** Escapes LIKE wildcards in user text. */
export function likeText(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A table keyed by `id`. */
type IdTable = PgTable & { id: PgColumn };

/** A table whose rows belong to a mine (`mine_id`). */
export type MineOwnedTable = IdTable & { mineId: PgColumn };

/** How one lookup by id answers. */
export interface VisibleOptions<Q extends PgSelect> {
  /** The entity the 404 names (`hazard`, `sensor` …). */
  entity: string;
  /**
   * The entity's select (`….$dynamic()`) from `table`, joined to `mines` (or from `mines` itself),
   * without a where of its own; by default the row and its mine, as `{ row, mine }`.
   */
  select?: Q;
  /** A further condition the row must meet to be found (e.g. not archived). */
  where?: SQL | undefined;
  /** Take the row FOR UPDATE (of the entity's table only), for a change in the caller's transaction. */
  lock?: boolean;
  /** For an id named in a request body: a 400 on this field with this message instead of the 404. */
  field?: { path: string; message: string } | undefined;
}

/** The default answer of visibleByMine: the row and its mine. */
export interface RowAndMine<T extends MineOwnedTable> {
  row: T['$inferSelect'];
  mine: typeof mines.$inferSelect;
}

async function visibleWhere<Q extends PgSelect>(
  select: Q,
  table: PgTable,
  condition: SQL | undefined,
  id: string,
  options: VisibleOptions<Q>,
): Promise<Awaited<Q>[number]> {
  let q = select.where(condition);
  if (options.lock) {
    q = q.for('update', { of: table });
  }
  const [row] = (await q) as Awaited<Q>[number][];
  if (!row) {
    throw options.field
      ? invalidField(options.field.path, options.field.message, id)
      : notFound(options.entity, id);
  }
  return row;
}

/**
 * One row of a mine-owned table by id, joined to its mine and confined to the caller's jurisdiction
 * (mineScopeCondition), or a 404 naming the entity — the same answer for an id outside the
 * jurisdiction as for no such id. Answers `{ row, mine }`, or the rows of `options.select`.
 */
export function visibleByMine<T extends MineOwnedTable>(
  db: Db,
  principal: Principal,
  table: T,
  id: string,
  options: VisibleOptions<PgSelect> & { select?: undefined },
): Promise<RowAndMine<T>>;
export function visibleByMine<Q extends PgSelect>(
  db: Db,
  principal: Principal,
  table: IdTable,
  id: string,
  options: VisibleOptions<Q> & { select: Q },
): Promise<Awaited<Q>[number]>;
export function visibleByMine(
  db: Db,
  principal: Principal,
  table: IdTable & { mineId?: PgColumn },
  id: string,
  options: VisibleOptions<PgSelect>,
): Promise<unknown> {
  const select =
    options.select ??
    db
      .select({ row: table, mine: mines })
      .from(table)
      .innerJoin(mines, eq(mines.id, (table as MineOwnedTable).mineId))
      .$dynamic();
  return visibleWhere(
    select,
    table,
    allOf(eq(table.id, id), mineScopeCondition(principal.scope), options.where),
    id,
    options,
  );
}

/**
 * An enterprise by id within the caller's jurisdiction (enterpriseScopeCondition), or a 404: the
 * enterprise counterpart of visibleByMine, over the enterprise's select.
 */
export function visibleEnterprise<Q extends PgSelect>(
  principal: Principal,
  id: string,
  options: VisibleOptions<Q> & { select: Q },
): Promise<Awaited<Q>[number]> {
  return visibleWhere(
    options.select,
    enterprises,
    allOf(eq(enterprises.id, id), enterpriseScopeCondition(principal.scope), options.where),
    id,
    options,
  );
}
