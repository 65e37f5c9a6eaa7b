/**
 * The lock on the embedded database's data folder (issue 21, item 11), with real processes: while
 * `minewatch serve` holds the folder, a second server and the CLI's writing commands are refused with the
 * holder's pid (before, they failed with "Failed query: ANALYZE" or wrote beside it), a backup is taken
 * by the server through its control socket, and a lock left by a killed server is taken over.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMinewatch, spawnMinewatchServe } from '../../../../test/helpers/cli-process.ts';
import { migrateDatabase, openDatabase, queryRows } from './client.ts';
import { dataLockFile, type DataLockHolder } from './data-lock.ts';

describe('the embedded data folder is held by one process at a time', () => {
  let dir: string;
  let env: Record<string, string>;
  const pglite = () => path.join(dir, 'pglite');
  const holder = () => JSON.parse(readFileSync(dataLockFile(pglite()), 'utf8')) as DataLockHolder;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mw-lock-'));
    env = { DATA_DIR: dir, MINEWATCH_SECRET: 'cd'.repeat(32), DATABASE_URL: '' };
    const database = await openDatabase({ dataDir: pglite() });
    await migrateDatabase(database);
    await database.db.execute(
      sql`INSERT INTO regions (code, name, level) VALUES ('990000', '备份标记省', 1)`,
    );
    await database.close();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second server and the writing commands with the holder pid; backs up through it', async () => {
    const server = await spawnMinewatchServe(env);
    try {
      expect(holder()).toMatchObject({ pid: server.pid, command: 'serve' });
      const backup = await runMinewatch(['backup', path.join(dir, 'online.tgz')], env);
      expect(backup.out).toContain(`由运行中的服务 (进程 ${server.pid})生成`);
      expect(backup.code).toBe(0);

      const mines = path.join(dir, 'mines.csv');
      await writeFile(mines, '矿山名称\n甲\n');
      const refused = await Promise.all([
        runMinewatch(['serve', '--no-seed', '--no-web'], { ...env, PORT: '0', MQTT_PORT: '0' }),
        runMinewatch(['jobs', 'run'], env),
        runMinewatch(['import', 'mines', mines], env),
        runMinewatch(['restore', path.join(dir, 'online.tgz')], env),
      ]);
      for (const r of refused) {
        expect(r.code).toBe(1);
        expect(r.out).toContain(`数据目录 ${pglite()} 正被进程 ${server.pid} (minewatch serve`);
        expect(r.out).not.toContain('Failed query');
      }
    } finally {
      await server.end('SIGKILL');
    }
    // A crash leaves the lock (and the control socket) behind, naming a process that is gone.
    expect(holder().pid).toBe(server.pid);

    const next = await spawnMinewatchServe(env);
    try {
      expect(holder().pid).toBe(next.pid);
      const backup = await runMinewatch(['backup', path.join(dir, 'second.tgz')], env);
      expect(backup.out).toContain(`由运行中的服务 (进程 ${next.pid})生成`);
    } finally {
      await next.end('SIGTERM');
    }
    expect(existsSync(dataLockFile(pglite()))).toBe(false);

    // The snapshot the first server took while running restores once the folder is free.
    const restored = await runMinewatch(['restore', path.join(dir, 'online.tgz')], env);
    expect(restored.out).toContain('已从');
    expect(restored.code).toBe(0);
    const database = await openDatabase({ dataDir: pglite() });
    const rows = await queryRows<{ name: string }>(
      database.db,
      sql`SELECT name FROM regions WHERE code = '990000'`,
    );
    await database.close();
    expect(rows).toEqual([{ name: '备份标记省' }]);
  });

  it('takes over a lock whose process is gone, and refuses one held in this process', async () => {
    // A lock file as a killed command leaves it: its process has ended.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(
      dataLockFile(pglite()),
      JSON.stringify({
        pid: dead,
        hostname: hostname(),
        command: 'jobs run',
        since: new Date().toISOString(),
        token: 'f'.repeat(32),
      }),
    );
    const database = await openDatabase({ dataDir: pglite() });
    try {
      await expect(openDatabase({ dataDir: pglite() })).rejects.toThrow(`正被进程 ${process.pid}`);
    } finally {
      await database.close();
    }
    expect(existsSync(dataLockFile(pglite()))).toBe(false);
  });
});
