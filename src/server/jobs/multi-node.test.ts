/**
 * Several nodes on one PostgreSQL server (issue 26 §3): each "node" here is its own pool, event channel
 * and module context, as separate processes would be. Run at the same moment on both, a due 叫应 step
 * happens once (one alarm event, one set of notifications, each gateway message sent once), every
 * scheduled job's steps happen once, and sign-in throttling and sessions are shared. PostgreSQL only:
 * PGlite runs one query at a time and is one process by construction, so it would hide a race.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContextConfig } from '../../../test/helpers/app.ts';
import { buildApp } from '../app.ts';
import { createModuleContext } from '../composition.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { PASSWORD, login, type World } from '../../../test/helpers/world.ts';
import { LoginLimits } from '../modules/access/login.throttle.ts';
import { modules } from '../modules/index.ts';
import type { ModuleContext } from '../modules/module.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { openDatabase, queryRows, type Database } from '../platform/db/client.ts';
import { createEventChannel } from '../platform/events.ts';
import { runJobsOnce } from './scheduler.ts';

/** Rows of `query` that occur more than once: must be none. */
async function duplicates(db: ServiceDeps['db'], query: ReturnType<typeof sql>) {
  return queryRows<Record<string, unknown>>(db, query);
}

describe.runIf(engines.includes('postgres'))('two nodes on one database (postgres)', () => {
  let t: TestDatabase & { world: World };
  let other: Database;
  const apps: FastifyInstance[] = [];
  const ctxs: ModuleContext[] = [];
  /** Gateway messages sent, by outbox row, over both nodes. */
  const sent = new Map<string, number>();
  const send = (async (_url: string, init?: RequestInit) => {
    const id = new Headers(init?.headers).get('x-minewatch-delivery') ?? '?';
    sent.set(id, (sent.get(id) ?? 0) + 1);
    // A gateway taking its time: the other node would be sending the same rows meanwhile.
    await new Promise((r) => setTimeout(r, 20));
    return new Response('ok', { status: 200 });
  }) as typeof fetch;

  beforeAll(async () => {
    t = await createWorldDatabase('postgres');
    other = await openDatabase({ url: t.url });
    // Node b: its own pool and event channel; the same clock, so "the same moment" is exact.
    const b: TestDatabase = {
      database: other,
      deps: { ...t.deps, db: other.db, events: createEventChannel() },
      close: () => other.close(),
    };
    const webhook = { url: 'http://gateway.test/hook', secret: 'x'.repeat(32) };
    for (const node of [t, b]) {
      const ctx = createModuleContext(node.deps, { ...testContextConfig, webhook }, { send });
      const built = await buildApp({
        database: node.database,
        ctx,
        logLevel: false,
        version: 'test',
        onClose: () => ctx.close(),
      });
      apps.push(built.app);
      ctxs.push(ctx);
    }
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await other.close();
    await t.close();
  });

  const callEvents = () =>
    queryRows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM alarm_events
          WHERE type IN ('called', 'renotified', 'escalated', 'response_overdue')`,
    ).then((r) => r[0]?.n ?? 0);
  const noDuplicates = async () => {
    // Both nodes share one clock: a step taken twice would leave two rows at the same instant.
    expect(
      await duplicates(
        t.deps.db,
        sql`SELECT alarm_id, at, count(*)::int AS n FROM alarm_events
            WHERE type IN ('called', 'renotified', 'escalated', 'response_overdue')
            GROUP BY alarm_id, at HAVING count(*) > 1`,
      ),
    ).toEqual([]);
    expect(
      await duplicates(
        t.deps.db,
        sql`SELECT user_id, subject_id, title, created_at, count(*)::int AS n FROM notifications
            GROUP BY user_id, subject_id, title, created_at HAVING count(*) > 1`,
      ),
    ).toEqual([]);
    expect([...sent.entries()].filter(([, n]) => n > 1)).toEqual([]);
  };

  it('a due 叫应 step kicked on both nodes at the same moment is called once, and sent once', async () => {
    const before = await callEvents();
    await Promise.all(ctxs.map((c) => c.monitoring.kick()));
    const first = await callEvents();
    expect(first - before).toBeGreaterThan(0);
    // Every later step of the ladder (renotify, escalate, 回应 overdue), both nodes at once each time.
    for (let round = 0; round < 6; round++) {
      t.deps.clock.advance(30 * 60_000);
      await Promise.all(ctxs.map((c) => c.monitoring.kick()));
    }
    expect(await callEvents()).toBeGreaterThan(first);
    await noDuplicates();
    const outbox = await queryRows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM webhook_outbox WHERE channel = 'webhook' AND delivered_at IS NOT NULL`,
    );
    expect(sent.size).toBeGreaterThan(0);
    expect(sent.size).toBe(outbox[0]?.n);
  });

  it('every scheduled job run on both nodes at the same moment takes each step once', async () => {
    // A year on: every ladder of the world's hazards, reports and alarms has fallen due.
    t.deps.clock.advance(400 * 86_400_000);
    const [a, b] = await Promise.all(ctxs.map((c, i) => runJobsOnce(modules, c, `node-${i}`)));
    // Each job ran on at least one node (a job one node finished may run again on the other: the
    // steps it would take are taken already).
    for (const name of Object.keys(a ?? {})) {
      expect(
        [a?.[name], b?.[name]].some((r) => r !== null),
        name,
      ).toBe(true);
    }
    const escalations = await queryRows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM escalations`,
    );
    expect(escalations[0]?.n).toBeGreaterThan(0);
    await noDuplicates();
  });

  it('sign-in failures through either node count in one bucket, and a session opened on one works on the other', async () => {
    const name = t.world.b.users.regulator_admin;
    const [nodeA, nodeB] = apps as [FastifyInstance, FastifyInstance];
    const signIn = (app: FastifyInstance, password: string, remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: name, password },
        remoteAddress,
      });
    for (let i = 0; i < LoginLimits.freeFailures; i++) {
      const node = i % 2 === 0 ? nodeA : nodeB;
      expect((await signIn(node, `wrong-${i}-x9`, '10.26.0.1')).statusCode).toBe(401);
    }
    // Five failures spread over two nodes hold the name on both.
    expect((await signIn(nodeA, PASSWORD, '10.26.0.2')).statusCode).toBe(429);
    expect((await signIn(nodeB, PASSWORD, '10.26.0.3')).statusCode).toBe(429);
    const cookie = await login(nodeA, t.world.a.users.regulator_admin);
    const me = await nodeB.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
  });
});
