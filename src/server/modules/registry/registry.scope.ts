/**
 * @module SQL conditions that confine registry queries to the caller's jurisdiction.
 */
import { and, eq, exists, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { subtreePrefix, type Scope } from '../../platform/auth/scope.ts';
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
