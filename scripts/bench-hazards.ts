/**
 * Benchmark: the major-hazard database at national scale — 1,000,000 hazards over 20,000 mines in
 * PostgreSQL — timing the dynamic analysis and the hazard list as a province and as a county regulator.
 * Usage: npm run bench:hazards   (BENCH_DATABASE_URL, default the local postgres://…/postgres server;
 *        BENCH_HAZARDS and BENCH_MINES change the sizes). Target (issue 4): p95 under 300 ms.
 * Prints p50/p95 per query and, last, `BENCH hazards-p95 <ms> ms`.
 */
import { sql } from 'drizzle-orm';
import { createEventChannel } from '../src/server/platform/events.ts';
import { useAuditKey } from '../src/server/platform/audit/audit.key.ts';
import { loadHazardCatalogue } from '../src/server/modules/hazards/catalogue.service.ts';
import { hazardAnalysis } from '../src/server/modules/hazards/analysis.service.ts';
import { listHazards } from '../src/server/modules/hazards/hazard.service.ts';
import { HazardAnalysisQuery } from '../src/shared/hazard-analysis.schemas.ts';
import { HazardListQuery } from '../src/shared/hazard.schemas.ts';
import { queryRows, type Database } from '../src/server/platform/db/client.ts';
import {
  BENCH_TODAY,
  benchPrincipals,
  loadBenchMines,
  measure,
  withBenchDatabase,
} from './bench/bench-kit.ts';

const MINES = Number(process.env.BENCH_MINES ?? 20_000);
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 1_000_000);
const CHUNK = 100_000;
const RUNS = 30;

/**
 * Inserts hazards g = from..to with SQL alone. A multiplicative hash of g picks the mine, the age
 * (0–1,499 days) and the state: hazards older than 120 days are mostly 销号 (3 % are not), younger
 * ones are spread over the loop; every 50th is a repeat (屡改屡犯), every 40th supervised.
 */
async function insertHazards(database: Database, from: number, to: number) {
  await database.db.execute(sql`
    INSERT INTO hazards (mine_id, criterion_id, description, location, source, found_by, found_on,
      state, supervised, responsible_person, measures, funds_yuan, deadline, contingency_plan,
      closed_at, repeat_of, created_at, updated_at)
    SELECT m.id, ci.id, '基准隐患 ' || g, '+350 中段', (ARRAY['企业自查', '上级公司检查', '监管执法检查', '举报', '监测预警/线索'])[1 + g % 5],
      '检查组', d.found_on, d.state, g % 40 = 0,
      CASE WHEN d.state <> '已上报' THEN '矿长' END, CASE WHEN d.state <> '已上报' THEN '整改措施' END,
      CASE WHEN d.state <> '已上报' THEN 10000 END,
      CASE WHEN d.state <> '已上报' THEN d.found_on + 30 END, CASE WHEN d.state <> '已上报' THEN '预案' END,
      CASE WHEN d.state = '已销号' THEN (d.found_on + 1 + d.p % 60)::timestamp + interval '2 hours' END,
      CASE WHEN g % 50 = 7 THEN gen_random_uuid() END,
      d.found_on::timestamp, d.found_on::timestamp
    FROM generate_series(${from}::int, ${to}::int) g
    CROSS JOIN LATERAL (SELECT (g::bigint * 2654435761) % 4294967296 AS h) x
    CROSS JOIN LATERAL (
      SELECT DATE '2026-11-22' - (x.h % 1500)::int AS found_on, ((x.h / 1500) % 100)::int AS p,
        CASE
          WHEN x.h % 1500 > 120 THEN CASE WHEN (x.h / 1500) % 100 < 3 THEN '治理中' ELSE '已销号' END
          WHEN (x.h / 1500) % 100 < 40 THEN '已销号'
          WHEN (x.h / 1500) % 100 < 60 THEN '治理中'
          WHEN (x.h / 1500) % 100 < 80 THEN '已上报'
          ELSE '待验收'
        END AS state
    ) d
    JOIN bench_mines m ON m.n = 1 + (x.h / 150000) % ${MINES}
    JOIN bench_criterion_counts cc ON cc.kind = m.kind
    JOIN bench_criteria ci ON ci.kind = m.kind AND ci.n = 1 + g % cc.cnt`);
}

await withBenchDatabase(async (database) => {
  const t0 = Date.now();
  await loadBenchMines(database, MINES);
  await loadHazardCatalogue(database.db, BENCH_TODAY);
  await database.db.execute(
    sql`CREATE TABLE bench_mines AS SELECT row_number() OVER (ORDER BY id) AS n, id, kind FROM mines`,
  );
  await database.db.execute(sql`CREATE TABLE bench_criteria AS
    SELECT k.kind, row_number() OVER (PARTITION BY k.kind ORDER BY c.code) AS n, c.id
    FROM hazard_criteria c CROSS JOIN unnest(c.applicable_kinds) AS k(kind)`);
  await database.db.execute(
    sql`CREATE TABLE bench_criterion_counts AS SELECT kind, count(*) AS cnt FROM bench_criteria GROUP BY kind`,
  );
  // A bulk load: the closed-history rollup is rebuilt once at the end instead of row by row.
  await database.db.execute(sql`ALTER TABLE hazards DISABLE TRIGGER hazards_closed_stats`);
  for (let from = 1; from <= HAZARDS; from += CHUNK) {
    await insertHazards(database, from, Math.min(HAZARDS, from + CHUNK - 1));
  }
  await database.db.execute(sql`ALTER TABLE hazards ENABLE TRIGGER hazards_closed_stats`);
  await database.db.execute(sql`SELECT hazard_closed_stats_rebuild()`);
  await database.db.execute(sql`DROP TABLE bench_mines, bench_criteria, bench_criterion_counts`);
  await database.db.execute(sql`VACUUM ANALYZE hazards`);
  await database.db.execute(sql`ANALYZE hazard_closed_stats`);
  const [loaded] = await queryRows<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM hazards`,
  );
  console.log(
    `loaded ${MINES} mines and ${loaded?.n ?? 0} hazards in ${((Date.now() - t0) / 1000).toFixed(1)} s on ${database.engine}`,
  );
  const deps = {
    db: database.db,
    clock: () => BENCH_TODAY,
    secret: Buffer.alloc(32),
    events: createEventChannel(),
  };
  useAuditKey(deps.secret);
  let worstP95 = 0;
  for (const [who, principal] of Object.entries(benchPrincipals)) {
    const runs: [string, () => Promise<unknown>][] = [
      [
        'dynamic analysis (12 months)',
        () => hazardAnalysis(deps, principal, HazardAnalysisQuery.parse({})),
      ],
      ['list, first page', () => listHazards(deps, principal, HazardListQuery.parse({}))],
      [
        'list, overdue',
        () => listHazards(deps, principal, HazardListQuery.parse({ overdue: 'true' })),
      ],
      [
        'list, 治理中 + 挂牌督办',
        () =>
          listHazards(
            deps,
            principal,
            HazardListQuery.parse({ state: '治理中', supervised: 'true' }),
          ),
      ],
    ];
    for (const [label, run] of runs) {
      const { p95 } = await measure(`${who}: ${label}`, RUNS, run);
      worstP95 = Math.max(worstP95, p95);
    }
  }
  console.log(`BENCH hazards-p95 ${worstP95.toFixed(1)} ms`);
}, 'postgres://postgres@127.0.0.1:5432/postgres');
