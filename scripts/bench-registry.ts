/**
 * Benchmark: registry list queries over 20,000 mines, as a province and as a county regulator.
 * Usage: npm run bench:registry            (embedded PGlite)
 *        BENCH_DATABASE_URL=postgres://… npm run bench:registry
 * Prints p50/p95 per query and, last, `BENCH registry-list-p95 <ms> ms`.
 */
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../src/server/platform/db/client.ts';
import { createScratchDatabase } from '../src/server/platform/db/scratch.ts';
import { loadRegions } from '../src/server/modules/registry/region.service.ts';
import { listMines } from '../src/server/modules/registry/mine.service.ts';
import { enterprises } from '../src/server/modules/registry/enterprise.table.ts';
import { licences, mines } from '../src/server/modules/registry/mine.table.ts';
import { systemPrincipal } from '../src/server/modules/access/principal.ts';
import { MineListQuery } from '../src/shared/registry.schemas.ts';
import { completeCreditCode } from '../src/shared/identifiers.ts';
import {
  mineKinds,
  mineStatuses,
  mineScales,
  standardizationLevels,
} from '../src/shared/registry.enums.ts';
import { DEMO_COUNTIES } from '../src/server/seed/demo-province.ts';
import { createRng } from '../src/server/seed/random.ts';
import type { Principal } from '../src/server/platform/auth/scope.ts';

const MINES = Number(process.env.BENCH_MINES ?? 20_000);
const RUNS = 40;

async function main() {
  const base = process.env.BENCH_DATABASE_URL;
  const scratch = base ? await createScratchDatabase(base, 'mw_bench') : undefined;
  const url = scratch?.url;
  const drop = scratch?.drop;
  const database = await openDatabase({ url });
  try {
    await migrateDatabase(database);
    await loadRegions(database.db);
    const rng = createRng(7);
    const counties = Object.values(DEMO_COUNTIES).flatMap((c) => Object.keys(c));
    const t0 = Date.now();
    const entIds: string[] = [];
    const ents = Array.from({ length: MINES / 4 }, (_, i) => {
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
    const today = new Date('2026-11-22');
    for (let i = 0; i < MINES; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, MINES - i) }, (_, j) => {
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
          kind: '安全生产许可证',
          number: `B-${i + k}`,
          issuedOn: '2024-01-01',
          expiresOn: new Date(today.getTime() + rng.int(-30, 1500) * 86_400_000)
            .toISOString()
            .slice(0, 10),
        })),
      );
    }
    await database.db.execute(sql`ANALYZE`);
    console.log(
      `loaded ${MINES} mines in ${((Date.now() - t0) / 1000).toFixed(1)} s on ${database.engine}`,
    );
    const deps = { db: database.db, clock: () => today, secret: Buffer.alloc(32) };
    const province: Principal = {
      ...systemPrincipal('bench'),
      scope: { kind: 'region', regionCode: '140000', prefix: '14' },
    };
    const county: Principal = {
      ...systemPrincipal('bench'),
      scope: { kind: 'region', regionCode: '140981', prefix: '140981' },
    };
    const queries: [string, Principal, Record<string, string>][] = [
      ['province, first page', province, {}],
      ['province, kind + status filter', province, { kind: '煤矿井工', status: '生产' }],
      ['province, licences expiring in 90 days', province, { licenceExpiringWithinDays: '90' }],
      ['province, text search', province, { q: '矿山0123' }],
      ['county, first page', county, {}],
      ['county, standardization filter', county, { standardizationLevel: '二级,一级' }],
    ];
    let worstP95 = 0;
    for (const [label, principal, q] of queries) {
      const query = MineListQuery.parse({ ...q, limit: '50' });
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await listMines(deps, principal, query);
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      const p50 = times[Math.floor(RUNS * 0.5)] ?? 0;
      const p95 = times[Math.floor(RUNS * 0.95)] ?? 0;
      worstP95 = Math.max(worstP95, p95);
      console.log(`${label.padEnd(40)} p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms`);
    }
    console.log(`BENCH registry-list-p95 ${worstP95.toFixed(1)} ms`);
  } finally {
    await database.close();
    await drop?.();
  }
}

await main();
