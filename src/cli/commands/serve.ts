import type { Command } from 'commander';
import { loadConfig } from '../../server/platform/config.ts';
import { scrubUrl } from '../../server/platform/logging.ts';
import { startServer } from '../../server/server.ts';
import { parseRole } from '../../server/scale/scale.config.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-province.ts';
import { version } from '../version.ts';

/** `minewatch serve`: migrate, seed the demo on first run, serve the API and the web app. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('启动服务 (默认嵌入式 PGlite, 首次启动时写入演示省份数据)')
    .option('--no-seed', '不写入演示数据')
    .option('--no-web', '不构建、不提供前端页面 (仅 API)')
    .option('--no-simulate', '不为演示省份生成模拟监测数据 (亦可 SIMULATE=0)')
    .option(
      '--role <role>',
      '进程角色: all (默认, 单进程) | api | ingest | engine (后三者为分布式模式, 需 NATS_URL 与 DATABASE_URL)',
      'all',
    )
    .action(async (opts: { seed: boolean; web: boolean; simulate: boolean; role: string }) => {
      const started = Date.now();
      const config = loadConfig();
      const role = parseRole(opts.role, config.scale);
      const server = await startServer(config, {
        role,
        seed: opts.seed,
        web: opts.web,
        simulate: opts.simulate,
        version,
        say: (line) => console.log(line),
      });
      const shutdown = async () => {
        await server.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      const { url } = server;
      const engine =
        server.runtime.database.engine === 'pglite'
          ? `PGlite (${config.dataDir}/pglite)`
          : 'PostgreSQL (DATABASE_URL)';
      console.log(
        `\nminewatch ${version} 已启动: ${url}  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      console.log(`  数据库: ${engine}${server.seeded ? ', 已写入演示省份 山西省' : ''}`);
      if (config.scale) {
        console.log(
          `  分布式模式: 角色 ${role}, NATS JetStream ${scrubUrl(config.scale.url)} 流 ${config.scale.stream} (${config.scale.partitions} 个分区)${server.worker ? ', 本进程运行引擎工作者' : ''}`,
        );
      }
      console.log(`  打开浏览器: ${url}/`);
      console.log(`  API 文档: ${url}/api/docs    健康检查: ${url}/api/health`);
      console.log(
        `  监测数据接入: POST ${url}/api/ingest/readings (网关令牌); MQTT ${
          config.mqttExternal
            ? `订阅 ${scrubUrl(config.mqttExternal.url)} (客户端 ID ${config.mqttExternal.clientId})`
            : server.mqtt
              ? `${server.mqtt} (密码为网关令牌)`
              : '未启用'
        } 主题 minewatch/<矿山ID>/readings`,
      );
      if (server.simulating) {
        console.log(
          `  模拟监测数据: 已开启 (演示省份的测点每 10 秒上报, 偶发超限/断线/平线/突变; SIMULATE=0 关闭)`,
        );
      }
      if (server.demoAccounts) {
        console.log(`  演示账号 (密码均为 ${DEMO_PASSWORD}):`);
        for (const a of server.demoAccounts) {
          console.log(
            `    ${a.username.padEnd(14)} ${a.role.padEnd(18)} ${a.organisation} — ${a.note}`,
          );
        }
      }
    });
}
