/**
 * `minewatch backup` and `minewatch restore` (issue 21, item 11) as real processes, on the embedded
 * database and, when configured, on PostgreSQL (pg_dump / pg_restore): a backup, a change, a restore,
 * and the data is as it was at the backup.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMinewatch } from '../../../../test/helpers/cli-process.ts';
import { createTestDatabase, engines } from '../../../../test/helpers/test-database.ts';
import { restoreDatabase, type BackupTarget } from './backup.ts';
import { migrateDatabase, openDatabase, queryRows, type Database } from './client.ts';

describe.each(engines)('minewatch backup and restore (%s)', (engine) => {
  let dir: string;
  let env: Record<string, string>;
  let target: BackupTarget;
  let open: () => Promise<Database>;
  let close: () => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mw-backup-'));
    env = { DATA_DIR: dir, MINEWATCH_SECRET: 'ef'.repeat(32), DATABASE_URL: '' };
    if (engine === 'postgres') {
      const t = await createTestDatabase('postgres');
      await t.database.close();
      const url = t.url ?? '';
      env.DATABASE_URL = url;
      target = { url };
      open = () => openDatabase({ url });
      close = () => t.close();
    } else {
      const dataDir = path.join(dir, 'pglite');
      target = { dataDir };
      open = () => openDatabase({ dataDir });
      const database = await open();
      await migrateDatabase(database);
      await database.close();
    }
  });
  afterAll(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  const regionNames = async () => {
    const database = await open();
    try {
      const rows = await queryRows<{ name: string }>(
        database.db,
        sql`SELECT name FROM regions WHERE code LIKE '99%' ORDER BY code`,
      );
      return rows.map((r) => r.name);
    } finally {
      await database.close();
    }
  };
  const change = async (query: ReturnType<typeof sql>) => {
    const database = await open();
    await database.db.execute(query);
    await database.close();
  };

  it('backup, change, restore: the data is back as it was at the backup', async () => {
    await change(sql`INSERT INTO regions (code, name, level) VALUES ('990000', '备份前', 1)`);
    const file = path.join(dir, engine === 'postgres' ? 'mw.dump' : 'mw.tgz');
    const backup = await runMinewatch(['backup', file], env);
    expect(backup.out).toContain('已备份到');
    expect(backup.code).toBe(0);

    await change(sql`UPDATE regions SET name = '已改' WHERE code = '990000'`);
    await change(sql`INSERT INTO regions (code, name, level) VALUES ('991000', '备份后', 1)`);
    expect(await regionNames()).toEqual(['已改', '备份后']);

    const restored = await runMinewatch(['restore', file], env);
    expect(restored.out).toContain('已从');
    expect(restored.code).toBe(0);
    expect(await regionNames()).toEqual(['备份前']);
    if (engine === 'pglite') {
      // The folder as it was before the restore is kept beside it.
      expect(readdirSync(dir).filter((f) => f.startsWith('pglite.before-restore-'))).toHaveLength(
        1,
      );
    }

    // A backup of the other engine is refused with what to do, and nothing changes.
    const other = path.join(dir, engine === 'postgres' ? 'other.tgz' : 'other.dump');
    await writeFile(
      other,
      engine === 'postgres' ? Buffer.from([0x1f, 0x8b, 8, 0]) : 'PGDMP\u0001\u000e\u0000',
    );
    await expect(restoreDatabase(target, other)).rejects.toThrow(
      engine === 'postgres' ? '是嵌入式数据库 (PGlite) 的备份' : '是 PostgreSQL 服务器的备份',
    );
    expect(await regionNames()).toEqual(['备份前']);
  });

  // Each engine has its own way for a restore to be wrong; both are refused and change nothing.
  it('a restore that must not go ahead is refused and changes nothing (a server connected; not a database)', async () => {
    if (engine === 'postgres') {
      const url = 'url' in target ? target.url : '';
      const server = new pg.Client({ connectionString: url, application_name: 'minewatch serve' });
      await server.connect();
      try {
        await expect(restoreDatabase(target, path.join(dir, 'mw.dump'))).rejects.toThrow(
          '数据库正被 minewatch 服务使用',
        );
      } finally {
        await server.end();
      }
    } else {
      const bad = path.join(dir, 'bad.tgz');
      await writeFile(bad, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
      await expect(restoreDatabase(target, bad)).rejects.toThrow('数据目录未改动');
      expect(existsSync(path.join(dir, 'pglite.restoring'))).toBe(false);
    }
    expect(await regionNames()).toEqual(['备份前']);
  });
});
