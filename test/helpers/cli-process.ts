/**
 * @module The `minewatch` command as real processes: one command run to its end, or `minewatch serve`
 * kept running until the test stops or kills it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const bin = path.resolve('bin/minewatch.mjs');

/** Runs `minewatch <args>` to its end; its exit code and its output (stdout then stderr). */
export async function runMinewatch(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** A running `minewatch serve`. */
export interface ServeProcess {
  pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** Ends it with the signal (SIGTERM: orderly stop; SIGKILL: a crash) and waits until it has exited. */
  end(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `minewatch serve` without the demo, the web app, MQTT or timed jobs, on a port of the system's
 * choosing, and resolves once it says it has started.
 */
export async function spawnMinewatchServe(
  env: Record<string, string>,
  args: string[] = [],
): Promise<ServeProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, 'serve', '--no-seed', '--no-web', '--no-simulate', ...args],
    {
      env: {
        ...process.env,
        PORT: '0',
        MQTT_PORT: '0',
        JOBS_INTERVAL_SECONDS: '0',
        MONITORING_TICK_SECONDS: '0',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output.includes('已启动')) {
        resolve();
      } else if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`minewatch serve exited: ${output}`));
      } else {
        setTimeout(check, 100);
      }
    };
    check();
  });
  return {
    pid: child.pid ?? 0,
    output: () => output,
    end: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exited;
    },
  };
}

/** A running `minewatch <args>` (any long-running command), with its output so far. */
export function spawnMinewatch(args: string[], env: Record<string, string>): ServeProcess {
  const child: ChildProcess = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? 0,
    output: () => output,
    end: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exited;
    },
  };
}
