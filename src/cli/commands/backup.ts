import path from 'node:path';
import type { Command } from 'commander';
import { backupDatabase, type BackupTarget } from '../../server/platform/db/backup.ts';
import { loadConfig } from '../../server/platform/config.ts';
import { pgliteDataDir } from '../../server/runtime.ts';

/** The configured database as a backup target: the PostgreSQL server, or the embedded data folder. */
export function backupTarget(): BackupTarget {
  const config = loadConfig();
  return config.databaseUrl ? { url: config.databaseUrl } : { dataDir: pgliteDataDir(config) };
}

/**
 * `minewatch backup <file>`: a consistent snapshot of the database, also while the server runs (the
 * server holding the embedded database takes it); pg_dump's custom format for a PostgreSQL server.
 */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('备份数据库到文件 (服务运行时亦可; PostgreSQL 用 pg_dump)')
    .argument('<file>', '备份文件')
    .action(async (file: string) => {
      const r = await backupDatabase(backupTarget(), path.resolve(file));
      const by =
        r.via === 'pg_dump'
          ? 'pg_dump (自定义格式)'
          : r.via === 'direct'
            ? '本进程 (数据目录空闲)'
            : `运行中的服务 (进程 ${r.via.serverPid})`;
      console.log(`已备份到 ${path.resolve(file)}: ${(r.bytes / 1e6).toFixed(1)} MB, 由${by}生成`);
    });
}
