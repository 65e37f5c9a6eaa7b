/**
 * @module The composition root of the running product: open and migrate the database, seed the demo on
 * first run, build the web app, assemble the modules into the HTTP app, start the scheduler, the MQTT
 * ingest and the demo feed, and stop them all in order. `minewatch serve` is a thin adapter over this.
 */
import { spawn } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { contextConfigOf, createModuleContext } from './composition.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { modules } from './modules/index.ts';
import type { Log } from './modules/module.ts';
import { startEmbeddedBroker, subscribeExternal } from './modules/monitoring/mqtt.ingest.ts';
import { startSimulator } from './modules/monitoring/simulator.runner.ts';
import { startCoalFeed } from './modules/coal-upload/coal-sim.runner.ts';
import { DEMO_COAL_SEED } from './seed/demo-coal-files.ts';
import type { Config } from './platform/config.ts';
import { openRuntime, pgliteDataDir, type Runtime } from './runtime.ts';
import { dumpEmbedded } from './platform/db/backup.ts';
import { controlSocketPath, startControlServer } from './platform/db/control-socket.ts';
import { acquireDataLock, DATA_LOCK_ENV, type DataLock } from './platform/db/data-lock.ts';
import { anchorWarning, type AnchorOutcome } from './platform/audit/audit.anchor.ts';
import {
  demoAccounts,
  demoMineIds,
  demoSensorIds,
  holdsDemo,
  isSeeded,
  type DemoAccount,
} from './seed/demo-province.ts';
import { loadRegions } from './modules/registry/region.service.ts';
import { loadHazardCatalogue } from './modules/hazards/catalogue.service.ts';
import { ensureWebBuild, webDistDir } from './web-build.ts';
import { inProject } from './platform/paths.ts';
import { syncForwardTargets } from './modules/coal-upload/coal-forward.service.ts';
import { partsOf, type Role } from './scale/scale.config.ts';
import { openReadingsStream, streamForward, type ReadingsStream } from './scale/readings.stream.ts';
import { startEngineWorker, type EngineWorker } from './scale/engine.worker.ts';

export interface ServerOptions {
  /** Seed the demo province into an empty database. */
  seed: boolean;
  /** Build (when stale) and serve the web app. */
  web: boolean;
  /** Feed the demo province's points with simulated readings (only where the demo was seeded). */
  simulate: boolean;
  version: string;
  /** Progress lines for the operator (the web build). */
  say: (line: string) => void;
  /**
   * What this process runs (`--role`, default all = the single process). With NATS_URL set (the
   * distributed mode, src/server/scale) ingest goes through JetStream and engine workers consume it.
   */
  role?: Role;
}

export interface RunningServer {
  app: FastifyInstance;
  runtime: Runtime;
  url: string;
  /** Whether this start wrote the demo province into an empty database. */
  seeded: boolean;
  /** The demo accounts, when started with the demo. */
  demoAccounts: DemoAccount[] | undefined;
  /** Where MQTT readings are taken: the external broker's URL, the embedded broker's, or none. */
  mqtt: string | undefined;
  simulating: boolean;
  /** The engine worker of this process (distributed mode, roles engine and all). */
  worker: EngineWorker | undefined;
  /** Stops the feed, the scheduler, MQTT and HTTP, then closes the database. */
  stop(): Promise<void>;
}

/**
 * Seeds the demo province in a child process (`minewatch seed --json`), so that the memory the seed
 * needs (a whole province in one transaction) is returned to the system before the server starts
 * serving; answers whether it wrote the demo into an empty database.
 */
