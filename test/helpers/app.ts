/**
 * @module The real HTTP app in-process over a test database, in a module context without timers.
 */
import { buildApp, type App, type AppOptions } from '../../src/server/app.ts';
import type { FastifyInstance } from 'fastify';
import { createModuleContext, type ContextConfig } from '../../src/server/composition.ts';
import type { ModuleContext } from '../../src/server/modules/module.ts';
import type { TestDatabase } from './test-database.ts';

/** The options tests run the modules with: no gateways, no timers (tests run jobs by hand). */
export const testContextConfig: ContextConfig = {
  publicUrl: 'http://127.0.0.1:8080',
  webhook: undefined,
  email: undefined,
  cookieSecure: false,
  monitoringTickSeconds: 0,
  jobsIntervalSeconds: 0,
};

/** The app over the test database; its module context (and monitoring runtime) closes with it. */
export async function createTestApp(
  t: TestDatabase,
  config: Partial<ContextConfig> = {},
  app: Pick<AppOptions, 'trustProxy'> = {},
): Promise<App & { ctx: ModuleContext }> {
  const ctx = createModuleContext(t.deps, { ...testContextConfig, ...config });
  const built = await buildApp({
    database: t.database,
    ctx,
    logLevel: false,
    version: 'test',
    onClose: () => ctx.close(),
    ...app,
  });
  return { ...built, ctx };
}

/**
 * A JSON request as one of the logged-in users (`cookies` by name), answering the status, the parsed
 * body and the raw response. The app and cookies are read at call time (they are set in beforeAll).
 */
export function callerAs(app: () => FastifyInstance, cookies: () => Record<string, string>) {
  return async <T>(who: string, method: string, url: string, payload?: object) => {
    const res = await app().inject({
      method: method as 'GET',
      url,
      headers: { cookie: cookies()[who] ?? '' },
      ...(payload ? { payload } : {}),
    });
    return { status: res.statusCode, body: res.json<T>(), raw: res };
  };
}
