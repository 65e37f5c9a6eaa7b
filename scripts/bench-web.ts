/**
 * `npm run bench:web`: the web app as people meet it (issue 23, performance). Starts the product as
 * `npm start` does (the web build made when stale) on a scratch data folder holding the seeded demo
 * and free, non-default ports, then drives headless Chromium:
 * - per demo account (one per role, and a regulator at each level), login → home data visible: from
 *   the click on 登录 to the home's summary shown (`[data-testid=home-needs]`: what needs the person
 *   now, from the one summary request of the home; the overview below it loads on its own),
 *   median of BENCH_RUNS (3) fresh browser contexts, the browser's cache warm as after a first visit;
 * - the login page opened with an empty cache (the initial script's download and start-up);
 * - the initial script's bytes as served (entry and its preloaded chunks, `accept-encoding: br, gzip`).
 *
 * The demo is seeded into the scratch folder by the first start (about a minute); BENCH_DEMO_DIR copies
 * an already seeded data folder instead (e.g. the test suite's `demo-data-<date>` under
 * node_modules/.cache/minewatch-test-templates). Other processes on the machine skew the figures: the
 * load average is printed with them.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/server/seed/demo-province.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** One account per role of the demo, and the regulator admin at province and county level. */
const accounts = [
  'admin',
  'sx.admin',
  'xz.viewer',
  'yp.admin',
  'yp.inspector',
  'ent.admin',
  'ent.safety',
  'mine.duty',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A file's bytes on the wire and its content-encoding, asking for brotli or gzip as a browser does. */
function served(url: string): Promise<{ bytes: number; encoding: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        const decode =
          { br: brotliDecompressSync, gzip: gunzipSync }[encoding] ?? ((b: Buffer) => b);
        resolve({ bytes: raw.length, encoding, body: decode(raw).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function startServer(dataDir: string) {
  const port = await freePort();
  const mqttPort = await freePort();
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=16', path.resolve('bin/minewatch.mjs'), 'serve'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        MQTT_PORT: String(mqttPort),
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`server exited:\n${output}`);
    }
    if (Date.now() - started > 300_000) {
      child.kill('SIGTERM');
      throw new Error(`server not serving after 300 s:\n${output}`);
    }
    try {
      if ((await fetch(`${base}/api/health`)).ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`server up after ${((Date.now() - started) / 1000).toFixed(1)} s at ${base}`);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  };
  return { base, stop };
}

/** The initial script: index.html's entry module and the chunks it preloads, in bytes as served. */
async function initialScript(base: string) {
  const html = (await served(`${base}/`)).body;
  const urls = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  let total = 0;
  for (const u of urls) {
    const file = await served(new URL(u, base).href);
    console.log(`  ${u}: ${(file.bytes / 1024).toFixed(0)} KB (${file.encoding})`);
    total += file.bytes;
  }
  return total;
}

interface Element {
  querySelector(selector: string): Element | null;
}

/** Run in the page (a function, not a string: the page's policy forbids eval). */
function homeShown(): boolean {
  const { document } = globalThis as unknown as { document: Element };
  return document.querySelector('[data-testid=home-needs]') !== null;
}

/** Opens the login page in a fresh context; the timer runs from the click on 登录 to the home's data. */
async function loginToHome(browser: Browser, base: string, username: string, warm: boolean) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    locale: 'zh-CN',
  });
  const page: Page = await context.newPage();
  if (warm) {
    // A first visit fills the browser's cache with the app's files, as for someone who used it before.
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').waitFor();
  }
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  const api: { url: string; ms: number }[] = [];
  page.on('requestfinished', (req) => {
    const t = req.timing();
    if (req.url().includes('/api/')) {
      api.push({ url: new URL(req.url()).pathname, ms: t.responseEnd });
    }
  });
  const started = Date.now();
  await page.getByRole('button', { name: '登录' }).click();
  // Polled every frame: the home is shown with every card's figures (no skeleton left).
  await page.waitForFunction(homeShown, undefined, { timeout: 60_000, polling: 'raf' });
  const ms = Date.now() - started;
  await context.close();
  return { ms, api };
}

/** The login page with an empty cache: from navigation to the form shown. */
async function coldLoginPage(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').waitFor();
  const ms = Date.now() - started;
  await context.close();
  return ms;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'mw-bench-web-'));
if (process.env.BENCH_DEMO_DIR) {
  cpSync(process.env.BENCH_DEMO_DIR, scratch, { recursive: true });
}
const server = await startServer(scratch);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  console.log(`load average before: ${load()}`);
  const initialBytes = await initialScript(server.base);
  // One untimed pass so the server's first queries (cold caches, JIT) are not counted.
  await loginToHome(browser, server.base, 'sx.admin', false);
  const cold: number[] = [];
  const results: { username: string; ms: number }[] = [];
  for (const username of accounts) {
    const times: number[] = [];
    let calls: { url: string; ms: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await loginToHome(browser, server.base, username, true);
      times.push(r.ms);
      calls = r.api;
      cold.push(await coldLoginPage(browser, server.base));
    }
    const slowest = [...calls]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((c) => `${c.url} ${c.ms.toFixed(0)} ms`)
      .join(', ');
    console.log(
      `${username}: ${times.join(' / ')} ms; ${calls.length} API calls, slowest: ${slowest}`,
    );
    results.push({ username, ms: median(times) });
  }
  console.log(`load average after: ${load()}`);
  for (const r of results) {
    console.log(`BENCH web-home-${r.username} ${r.ms.toFixed(0)} ms`);
  }
  console.log(`BENCH web-login-page-cold ${median(cold).toFixed(0)} ms`);
  console.log(`BENCH web-initial-script ${(initialBytes / 1024).toFixed(0)} KB compressed`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(scratch, { recursive: true, force: true });
}
