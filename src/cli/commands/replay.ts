import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { replay } from '../../server/modules/monitoring/replay.service.ts';
import { withRuntime } from '../runtime.ts';

/**
 * `minewatch replay <file> --mine <id>`: feeds a file of past readings (CSV, NDJSON or JSON, as the
 * gateway ingest reads them) through the alarm engine in event time, calling nobody, and prints the
 * alarms the readings give, the periods the lead rules were run over and the leads they found — to
 * reconstruct what happened at a mine.
 */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description(
      '按读数时间回放历史监测数据 (CSV/NDJSON/JSON), 只记录历史告警, 不叫应; 输出回放得出的告警, 以及对回放时段的线索评估',
    )
    .argument('<file>', '数据文件: 每条含 sensor (测点编码)、ts (带时区的时间)、value')
    .requiredOption('--mine <ids...>', '数据所属矿山的 ID (可多个)')
    .action((file: string, opts: { mine: string[] }) =>
      withRuntime(async (rt) => {
        const body = await readFile(file, 'utf8');
        const r = await replay(rt.deps, { mineIds: opts.mine, fileName: basename(file), body });
        console.log(
          `回放 ${r.received} 条: 入库 ${r.stored}, 重复 ${r.duplicates}, 拒收 ${r.rejected.length}; ` +
            `${r.from ?? '—'} 至 ${r.to ?? '—'}; 用时 ${r.seconds.toFixed(1)} 秒 ` +
            `(${Math.round(r.received / Math.max(r.seconds, 1e-3))} 条/秒)`,
        );
        for (const x of r.rejected.slice(0, 20)) {
          console.log(`  第 ${x.index + 1} 条 ${x.field}: ${x.message}`);
        }
        console.log(`告警 ${r.alarms.length} 条 (历史告警, 未叫应):`);
        for (const a of r.alarms) {
          console.log(
            `  ${a.triggeredAt} ${a.sensorCode ?? '全矿'} ${a.kind} ${a.level}` +
              `${a.peakLevel === a.level ? '' : ` (最高 ${a.peakLevel})`}` +
              ` → ${a.closedAt ? `${a.closedAt} ${a.closeReason ?? ''}` : '仍未解除'}  ${a.detail}`,
          );
        }
        if (r.leads) {
          console.log(`线索评估 ${r.leads.periods.length} 个时段:`);
          for (const p of r.leads.periods) {
            console.log(
              `  ${p.mineName} ${p.from} 至 ${p.to}${p.scheduled ? '' : ' (早于定时评估范围, 仅在此评估)'}`,
            );
          }
          console.log(
            `线索 ${r.leads.leads.length} 条 (发现 ${r.leads.findings}, 新建 ${r.leads.opened}, 扩展 ${r.leads.extended}):`,
          );
          for (const l of r.leads.leads) {
            console.log(
              `  ${l.mineName} ${l.rule} ${l.outcome === 'opened' ? '新线索' : '扩展已有线索'} ` +
                `${l.windowStart} 至 ${l.windowEnd}  (线索 ${l.id})`,
            );
          }
        }
      }),
    );
}
