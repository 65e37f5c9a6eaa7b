/**
 * @module The real HTTP app in-process over a test database.
 */
import { buildApp, type App } from '../../src/server/app.ts';
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