async function seedInChildProcess(lock: DataLock | undefined): Promise<boolean> {
  const bin = inProject('bin/minewatch.mjs');
  const child = spawn(process.execPath, [bin, 'seed', '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // The child borrows the server's lock on the data folder while the server has it closed.
    env: lock ? { ...process.env, [DATA_LOCK_ENV]: lock.holder.token } : process.env,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const result = /\{"seeded":(true|false)\}/.exec(out);
  if (code !== 0 || !result) {
    throw new Error(`seeding the demo province failed (exit ${code}): ${out}`);
  }
  return result[1] === 'true';
}

/**
 * Warns of what anchoring the audit trail at open found, then anchors it every period while the server
 * runs; the runtime anchors once more when it closes. Each process keeps its own anchor file, so this
 * is a per-process duty, not a claimed job. Returns the function that stops the timer and waits for a
 * checkpoint being written.
 */
function startAuditAnchor(
  runtime: Runtime,
  everySeconds: number,
  log: FastifyInstance['log'],
): () => Promise<void> {
  const say = (outcome: AnchorOutcome | undefined) => {
    const warning = outcome && anchorWarning(outcome);
    if (warning) {
      log.warn({ file: runtime.audit.file }, warning);
    }
  };
  say(runtime.anchoredAtOpen);
  if (everySeconds <= 0) {
    return () => Promise.resolve();
  }
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= runtime
      .anchorAudit()
      .then(say, (err: unknown) => log.error({ err }, 'audit anchor failed'))
      .finally(() => (running = undefined));
  }, everySeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export async function startServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  // The embedded database's folder is this server's for its whole life (a second process is refused with
  // this one's pid), across the seed child that borrows it; released by stop() or when the process ends
  // (a start that fails half-way may leave the database open until then).
  const lock = config.databaseUrl ? undefined : acquireDataLock(pgliteDataDir(config));
  return startHoldingLock(config, options, lock);
}

async function startHoldingLock(
  config: Config,
  options: ServerOptions,
  lock: DataLock | undefined,
): Promise<RunningServer> {
  const role = options.role ?? 'all';
  const parts = partsOf(role, config.scale);
  // The web build runs in a child process beside the rest; its memory is gone once it ends.
  const webBuilt = options.web ? ensureWebBuild(options.say) : Promise.resolve(false);
  // The app's logger is made with the app; the module context logs through it once it exists.
  const logger: { app?: FastifyInstance['log'] } = {};
  const log: Log = (msg, err) => {
    if (!logger.app) {
      // Before the app exists (the runtime's event bridge may speak while it opens).
      console.error(msg, err ?? '');
    } else if (err) {
      logger.app.error({ err }, msg);
    } else {
      logger.app.info(msg);
    }
  };
  // Several nodes on one PostgreSQL server: the runtime bridges the events that change what engines
  // hold in memory, so that a change made through any node reaches every one.
  const opening = { lock, events: 'listen', log } as const;
  let runtime = await openRuntime(config, opening);
  let seeded = false;
  if (options.seed && parts.demo) {
    if (await isSeeded(runtime.deps)) {
      // A later start: only the reference data a new release may bring (regions, criteria catalogues).
      await loadRegions(runtime.deps.db);
      await loadHazardCatalogue(runtime.deps.db, runtime.deps.clock());
    } else {
      // The first start: a province in one transaction, in a child process (PGlite allows one at a time).
      await runtime.close();
      seeded = await seedInChildProcess(lock);
      runtime = await openRuntime(config, opening);
    }
  }
  await webBuilt;
  // 应联尽联: the forwarding targets every process queues accepted coal files for, as configured here.
  await syncForwardTargets(runtime.deps, config.coalForward);
  // The platform's own downtime is nobody's silence: 断线 counts from this start at the earliest.
  const ctx = createModuleContext(runtime.deps, contextConfigOf(config), {
    log,
    listeningSince: runtime.deps.clock(),
  });
  const { app } = await buildApp({
    database: runtime.database,
    ctx,
    logLevel: config.logLevel,
    version: options.version,
    webDir: options.web ? webDistDir : undefined,
    auditAnchorFile: runtime.audit.file,
    trustProxy: config.trustProxy,
  });
  logger.app = app.log;
  const stopAnchor = startAuditAnchor(runtime, config.jobsIntervalSeconds, app.log);
  const stopJobs = parts.jobs ? startScheduler(modules, ctx) : () => undefined;
  // Distributed mode: every ingest path of this process publishes to JetStream (the engine forwards
  // what it admitted), and engine workers, where this role runs them, write it.
  let stream: ReadingsStream | undefined;
  let worker: EngineWorker | undefined;
  if (config.scale && config.databaseUrl) {
    stream = await openReadingsStream(config.scale, `minewatch ${role} ${process.pid}`);
    ctx.monitoring.engine.forward = streamForward(stream);
    if (parts.workers) {
      worker = await startEngineWorker({
        deps: runtime.deps,
        databaseUrl: config.databaseUrl,
        stream,
        log,
      });
    }
  } else {
    // Folds of late readings put off before a restart run again (monitoring_pending_folds).
    void ctx.monitoring.engine
      .resumeDeferred()
      .catch((e: unknown) => log('deferred folds not resumed', e));
  }
  const topics = modules.flatMap((m) => m.mqttTopics?.(ctx) ?? []);
  const mqttIn = !parts.mqtt
    ? undefined
    : config.mqttExternal
      ? await subscribeExternal(
          topics,
          config.mqttExternal.url,
          log,
          config.mqttExternal.clientId,
          {
            sharedGroup: config.mqttExternal.sharedGroup,
          },
        )
      : config.mqttPort > 0
        ? await startEmbeddedBroker(runtime.deps, topics, config.mqttPort, config.host, {
            connectionsPerAddress: config.mqttConnectionsPerAddress,
            log,
          })
        : undefined;
  // The demo feed: only for the seeded demo province, never for a real deployment's own data.
  const feedDemo =
    parts.demo && options.simulate && config.simulate.on && (await holdsDemo(runtime.deps));
  const stopSimulator = feedDemo
    ? await startSimulator(runtime.deps, ctx.monitoring.engine, {
        sensorIds: await demoSensorIds(runtime.deps),
        faultsPerHour: config.simulate.faultsPerHour,
        log,
      })
    : undefined;
  // …and its coal mines' MT/T 1201 uploads (the mines the seed created and gave files to).
  const stopCoalFeed = feedDemo
    ? await startCoalFeed(runtime.deps, ctx.monitoring.engine, {
        mineIds: await demoMineIds(runtime.deps),
        seed: DEMO_COAL_SEED,
        log,
      })
    : undefined;
  // `minewatch backup` asks this process for the embedded database's snapshot (no other may open it).
  const pglite = runtime.database.pglite;
  const control =
    lock && pglite
      ? await startControlServer(
          controlSocketPath(pgliteDataDir(config)),
          { backup: (out) => dumpEmbedded(pglite, pgliteDataDir(config), out) },
          log,
        )
      : undefined;
  if (lock && control) {
    lock.setControl(controlSocketPath(pgliteDataDir(config)));
  }
  await app.listen({ port: config.port, host: config.host });
  return {
    app,
    runtime,
    url: `http://${config.host}:${config.port}`,
    seeded,
    demoAccounts:
      options.seed && parts.demo && (await holdsDemo(runtime.deps)) ? demoAccounts : undefined,
    mqtt: !parts.mqtt
      ? undefined
      : (config.mqttExternal?.url ??
        (config.mqttPort > 0 ? `mqtt://${config.host}:${config.mqttPort}` : undefined)),
    simulating: stopSimulator !== undefined,
    worker,
    stop: async () => {
      stopSimulator?.();
      stopCoalFeed?.();
      stopJobs();
      await stopAnchor();
      await mqttIn?.close();
      await worker?.close();
      await stream?.close();
      ctx.close();
      await control?.close();
      await app.close();
      await runtime.close();
      lock?.release();
    },
  };
}
