import type { Command } from 'commander';
import { contextConfigOf, createModuleContext } from '../../server/composition.ts';
import { processFolder } from '../../server/modules/coal-upload/coal-folder.ts';
import { loadConfig } from '../../server/platform/config.ts';
import { openReadingsStream, streamForward } from '../../server/scale/readings.stream.ts';
import { withRuntime } from '../runtime.ts';

/**
 * `minewatch ingest watch <dir>`: the drop folder the mines' FTP/SFTP upload writes MT/T 1201 files into
 * (issue 22 §3b). Every pass stores the settled files in the time of their names, writes each one's report
 * beside it and moves it to done/ or rejected/; stopped (Ctrl-C, SIGTERM) it ends after the file in hand,
 * killed it loses and duplicates nothing. With the embedded database it cannot run beside `minewatch
 * serve` (one process holds the data folder); with PostgreSQL it can, and hears the servers' changes to
 * sensors and settings; in the distributed mode (NATS_URL) it is an ingest node: what it admits goes to
 * JetStream for the engine workers, like the HTTP and MQTT ingest.
 */
export function registerIngestCommands(program: Command): void {
  program
    .command('ingest')
    .description('接收数据文件')
    .command('watch')
    .description(
      '监视煤矿上传目录 (MT/T 1201 文件, 可为 ZIP): 按文件名时间处理, 报告写在文件旁, 处理后移入 done/ 或 rejected/',
    )
    .argument('<dir>', '上传目录 (FTP/SFTP 写入的目录)')
    .option('--once', '处理一遍即退出')
    .option('--interval <seconds>', '两遍之间的间隔秒数', '2')
    .option('--settle <seconds>', '文件多少秒未变化才处理 (上传未完成的文件不取)', '5')
    .action((dir: string, opts: { once?: boolean; interval: string; settle: string }) =>
      withRuntime(
        async (rt) => {
          const config = loadConfig();
          const ctx = createModuleContext(rt.deps, contextConfigOf(config), {
            log: (msg, err) => console.error(msg, err ?? ''),
          });
          const stream = config.scale
            ? await openReadingsStream(config.scale, `minewatch ingest watch ${process.pid}`)
            : undefined;
          if (stream) {
            ctx.monitoring.engine.forward = streamForward(stream);
          }
          let stop = false;
          const onSignal = () => {
            stop = true;
          };
          process.once('SIGINT', onSignal);
          process.once('SIGTERM', onSignal);
          try {
            do {
              const pass = await processFolder(rt.deps, ctx.monitoring.engine, dir, {
                settleMs: Number(opts.settle) * 1000,
                stopped: () => stop,
              });
              for (const f of pass.files) {
                const counts = f.reports
                  .map(
                    (r) =>
                      `${r.status} ${r.stored}/${r.records}${r.refused ? ` 拒收 ${r.refused}` : ''}`,
                  )
                  .join('; ');
                console.log(`${f.name} → ${f.to}: ${counts}`);
              }
              if (!opts.once && !stop) {
                await new Promise((resolve) => setTimeout(resolve, Number(opts.interval) * 1000));
              }
            } while (!opts.once && !stop);
          } finally {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            ctx.close();
            await stream?.close();
          }
        },
        // It holds sensors and settings in memory: it hears the other processes' changes.
        { events: 'listen' },
      ),
    );
}
