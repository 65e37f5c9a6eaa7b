/**
 * @module Opens the runtime for a CLI command and always closes it (PGlite keeps a process alive).
 */
import os from 'node:os';
import { loadConfig } from '../server/platform/config.ts';
import { openRuntime, type Runtime } from '../server/runtime.ts';
import { anchorWarning } from '../server/platform/audit/audit.anchor.ts';
import { systemPrincipal } from '../server/modules/access/principal.ts';

/**
 * Runs a command over the configured database; `anchor: false` leaves the audit anchor untouched;
 * `events: 'listen'` for a long-running command that holds sensors or settings in memory (on
 * PostgreSQL every command sends its events to the other processes; see events.bridge.ts).
 */
export async function withRuntime<T>(
  fn: (rt: Runtime) => Promise<T>,
  options: { anchor?: boolean; events?: 'listen' | 'send' } = {},
): Promise<T> {
  const rt = await openRuntime(loadConfig(), {
    ...options,
    log: (msg, err) => console.error(msg, err ?? ''),
  });
  const warning = rt.anchoredAtOpen && anchorWarning(rt.anchoredAtOpen);
  if (warning) {
    console.warn(`${warning}: ${rt.audit.file}`);
  }
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** The principal CLI commands act as: a system administrator named after the OS user. */
export function cliPrincipal() {
  return systemPrincipal(`cli:${os.userInfo().username}`);
}
