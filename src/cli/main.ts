/**
 * @module The `minewatch` command line: serve, migrate, seed, import, ingest, users, audit, jobs, simulate,
 * replay, backup, restore. Each command is a thin layer over the same services the HTTP API uses.
 */
import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit-verify.ts';
import { registerBackupCommand } from './commands/backup.ts';
import { registerRestoreCommand } from './commands/restore.ts';
import { registerJobCommands } from './commands/jobs-run.ts';
import { registerImportCommands } from './commands/import-mines.ts';
import { registerIngestCommands } from './commands/ingest-watch.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerSeedCommand } from './commands/seed.ts';
import { registerReplayCommand } from './commands/replay.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSimulateCommand } from './commands/simulate.ts';
import { registerUserCommands } from './commands/users-create.ts';
import { AppError } from '../server/platform/errors.ts';

const program = new Command('minewatch')
  .description('矿山安全监测预警与隐患治理平台 minewatch')
  .showHelpAfterError();
registerServeCommand(program);
registerMigrateCommand(program);
registerSeedCommand(program);
registerImportCommands(program);
registerIngestCommands(program);
registerUserCommands(program);
registerAuditCommands(program);
registerJobCommands(program);
registerSimulateCommand(program);
registerReplayCommand(program);
registerBackupCommand(program);
registerRestoreCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof AppError) {
    console.error(`错误 ${e.code}: ${e.message}`);
    for (const d of e.details) {
      console.error(`  ${d.row ? `第${d.row}行 ` : ''}${d.path}: ${d.message}`);
    }
  } else {
    console.error(e instanceof Error ? e.message : e);
  }
  process.exitCode = 1;
}
