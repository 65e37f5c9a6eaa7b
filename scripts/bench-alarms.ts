/**
 * Benchmark: alarm latency under load (issue 5: reading received → alarm readable through the API and
 * first notification dispatched, p99 ≤ 1 s while 50,000 readings/s are being ingested). A real server
 * with the monitoring runtime and a signed-webhook receiver (the SMS/voice gateway) on local ports;
 * 5,000 CH4 sensors (《煤矿安全规程》 采煤工作面 preset) fed normal values over HTTP NDJSON at
 * BENCH_RATE readings/s (default 50,000) while, every 100 ms, a probe sensor reports 2.0 % (≥ 断电 1.5 %).
 * For each probe: the time until the ingest answered (the alarm is then committed and readable — each
 * probe alarm is read back through the API after the run) and until the gateway received the first call.
 * BENCH_ENGINE=postgres (default) | pglite. Prints `BENCH alarm-latency-<engine> …`.
 */
import { createServer } from 'node:http';
import { createModuleContext } from '../src/server/composition.ts';
import { startScheduler } from '../src/server/jobs/scheduler.ts';
import { monitoringModule } from '../src/server/modules/monitoring/monitoring.module.ts';
import { notificationsModule } from '../src/server/modules/notifications/notifications.module.ts';
import { initialSpec } from '../src/server/modules/monitoring/sensor.spec.ts';
import { verifyWebhook } from '../src/server/modules/notifications/webhook.service.ts';
import { loadBenchMines, withBenchDatabase } from './bench/bench-kit.ts';
import { benchContextConfig, listen, registerBenchSensors } from './bench/monitoring-kit.ts';

const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const RATE = Number(process.env.BENCH_RATE ?? 50_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SENSORS = 5000;
const PROBES = Math.floor(SECONDS * 10);
const BATCH = 5000;
const SECRET = 'bench-webhook-secret-2026';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

await withBenchDatabase(
  async (database) => {
    await loadBenchMines(database, 4);
    const { deps, token, mineIds } = await registerBenchSensors(database, {
      mineCount: 1,
      perMine: SENSORS + PROBES,
      spec: initialSpec('CH4', '甲烷:采煤工作面', undefined),
      quantity: 'CH4',
      unit: '%',
    });

    // The gateway: records when each alarm's first call arrives (signature checked).
    const called = new Map<string, number>();
    let badSignatures = 0;
    const gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const at = performance.now();
        if (!verifyWebhook(SECRET, String(req.headers['x-minewatch-signature'] ?? ''), body)) {
          badSignatures++;
        }
        const event = JSON.parse(body) as { alarmId?: string; title?: string };
        const code = /\((S\d+)\)/.exec(event.title ?? '')?.[1];
        if (code && !called.has(code)) {
          called.set(code, at);
        }
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const gw = gateway.address();
    const webhook = {
      url: `http://127.0.0.1:${typeof gw === 'object' && gw ? gw.port : 0}/calls`,
      secret: SECRET,
    };
    const ctx = createModuleContext(deps, {
      ...benchContextConfig,
      webhook,
      monitoringTickSeconds: 5,
    });
    const { monitoring } = ctx;
    await monitoring.engine.warm(mineIds);
    // The 5 s monitoring tick and the outbox delivery, as the server schedules them.
    const stop = startScheduler([monitoringModule, notificationsModule], ctx);
    const { app, base } = await listen(database, deps, ctx);
    const post = (body: string) =>
      fetch(`${base}/api/ingest/readings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body,
      });

    // Background load: BATCH readings per request at RATE readings/s, at most 8 requests in flight.
    let loadStored = 0;
    let inFlight = 0;
    let skipped = 0;
    const loadTimer = setInterval(
      () => {
        if (inFlight >= 8) {
          skipped++;
          return;
        }
        const lines: string[] = [];
        const ts = new Date().toISOString(); // ticks are ≥ 10 ms apart: one reading per sensor each
        for (let s = 0; s < BATCH; s++) {
          lines.push(`{"sensor":"S${s % SENSORS}","ts":"${ts}","value":0.3${s % 10}}`);
        }
        inFlight++;
        void post(lines.join('\n'))
          .then(async (r) => (loadStored += ((await r.json()) as { stored: number }).stored))
          .finally(() => inFlight--);
      },
      (1000 * BATCH) / RATE,
    );

    // Probes: one red reading every 100 ms, each on its own sensor.
    const sent = new Map<string, number>();
    const answered = new Map<string, number>();
    const started = performance.now();
    for (let p = 0; p < PROBES; p++) {
      await new Promise((r) => setTimeout(r, 100));
      const code = `S${SENSORS + p}`;
      sent.set(code, performance.now());
      void post(`{"sensor":"${code}","ts":"${new Date().toISOString()}","value":2.0}`).then(
        async (r) => {
          const report = (await r.json()) as { alarmsOpened: number };
          if (report.alarmsOpened === 1) {
            answered.set(code, performance.now());
          }
        },
      );
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(loadTimer);
    for (let i = 0; i < 100 && (called.size < PROBES || inFlight > 0); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const loadRate = loadStored / seconds;

    // Every probe's alarm is readable through the API (as the duty officer would see it).
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench.duty', password: 'bench-pass-2026' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const open = (await (
      await fetch(`${base}/api/alarms?open=true&limit=500`, { headers: { cookie } })
    ).json()) as { sensorCode: string }[];
    const readable = new Set(open.map((a) => a.sensorCode));

    const ack: number[] = [];
    const call: number[] = [];
    for (const [code, t] of sent) {
      const a = answered.get(code);
      const c = called.get(code);
      if (a !== undefined) {
        ack.push(a - t);
      }
      if (c !== undefined) {
        call.push(c - t);
      }
    }
    const missing = [...sent.keys()].filter((c) => !readable.has(c) || !called.has(c));
    console.log(
      `load: ${Math.round(loadRate)} readings/s stored while probing (${loadStored} in ${seconds.toFixed(1)} s; ${skipped} load ticks skipped with 8 requests in flight)`,
    );
    console.log(
      `probes: ${PROBES} sent, ${ack.length} alarms committed, ${readable.size} readable through the API, ${call.length} calls received by the gateway, ${badSignatures} bad signatures`,
    );
    if (missing.length) {
      console.log(`missing: ${missing.slice(0, 10).join(', ')}`);
    }
    console.log(
      `BENCH alarm-latency-${engine} p50 ${Math.round(quantile(call, 0.5))} ms p99 ${Math.round(quantile(call, 0.99))} ms (reading sent → first call at the gateway, under ${Math.round(loadRate)} readings/s)`,
    );
    console.log(
      `BENCH alarm-commit-${engine} p50 ${Math.round(quantile(ack, 0.5))} ms p99 ${Math.round(quantile(ack, 0.99))} ms (reading sent → ingest answered, alarm readable)`,
    );
    stop();
    monitoring.close();
    await app.close();
    gateway.close();
  },
  engine === 'postgres' ? 'postgres://postgres@127.0.0.1:5432/postgres' : undefined,
);
