import path from 'node:path';
import type { Command } from 'commander';
import { restoreDatabase } from '../../server/platform/db/backup.ts';
import { backupTarget } from './backup.ts';

/**
 * `minewatch restore <file>`: puts back a backup made by `minewatch backup`. The embedded database is
 * rebuilt beside the data folder and then replaces it (the old folder is kept); the server must be
 * stopped. A PostgreSQL server gets pg_restore --clean in one transaction.
 */
export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('从备份文件恢复数据库 (须先停止服务; 原嵌入式数据目录保留在旁)')
    .argument('<file>', 'minewatch backup 生成的备份文件')
    .action(async (file: string) => {
      const r = await restoreDatabase(backupTarget(), path.resolve(file));
      console.log(
        `已从 ${path.resolve(file)} 恢复${r.migrations === undefined ? '' : `; 备份含 ${r.migrations} 个迁移, 启动时会应用其后的迁移`}`,
      );
      if (r.previous) {
        console.log(`  恢复前的数据目录保留在 ${r.previous} (确认无误后可删除)`);
      }
    });
}
