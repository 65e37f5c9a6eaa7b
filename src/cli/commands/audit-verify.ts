import type { Command } from 'commander';
import { verifyAuditChain } from '../../server/platform/audit/audit.service.ts';
import { withRuntime } from '../runtime.ts';

/** `minewatch audit verify`: re-compute the hash chain; exit 1 when any row was edited or removed. */
export function registerAuditCommands(program: Command): void {
  program
    .command('audit')
    .description('审计')
    .command('verify')
    .description('校验审计哈希链')
    .action(() =>
      withRuntime(async (rt) => {
        const { checked, problems } = await verifyAuditChain(rt.database.db);
        for (const p of problems) {
          console.error(`  seq ${p.seq}: ${p.problem}`);
        }
        if (problems.length) {
          console.error(`audit chain BROKEN: ${problems.length} problem(s) in ${checked} events`);
          process.exitCode = 1;
        } else {
          console.log(`audit chain OK: ${checked} events verified`);
        }
      }),
    );
}
