/**
 * @module Opens the runtime for a CLI command and always closes it (PGlite keeps a process alive).
 */
import os from 'node:os';
import { loadConfig } from '../server/platform/config.ts';
import { openRuntime, type Runtime } from '../server/runtime.ts';
import { systemPrincipal } from '../server/modules/access/principal.ts';

export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(loadConfig());
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
