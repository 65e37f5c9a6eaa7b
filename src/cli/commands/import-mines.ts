import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importMines } from '../../server/modules/registry/mine.import.ts';
import { cliPrincipal, withRuntime } from '../runtime.ts';

/** `minewatch import mines <file>`: the same validation and report as the API's import. */
export function registerImportCommands(program: Command): void {
  program
    .command('import')
    .description('导入数据')
    .command('mines <file>')
    .description('从 CSV 或 xlsx 导入矿山; 默认任何一行有错误则不写入')
    .option('--valid-only', '只写入正确的行')
    .option('--dry-run', '只校验, 不写入')
    .action((file: string, opts: { validOnly?: boolean; dryRun?: boolean }) =>
      withRuntime(async (rt) => {
        const data = await readFile(file);
        const report = await importMines(
          rt.deps,
          cliPrincipal(),
          { data, filename: file },
          {
            mode: opts.validOnly ? 'valid-only' : 'all',
            dryRun: Boolean(opts.dryRun),
          },
        );
        for (const e of report.errors) {
          console.log(`  第${e.row ?? '?'}行 ${e.path}: ${e.message}`);
        }
        console.log(
          `${report.totalRows} 行: ${report.validRows} 行正确, ${report.invalidRows} 行有错误; 写入 ${report.written} 座矿山, 新登记企业 ${report.enterprisesCreated} 家${report.dryRun ? ' (试运行)' : ''}`,
        );
      }),
    );
}
