import type { Command } from 'commander';
import { connectAsync } from 'mqtt';
import { DEMO_PASSWORD } from '../../server/seed/demo-province.ts';
import {
  Simulator,
  type SimReading,
  type SimSensor,
} from '../../server/modules/monitoring/simulator.ts';
import { localServerUrl } from '../../server/platform/config.ts';
import { signIn } from '../sign-in.ts';
import { simulateMt1201 } from './simulate-mt1201.ts';

interface Options {
  format: string;
  out?: string;
  mines?: string;
  backfillMinutes: string;
  url: string;
  user: string;
  password: string;
  mqtt?: string;
  faultsPerHour: string;
  duration: string;
  seed: string;
}

/** Sends one batch: NDJSON over HTTP, or one message per mine over MQTT (QoS 1, acknowledged). */
type Send = (readings: SimReading[]) => Promise<{ stored: number; rejected: number }>;

function httpSender(base: string, token: string): Send {
  return async (readings) => {
    const res = await fetch(`${base}/api/ingest/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body: readings.map((r) => JSON.stringify(r)).join('\n'),
    });
    const report = (await res.json()) as {
      stored?: number;
      rejected?: unknown[];
      message?: string;
    };
    if (!res.ok) {
      throw new Error(`ingest ${res.status}: ${report.message ?? ''}`);
    }
    return { stored: report.stored ?? 0, rejected: report.rejected?.length ?? 0 };
  };
}

async function mqttSender(
  url: string,
  token: string,
): Promise<{ send: Send; close(): Promise<void> }> {
  const client = await connectAsync(url, {
    username: 'simulator',
    password: token,
    reconnectPeriod: 1000,
  });
  return {
    send: async (readings) => {
      const byMine = new Map<string, SimReading[]>();
      for (const r of readings) {
        byMine.set(r.mine, [...(byMine.get(r.mine) ?? []), r]);
      }
      for (const [mine, rs] of byMine) {
        await client.publishAsync(
          `minewatch/${mine}/readings`,
          JSON.stringify(rs.map(({ sensor, ts, value }) => ({ sensor, ts, value }))),
          { qos: 1 },
        );
      }
      return { stored: readings.length, rejected: 0 };
    },
    close: () => client.endAsync(),
  };
}

/**
 * `minewatch simulate`: streams realistic readings with occasional faults to a running minewatch, for
 * every sensor the signed-in user can see, through a gateway token it issues for their mines — over
 * HTTP (NDJSON) or, with --mqtt, through the MQTT broker.
 */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      '向运行中的 minewatch 持续发送模拟监测数据 (HTTP 或 MQTT), 偶发超限、断线、平线、突变',
    )
    .option('--url <url>', 'minewatch 地址 (默认 PUBLIC_URL 或本机 HOST:PORT)', localServerUrl())
    .option('--user <name>', '用于读取测点并签发网关令牌的账号', 'admin')
    .option('--password <password>', '该账号的密码', DEMO_PASSWORD)
    .option('--mqtt <url>', '经 MQTT 发送, 例如 mqtt://127.0.0.1:1884')
    .option('--faults-per-hour <n>', '每个测点每小时的故障次数', '0.5')
    .option('--duration <seconds>', '运行时长 (0 = 一直运行)', '0')
    .option('--seed <n>', '随机种子', '2026')
    .option(
      '--format <format>',
      'json: 本平台读数 (NDJSON/MQTT); mt1201: 煤矿上传文件 (MT/T 1201, 含标校、分站通信中断、超限报与不报、领导带班)',
      'json',
    )
    .option('--out <dir>', 'mt1201: 写入目录 (供 minewatch ingest watch <dir>), 不发送到服务器')
    .option(
      '--mines <codes>',
      'mt1201: 煤矿编码 (逗号分隔, 可写 编码:名称); 默认为账号可见的生产煤矿',
    )
    .option('--backfill-minutes <n>', 'mt1201: 先补写最近多少分钟的文件', '0')
    .action(async (opts: Options) => {
      const base = opts.url.replace(/\/$/, '');
      if (opts.format === 'mt1201') {
        return simulateMt1201({ ...opts, url: base });
      }
      if (opts.format !== 'json') {
        throw new Error(`--format 须为 json 或 mt1201: ${opts.format}`);
      }
      const api = await signIn(base, opts.user, opts.password);
      const sensors = await api<(SimSensor & { archived?: boolean })[]>(
        'GET',
        '/api/monitoring/sensors',
      );
      if (!sensors.length) {
        throw new Error('该账号看不到任何测点; 请先登记测点或换用管辖范围更大的账号');
      }
      const mineIds = [...new Set(sensors.map((s) => s.mineId))];
      const { token } = await api<{ token: string }>('POST', '/api/tokens', {
        name: `minewatch simulate ${new Date().toISOString()}`,
        kind: 'gateway',
        mineIds,
      });
      const mqtt = opts.mqtt ? await mqttSender(opts.mqtt, token) : undefined;
      const send = mqtt?.send ?? httpSender(base, token);
      const sim = new Simulator(sensors, Date.now(), {
        seed: Number(opts.seed),
        faultsPerHour: Number(opts.faultsPerHour),
        onFault: (s, kind) =>
          console.log(`${new Date().toISOString()} 故障 ${kind} ${s.code} @ ${s.mineId}`),
      });
      console.log(
        `模拟 ${sim.size} 个测点 (${mineIds.length} 座矿山) → ${opts.mqtt ?? `${base}/api/ingest/readings`}`,
      );
      const until =
        Number(opts.duration) > 0 ? Date.now() + Number(opts.duration) * 1000 : Infinity;
      let sent = 0;
      while (Date.now() < until) {
        const readings = sim.step(Date.now());
        if (readings.length) {
          const r = await send(readings);
          sent += r.stored;
          if (r.rejected) {
            console.warn(`${r.rejected} 条被拒收`);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      await mqtt?.close();
      console.log(`已发送 ${sent} 条`);
    });
}
