/**
 * @module The real HTTP app in-process over a test database.
 */
import { buildApp, type App } from '../../src/server/app.ts';
import type { FastifyInstance } from 'fastify';
import type { TestDatabase } from './test-database.ts';

export async function createTestApp(t: TestDatabase): Promise<App> {
  return buildApp({
    database: t.database,
    deps: t.deps,
    logLevel: false,
    cookieSecure: false,
    version: 'test',
  });
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
