#!/usr/bin/env node
// Start-up smoke test of the README's first command, as a newcomer runs it: `npm start` on a fresh
// data folder must serve the seeded demo (first start within 60 s, a restart within 10 s on the
// 2-core reference machine). Prints the measured times; exits non-zero if the demo is not served.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const port = 18000 + Math.floor(Math.random() * 1000);
const dataDir = mkdtempSync(path.join(tmpdir(), 'mw-smoke-'));
const base = `http://127.0.0.1:${port}`;

async function startOnce(label, limitSeconds) {
  const started = Date.now();
  const child = spawn('npm', ['start', '--silent'], {
    env: {
      ...process.env,
      PORT: String(port),
      MQTT_PORT: String(port + 1000),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    for (;;) {
      if (Date.now() - started > limitSeconds * 3 * 1000) {
        throw new Error(`${label}: not serving after ${limitSeconds * 3} s\n${output}`);
      }
      try {
        const res = await fetch(`${base}/api/health`);
        if (res.ok) {
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (Date.now() - started) / 1000;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sx.admin', password: 'minewatch2026' }),
    });
    if (!login.ok) {
      throw new Error(`${label}: demo login failed ${login.status}`);
    }
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const mines = await (await fetch(`${base}/api/mines?limit=1`, { headers: { cookie } })).json();
    if (!(mines.total >= 200)) {
      throw new Error(`${label}: expected ≥ 200 demo mines, got ${mines.total}`);
    }
    if (!output.includes('minewatch2026')) {
      throw new Error(`${label}: demo logins not printed\n${output}`);
    }
    console.log(
      `${label}: serving the demo (${mines.total} mines) after ${seconds.toFixed(1)} s (target ${limitSeconds} s)`,
    );
    return seconds;
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

try {
  const first = await startOnce('first start', 60);
  const second = await startOnce('restart', 10);
  console.log(`BENCH start-first ${first.toFixed(1)} s`);
  console.log(`BENCH start-restart ${second.toFixed(1)} s`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
