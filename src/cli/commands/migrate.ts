import type { Command } from 'commander';
import { migrationState } from '../../server/platform/db/client.ts';
import { withRuntime } from '../runtime.ts';

/** `minewatch migrate`: apply every committed migration (forward-only). */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('应用数据库迁移')
    .action(() =>
      withRuntime(async (rt) => {
        const m = await migrationState(rt.database.db);
        console.log(`${rt.database.engine}: ${m.applied}/${m.expected} migrations applied`);
      }),
    );
}
