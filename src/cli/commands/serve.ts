import type { Command } from 'commander';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/platform/config.ts';
import { openRuntime } from '../../server/runtime.ts';
import { ensureWebBuild, webDistDir } from '../../server/web-build.ts';
import { startScheduler } from '../../server/jobs/scheduler.ts';
import { DEMO_PASSWORD, holdsDemo, seedDemoProvince } from '../../server/seed/demo-province.ts';
import { version } from '../version.ts';
import { createMonitoring } from '../../server/modules/monitoring/monitoring.runtime.ts';
import { startSimulator } from '../../server/modules/monitoring/simulator.runner.ts';
import {
  startEmbeddedBroker,
  subscribeExternal,
} from '../../server/modules/monitoring/mqtt.ingest.ts';

/** `minewatch serve`: migrate, seed the demo on first run, serve the API. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('启动服务 (默认嵌入式 PGlite, 首次启动时写入演示省份数据)')
    .option('--no-seed', '不写入演示数据')
    .option('--no-web', '不构建、不提供前端页面 (仅 API)')
    .option('--no-simulate', '不为演示省份生成模拟监测数据 (亦可 SIMULATE=0)')
    .action(async (opts: { seed: boolean; web: boolean; simulate: boolean }) => {
      const started = Date.now();
      const config = loadConfig();
      const rt = await openRuntime(config);
      const seed = opts.seed ? await seedDemoProvince(rt.deps) : undefined;
      if (opts.web) {
        await ensureWebBuild((m) => console.log(m));
      }
      const log = (msg: string, err?: unknown) =>
        err ? console.error(msg, err) : console.log(msg);
      const monitoring = createMonitoring(rt.deps, {
        publicUrl: config.publicUrl,
        webhook: config.webhook,
        email: config.email,
        log,
      });
      const { app } = await buildApp({
        monitoring,
        database: rt.database,
        deps: rt.deps,
        logLevel: config.logLevel,
        cookieSecure: config.cookieSecure,
        version,
        webDir: opts.web ? webDistDir : undefined,
      });
      const interval = Number(process.env.JOBS_INTERVAL_SECONDS ?? 60);
      const stopJobs =
        interval > 0
          ? startScheduler(
              rt.deps,
              interval * 1000,
              (msg, err) => (err ? app.log.error({ err }, msg) : app.log.info(msg)),
              { webhook: config.webhook },
            )
          : () => undefined;
      const stopMonitoring =
        config.monitoringTickSeconds > 0
          ? monitoring.start(config.monitoringTickSeconds * 1000)
          : () => undefined;
      const mqttIn = config.mqttUrl
        ? await subscribeExternal(monitoring.engine, config.mqttUrl, log)
        : config.mqttPort > 0
          ? await startEmbeddedBroker(rt.deps, monitoring.engine, config.mqttPort, config.host)
          : undefined;
      // The demo feed: only for the seeded demo province, never for a real deployment's own data.
      const stopSimulator =
        opts.simulate && config.simulate.on && (await holdsDemo(rt.deps))
          ? await startSimulator(rt.deps, monitoring.engine, {
              faultsPerHour: config.simulate.faultsPerHour,
              log: (msg, err) => (err ? app.log.error({ err }, msg) : app.log.info(msg)),
            })
          : undefined;
      const shutdown = async () => {
        stopSimulator?.();
        stopJobs();
        stopMonitoring();
        await mqttIn?.close();
        monitoring.close();
        await app.close();
        await rt.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      await app.listen({ port: config.port, host: config.host });
      const url = `http://${config.host}:${config.port}`;
      const engine =
        rt.database.engine === 'pglite'
          ? `PGlite (${config.dataDir}/pglite)`
          : 'PostgreSQL (DATABASE_URL)';
      console.log(
        `\nminewatch ${version} 已启动: ${url}  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      console.log(`  数据库: ${engine}${seed?.seeded ? ', 已写入演示省份 山西省' : ''}`);
      console.log(`  打开浏览器: ${url}/`);
      console.log(`  API 文档: ${url}/api/docs    健康检查: ${url}/api/health`);
      console.log(
        `  监测数据接入: POST ${url}/api/ingest/readings (网关令牌); MQTT ${
          config.mqttUrl
            ? `订阅 ${config.mqttUrl}`
            : config.mqttPort > 0
              ? `mqtt://${config.host}:${config.mqttPort} (密码为网关令牌)`
              : '未启用'
        } 主题 minewatch/<矿山ID>/readings`,
      );
      if (stopSimulator) {
        console.log(
          `  模拟监测数据: 已开启 (演示省份的测点每 10 秒上报, 偶发超限/断线/平线/突变; SIMULATE=0 关闭)`,
        );
      }
      if (seed) {
        console.log(`  演示账号 (密码均为 ${DEMO_PASSWORD}):`);
        for (const a of seed.accounts) {
          console.log(
            `    ${a.username.padEnd(14)} ${a.role.padEnd(18)} ${a.organisation} — ${a.note}`,
          );
        }
      }
    });
}
