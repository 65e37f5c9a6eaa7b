import type { Command } from 'commander';
import { runJobsOnce } from '../../server/jobs/scheduler.ts';
import { withRuntime } from '../runtime.ts';
import { loadConfig } from '../../server/platform/config.ts';

/** `minewatch jobs run`: run every scheduled job once (escalations), as the server's timer does. */
export function registerJobCommands(program: Command): void {
  program
    .command('jobs')
    .description('定时任务')
    .command('run')
    .description('立即执行一次全部定时任务 (隐患逾期升级等)')
    .action(() =>
      withRuntime(async (rt) => {
        const r = await runJobsOnce(rt.deps, { webhook: loadConfig().webhook });
        console.log(
          `hazard escalations: ${r.hazardEscalations.steps} step(s) on ${r.hazardEscalations.hazards} hazard(s)`,
        );
        console.log(
          `report escalations: ${r.reportEscalations.steps} step(s) on ${r.reportEscalations.reports} report(s)`,
        );
        console.log(
          `plan task escalations: ${r.taskEscalations.steps} step(s) on ${r.taskEscalations.tasks} task(s)`,
        );
        console.log(
          `plans: ${r.plans.regionsGraded} region(s) graded for the last month, ${r.plans.reportsMade} periodic report(s) made`,
        );
        console.log(`public report escalations: ${r.publicReportEscalations}`);
        console.log(`webhooks: ${r.webhooks.delivered} delivered, ${r.webhooks.failed} given up`);
      }),
    );
}
