/**
 * `minewatch ingest watch <dir>` as a real process, killed (SIGKILL) in the middle of a drop folder and
 * started again (issue 22, done-when: a restart in the middle of a drop folder loses and duplicates
 * nothing), on the embedded database and, when configured, on PostgreSQL.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMinewatch, spawnMinewatch } from '../../../../test/helpers/cli-process.ts';
import { buildMine } from '../../../../test/helpers/factories.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { testDeps, testSecret } from '../../../../test/helpers/test-clock.ts';
import {
  migrateDatabase,
  openDatabase,
  queryRows,
  type Database,
} from '../../platform/db/client.ts';
import { loadRegions } from '../registry/region.service.ts';
import { buildCoalDropFiles } from './coal-file.factory.ts';

const CODE = '140981000031';
const FILES = 150;
const POINTS = 5;

describe.each(engines)('the drop folder survives a kill (%s)', (engine) => {
  let dir: string;
  let drop: string;
  let env: Record<string, string>;
  let open: () => Promise<Database>;
  let pg: TestDatabase | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mw-watch-'));
    drop = path.join(dir, 'drop');
    await mkdir(drop);
    env = { DATA_DIR: dir, MINEWATCH_SECRET: testSecret.toString('hex'), DATABASE_URL: '' };
    let database: Database;
    if (engine === 'postgres') {
      pg = await createTestDatabase('postgres');
      env.DATABASE_URL = pg.url ?? '';
      open = () => openDatabase({ url: pg?.url ?? '' });
      database = pg.database;
    } else {
      open = () => openDatabase({ dataDir: path.join(dir, 'pglite') });
      database = await open();
      await migrateDatabase(database);
      await loadRegions(database.db);
    }
    await buildMine(testDeps(database.db), { coalCode: CODE, name: '目录测试煤矿' });
    if (engine !== 'postgres') {
      await database.close();
    }
    // A definition and FILES files of readings, 10 s apart, two hours ago (the child runs on real time).
    const start = Math.floor(Date.now() / 1000) * 1000 - 2 * 3_600_000;
    const files = buildCoalDropFiles({
      mineCode: CODE,
      start,
      points: POINTS,
      files: FILES,
      prefix: 'K',
      value: (n) => String((n % 7) / 10),
    });
    const old = new Date(Date.now() - 60_000);
    for (const f of files) {
      await writeFile(path.join(drop, f.name), f.data);
      await utimes(path.join(drop, f.name), old, old);
    }
  });
  afterAll(async () => {
    await pg?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('killed while taking the folder and started again: every file stored once, moved once, reported', async () => {
    const moved = async () =>
      (await readdir(path.join(drop, 'done')).catch(() => [] as string[])).filter(
        (n) => !n.endsWith('.report.json'),
      ).length;
    const watcher = spawnMinewatch(
      ['ingest', 'watch', drop, '--interval', '0.1', '--settle', '0'],
      env,
    );
    let atKill = 0;
    try {
      const deadline = Date.now() + 120_000;
      while ((atKill = await moved()) < 10 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await watcher.end('SIGKILL');
    }
    expect(atKill, watcher.output()).toBeGreaterThanOrEqual(10);
    expect(atKill).toBeLessThan(FILES + 1);
    const again = await runMinewatch(['ingest', 'watch', drop, '--once', '--settle', '0'], env);
    expect(again.code, again.out).toBe(0);

    expect((await readdir(drop)).sort()).toEqual(['done', 'rejected']);
    const done = await readdir(path.join(drop, 'done'));
    const files = done.filter((n) => !n.endsWith('.report.json'));
    expect(files).toHaveLength(FILES + 1);
    expect(files.filter((n) => /\.txt\.\d+$/.test(n))).toEqual([]);
    for (const f of files) {
      const report = JSON.parse(
        await readFile(path.join(drop, 'done', `${f}.report.json`), 'utf8'),
      ) as {
        reports: { status: string }[];
      };
      expect(['stored', 'duplicate'], f).toContain(report.reports[0]?.status);
    }
    const database = await open();
    try {
      const [row] = await queryRows<{ files: number; readings: number; points: number }>(
        database.db,
        sql`SELECT (SELECT count(*) FROM coal_files)::int AS files,
              (SELECT count(*) FROM readings)::int AS readings,
              (SELECT count(*) FROM coal_points)::int AS points`,
      );
      expect(row).toEqual({ files: FILES + 1, readings: FILES * POINTS, points: POINTS });
    } finally {
      if (engine !== 'postgres') {
        await database.close();
      }
    }
  });
});
