/**
 * @module What the benchmarks share: a scratch database (PostgreSQL from BENCH_DATABASE_URL, else
 * PGlite), a registry of N mines over the demo counties, and p50/p95 timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import {
  migrateDatabase,
  openDatabase,
  type Database,
} from '../../src/server/platform/db/client.ts';
import { createScratchDatabase } from '../../src/server/platform/db/scratch.ts';
import { loadRegions } from '../../src/server/modules/registry/region.service.ts';
import { enterprises } from '../../src/server/modules/registry/enterprise.table.ts';
import { licences, mines } from '../../src/server/modules/registry/mine.table.ts';
import { systemPrincipal } from '../../src/server/modules/access/principal.ts';
import { completeCreditCode } from '../../src/shared/identifiers.ts';
import {
  mineKinds,
  mineScales,
  mineStatuses,
  standardizationLevels,
} from '../../src/shared/registry.enums.ts';
import { DEMO_COUNTIES } from '../../src/server/seed/demo-province.ts';
import { createRng } from '../../src/server/platform/random.ts';
import type { Principal } from '../../src/server/platform/auth/scope.ts';

export const BENCH_TODAY = new Date('2026-11-22T02:00:00Z');

/**
 * Opens a migrated scratch database (in the PostgreSQL server of BENCH_DATABASE_URL, else of
 * `defaultUrl`, else PGlite in a scratch data folder) and runs `body`; drops the database afterwards.
 */
export async function withBenchDatabase(
  body: (database: Database) => Promise<void>,
  defaultUrl?: string,
) {
  const base = process.env.BENCH_DATABASE_URL ?? defaultUrl;
  const scratch = base ? await createScratchDatabase(base, 'mw_bench') : undefined;
  // PGlite as the product runs it: in a data folder on disk (BENCH_PGLITE_MEMORY=1: in memory).
  const dataDir =
    scratch || process.env.BENCH_PGLITE_MEMORY
      ? undefined
      : mkdtempSync(path.join(tmpdir(), 'mw-bench-pglite-'));
  const database = await openDatabase({ url: scratch?.url, dataDir });
  try {
    await migrateDatabase(database);
    await loadRegions(database.db);
    await body(database);
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP && scratch) {
      console.log(`kept ${scratch.url}`);
    } else {
      await scratch?.drop();
    }
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

/** Loads `count` mines (with enterprises and a licence each) spread over the demo counties. */
export async function loadBenchMines(database: Database, count: number): Promise<void> {
  const rng = createRng(7);
  const counties = Object.values(DEMO_COUNTIES).flatMap((c) => Object.keys(c));
  const entIds: string[] = [];
  const ents = Array.from({ length: count / 4 }, (_, i) => {
    const id = rng.uuid();
    entIds.push(id);
    const county = counties[i % counties.length] ?? '140981';
    return {
      id,
      name: `企业${i}`,
      regionCode: county,
      creditCode: completeCreditCode(`91${county}${String(i).padStart(9, '0')}`),
    };
  });
  for (let i = 0; i < ents.length; i += 1000) {
    await database.db.insert(enterprises).values(ents.slice(i, i + 1000));
  }
  for (let i = 0; i < count; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - i) }, (_, j) => {
      const n = i + j;
      return {
        id: rng.uuid(),
        name: `矿山${String(n).padStart(6, '0')}`,
        enterpriseId: entIds[n % entIds.length] ?? '',
        countyCode: ents[n % entIds.length]?.regionCode ?? '140981',
        kind: rng.pick(mineKinds),
        scale: rng.pick(mineScales),
        status: rng.pick(mineStatuses),
        statusSince: '2025-01-01',
        standardizationLevel: rng.pick(standardizationLevels),
      };
    });
    await database.db.insert(mines).values(batch);
    await database.db.insert(licences).values(
      batch.map((m, k) => ({
        mineId: m.id,
        kind: '安全生产许可证' as const,
        number: `B-${i + k}`,
        issuedOn: '2024-01-01',
        expiresOn: new Date(BENCH_TODAY.getTime() + rng.int(-30, 1500) * 86_400_000)
          .toISOString()
          .slice(0, 10),
      })),
    );
  }
  await database.db.execute(sql`ANALYZE`);
}

/** A province (山西, prefix 14) and a county (原平市) regulator. */
export const benchPrincipals: Record<'province' | 'county', Principal> = {
  province: {
    ...systemPrincipal('bench'),
    scope: { kind: 'region', regionCode: '140000', prefix: '14' },
  },
  county: {
    ...systemPrincipal('bench'),
    scope: { kind: 'region', regionCode: '140981', prefix: '140981' },
  },
};

/** Runs `fn` `runs` times (after one warm-up) and prints and returns its p50 and p95 in ms. */
export async function measure(label: string, runs: number, fn: () => Promise<unknown>) {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(runs * 0.5)] ?? 0;
  const p95 = times[Math.min(runs - 1, Math.floor(runs * 0.95))] ?? 0;
  console.log(`${label.padEnd(48)} p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms`);
  return { p50, p95 };
}
