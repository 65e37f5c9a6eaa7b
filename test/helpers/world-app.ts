/**
 * @module The common setup of HTTP tests over the test world: a fresh database on the engine, the world,
 * the app, and a session per named user; closed after the suite. `ctx` is filled in `beforeAll`.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { callerAs, createTestApp } from './app.ts';
import type { Engine } from '../../src/server/platform/db/client.ts';
import { createWorldDatabase, type TestDatabase } from './test-database.ts';
import { loginAll, type World } from './world.ts';

export interface WorldApp {
  t: TestDatabase;
  app: FastifyInstance;
  world: World;
  cookies: Record<string, string>;
}

export function useWorldApp(engine: Engine, users: (w: World) => Record<string, string>) {
  const ctx = {} as WorldApp;
  beforeAll(async () => {
    ({ world: ctx.world, ...ctx.t } = await createWorldDatabase(engine));
    ({ app: ctx.app } = await createTestApp(ctx.t));
    ctx.cookies = await loginAll(ctx.app, users(ctx.world));
  });
  afterAll(async () => {
    await ctx.app.close();
    await ctx.t.close();
  });
  return {
    ctx,
    call: callerAs(
      () => ctx.app,
      () => ctx.cookies,
    ),
  };
}
