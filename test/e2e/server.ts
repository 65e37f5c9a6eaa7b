/**
 * Starts the real product (`minewatch serve`, as `npm start` does) on a fresh data folder and a free
 * port, and stops it after the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Graceful stop (SIGTERM); removes the data folder unless it was given by the caller. */
  stop(): Promise<void>;
  /** Abrupt end (SIGKILL), as in a power cut; the data folder stays. */
  kill(): Promise<void>;
}

/**
 * A new data folder holding the demo province, copied from the one global setup seeded today with
 * `minewatch seed` (test/helpers/global-setup.ts), so each server under test skips the seed's minute.
 */
export function demoDataCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-e2e-'));
  cpSync(inject('templates').demoDataDir, dir, { recursive: true });
  return dir;
}

export interface ServerOptions {
  /** Reuse this data folder (it is then kept on stop); by default a copy of the seeded demo. */
  dataDir?: string;
  /** Serve the web app (built when stale); off for API-only tests. */
  web?: boolean;
  /** Run the demo's simulated feed (off by default, so tests see only their own readings). */
  simulate?: boolean;
}

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

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const mqttPort = await freePort();
  const dataDir = options.dataDir ?? demoDataCopy();
  const args = [
    path.resolve('bin/minewatch.mjs'),
    'serve',
    ...(options.web === false ? ['--no-web'] : []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...process.env,
      PORT: String(port),
      MQTT_PORT: String(mqttPort),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      SIMULATE: options.simulate ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`server exited: ${output}`);
    }
    if (Date.now() - started > 120_000) {
      throw new Error(`server did not start: ${output}`);
    }
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) {
        break;
      }
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    }
  };
  return {
    baseUrl,
    dataDir,
    stop: async () => {
      await end('SIGTERM');
      if (!options.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    kill: () => end('SIGKILL'),
  };
}
