import type { Command } from 'commander';
import { seedDemoProvince } from '../../server/seed/demo-province.ts';
import { withRuntime } from '../runtime.ts';

/** `minewatch seed`: load the GB/T 2260 regions and, on an empty database, the demo province. */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('载入行政区划; 空数据库时写入演示省份')
    .option('--json', '以一行 JSON 输出结果 ({"seeded": true|false})')
    .action((opts: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const r = await seedDemoProvince(rt.deps);
        console.log(
          opts.json
            ? JSON.stringify({ seeded: r.seeded })
            : r.seeded
              ? 'demo province seeded'
              : 'regions refreshed; demo data already present',
        );
      }),
    );
}
