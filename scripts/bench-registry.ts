/**
 * Benchmark: registry list queries over 20,000 mines, as a province and as a county regulator.
 * Usage: npm run bench:registry            (embedded PGlite)
 *        BENCH_DATABASE_URL=postgres://… npm run bench:registry
 * Prints p50/p95 per query and, last, `BENCH registry-list-p95 <ms> ms`.
 */
import { listMines } from '../src/server/modules/registry/mine.service.ts';
import { createEventChannel } from '../src/server/platform/events.ts';
import { useAuditKey } from '../src/server/platform/audit/audit.key.ts';
import { MineListQuery } from '../src/shared/registry.schemas.ts';
import type { Principal } from '../src/server/platform/auth/scope.ts';
import {
  BENCH_TODAY,
  benchPrincipals,
  loadBenchMines,
  measure,
  withBenchDatabase,
} from './bench/bench-kit.ts';

const MINES = Number(process.env.BENCH_MINES ?? 20_000);
const RUNS = 40;

await withBenchDatabase(async (database) => {
  const t0 = Date.now();
  await loadBenchMines(database, MINES);
  console.log(
    `loaded ${MINES} mines in ${((Date.now() - t0) / 1000).toFixed(1)} s on ${database.engine}`,
  );
  const deps = {
    db: database.db,
    clock: () => BENCH_TODAY,
    secret: Buffer.alloc(32),
    events: createEventChannel(),
  };
  useAuditKey(deps.secret);
  const { province, county } = benchPrincipals;
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
    const { p95 } = await measure(label, RUNS, () => listMines(deps, principal, query));
    worstP95 = Math.max(worstP95, p95);
  }
  console.log(`BENCH registry-list-p95 ${worstP95.toFixed(1)} ms`);
});
