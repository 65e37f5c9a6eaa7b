import type { Command } from 'commander';
import { verifyDocumentChains } from '../../server/modules/inspections/documents/document.chain.ts';
import { verifyAuditChain } from '../../server/platform/audit/audit.verify.ts';
import { withRuntime } from '../runtime.ts';

/**
 * `minewatch audit verify`: re-compute the keyed audit chain and hold it against the anchor's signed
 * checkpoints, and check every enforcement document's revision and signature chain and its signatures
 * against its state and the audit trail; exit 1 and name what was edited, removed, inserted or is
 * missing. It only reads: the anchor gets no checkpoint from this command.
 */
export function registerAuditCommands(program: Command): void {
  program
    .command('audit')
    .description('审计')
    .command('verify')
    .description('校验审计哈希链 (含锚点) 和执法文书修订链、签名')
    .action(() =>
      withRuntime(
        async (rt) => {
          const { checked, problems, notes } = await verifyAuditChain(rt.database.db, {
            secret: rt.audit.secret,
            anchorFile: rt.audit.file,
          });
          for (const n of notes) {
            console.log(`  ${n}`);
          }
          for (const p of problems) {
            console.error(`  seq ${p.seq}: ${p.problem}`);
          }
          const docs = await verifyDocumentChains(rt.database.db);
          for (const p of docs.problems) {
            console.error(`  文书 ${p.number} 修订 ${p.seq}: ${p.problem}`);
          }
          if (problems.length) {
            console.error(`audit chain BROKEN: ${problems.length} problem(s) in ${checked} events`);
          } else {
            console.log(`audit chain OK: ${checked} events verified`);
          }
          if (docs.problems.length) {
            console.error(
              `document chains BROKEN: ${docs.problems.length} problem(s) in ${docs.documents} documents`,
            );
          } else {
            console.log(
              `document chains OK: ${docs.documents} documents, ${docs.revisions} revisions verified`,
            );
          }
          if (problems.length || docs.problems.length) {
            process.exitCode = 1;
          }
        },
        { anchor: false },
      ),
    );
}
