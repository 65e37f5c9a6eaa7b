import type { Command } from 'commander';
import { contextConfigOf, createModuleContext } from '../../server/composition.ts';
import { formatCounts, runJobsOnce } from '../../server/jobs/scheduler.ts';
import { modules } from '../../server/modules/index.ts';
import { loadConfig } from '../../server/platform/config.ts';
import { withRuntime } from '../runtime.ts';

/** `minewatch jobs run`: every module's scheduled jobs once, in order, as the server's scheduler runs them. */
export function registerJobCommands(program: Command): void {
  program
    .command('jobs')
    .description('定时任务')
    .command('run')
    .description('立即执行一次全部定时任务 (隐患逾期升级、监测叫应、通知投递等)')
    .action(() =>
      withRuntime(async (rt) => {
        const ctx = createModuleContext(rt.deps, contextConfigOf(loadConfig()), {
          log: (msg, err) => console.error(msg, err ?? ''),
        });
        try {
          const report = await runJobsOnce(modules, ctx);
          for (const [name, counts] of Object.entries(report)) {
            console.log(
              `${name}: ${counts ? formatCounts(counts) || '—' : '正由另一进程执行, 跳过'}`,
            );
          }
        } finally {
          ctx.close();
        }
      }),
    );
}
