#!/usr/bin/env node
// Start-up smoke test of the README's first command, as a newcomer runs it: `npm start` on a fresh
// data folder must serve the seeded demo (first start within 60 s, a restart within 10 s on the
// 2-core reference machine). Prints the measured times; exits non-zero if the demo is not served.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const port = 18000 + Math.floor(Math.random() * 1000);
const dataDir = mkdtempSync(path.join(tmpdir(), 'mw-smoke-'));
const base = `http://127.0.0.1:${port}`;

/** The live processes of a process group (npm and the server it started), from /proc. */
function groupPids(group) {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is the state: a zombie has ended and holds no files.
      if (Number(fields[2]) === group && fields[0] !== 'Z') {
        pids.push(pid);
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

/** Resident memory (MB) of the largest process in the server's process group (the server itself). */
function serverRssMb(group) {
  let max = 0;
  for (const pid of groupPids(group)) {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      max = Math.max(max, rss ? Number(rss[1]) / 1024 : 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return max;
}

/**
 * Stops the whole group and waits until none of it is left: npm exits before the server has closed
 * its database, and the next start (or removing the data folder) must not race the server's last
 * writes. A server still alive after 30 s is killed.
 */
async function stopGroup(group) {
  process.kill(-group, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (groupPids(group).length > 0) {
    if (Date.now() > deadline) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // the group ended meanwhile
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
    // Memory once the start's work (seed, web build) is over and the server is serving.
    await new Promise((r) => setTimeout(r, 3000));
    const rss = serverRssMb(child.pid);
    console.log(
      `${label}: serving the demo (${mines.total} mines) after ${seconds.toFixed(1)} s (target ${limitSeconds} s), server RSS ${rss.toFixed(0)} MB`,
    );
    return { seconds, rss };
  } finally {
    await stopGroup(child.pid);
  }
}

try {
  const first = await startOnce('first start', 60);
  const second = await startOnce('restart', 10);
  console.log(`BENCH start-first-rss ${first.rss.toFixed(0)} MB`);
  console.log(`BENCH start-restart-rss ${second.rss.toFixed(0)} MB`);
  console.log(`BENCH start-first ${first.seconds.toFixed(1)} s`);
  console.log(`BENCH start-restart ${second.seconds.toFixed(1)} s`);
} finally {
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
