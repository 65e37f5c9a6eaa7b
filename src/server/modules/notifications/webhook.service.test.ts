/**
 * Signed webhook delivery to a real HTTP receiver: every notification event reaches the gateway once
 * it answers 2xx, signed with HMAC-SHA256; a failure is retried after a backoff on the controlled clock
 * (never with sleeps); nothing is lost while no gateway is configured; after 12 attempts it gives up.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { type World } from '../../../../test/helpers/world.ts';
import { runJobs } from '../../../../test/helpers/jobs.ts';
import { loadConfig } from '../../platform/config.ts';
import { queryRows } from '../../platform/db/client.ts';
import { systemPrincipal } from '../access/principal.ts';
import { planHazard } from '../hazards/hazard.service.ts';
import {
  WEBHOOK_MAX_ATTEMPTS,
  backoffMinutes,
  deliverWebhooks,
  signWebhook,
  verifyWebhook,
} from './webhook.service.ts';

const SECRET = 'gateway-shared-secret-2026';

interface Received {
  delivery: string;
  signature: string;
  body: string;
}

describe('webhook signatures, backoff and configuration', () => {
  it('verifies its own signature and refuses a changed body, secret or timestamp', () => {
    const body = '{"title":"重大事故隐患函告"}';
    const header = signWebhook(SECRET, 1_790_000_000, body);
    expect(header).toMatch(/^t=1790000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(SECRET, header, body)).toBe(true);
    expect(verifyWebhook(SECRET, header, body.replace('函告', '提醒'))).toBe(false);
    expect(verifyWebhook('another-secret-xxxxxxx', header, body)).toBe(false);
    expect(verifyWebhook(SECRET, header.replace('t=1790000000', 't=1790000001'), body)).toBe(false);
    expect(verifyWebhook(SECRET, 'garbage', body)).toBe(false);
  });

  it('waits 1, 2, 4 … minutes between attempts, at most 6 hours', () => {
    expect([1, 2, 3, 4, 9, 10, 12].map(backoffMinutes)).toEqual([1, 2, 4, 8, 256, 360, 360]);
  });

  it('needs a secret of at least 16 characters with a gateway URL', () => {
    const base = { DATA_DIR: '/tmp/mw-config-test', MINEWATCH_SECRET: 'ab'.repeat(32) };
    expect(loadConfig(base).webhook).toBeUndefined();
    expect(() => loadConfig({ ...base, NOTIFY_WEBHOOK_URL: 'http://gw.local/sms' })).toThrow(
      /NOTIFY_WEBHOOK_SECRET/,
    );
    expect(() =>
      loadConfig({ ...base, NOTIFY_WEBHOOK_URL: 'ftp://x', NOTIFY_WEBHOOK_SECRET: SECRET }),
    ).toThrow(/http/);
    expect(
      loadConfig({
        ...base,
        NOTIFY_WEBHOOK_URL: 'http://gw.local/sms',
        NOTIFY_WEBHOOK_SECRET: SECRET,
      }).webhook,
    ).toEqual({ url: 'http://gw.local/sms', secret: SECRET });
  });
});

describe.each(engines)('webhook delivery of notifications (%s)', (engine) => {
  let t: TestDatabase;
  let world: World;
  let server: Server;
  let url = '';
  const received: Received[] = [];
  /** Status codes the receiver answers with, in order; 200 once empty. */
  const answers: number[] = [];
  const admin = { ...systemPrincipal('test:webhook'), role: 'enterprise_admin' as const };
  const hook = () => ({ webhook: { url, secret: SECRET } });
  const outbox = () =>
    queryRows<{ id: number; attempts: number; delivered: boolean; failed: boolean }>(
      t.deps.db,
      sql`SELECT id::int, attempts, delivered_at IS NOT NULL AS delivered, failed_at IS NOT NULL AS failed
          FROM webhook_outbox ORDER BY id`,
    );

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    await planHazard(t.deps, admin, world.a.hazardIds[0] ?? '', {
      responsiblePerson: '矿长',
      measures: '整改',
      fundsYuan: 1,
      deadline: '2026-12-20',
      contingencyPlan: '预案',
    });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({
          delivery: String(req.headers['x-minewatch-delivery']),
          signature: String(req.headers['x-minewatch-signature']),
          body,
        });
        res.statusCode = answers.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('keeps every event while no gateway is configured', async () => {
    t.deps.clock.now = new Date('2026-12-17T01:00:00Z'); // 提醒 of the hazard falls due
    const r = await runJobs(t.deps);
    expect(r['notifications.deliver']).toMatchObject({ webhooksDelivered: 0, webhooksFailed: 0 });
    const rows = await outbox();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((o) => !o.delivered && o.attempts === 0)).toBe(true);
    expect(received).toEqual([]);
  });

  it('delivers each event once, signed, naming the people to tell', async () => {
    const pending = (await outbox()).length;
    const r = await runJobs(t.deps, hook());
    expect(r['notifications.deliver']).toMatchObject({
      webhooksDelivered: pending,
      webhooksFailed: 0,
    });
    expect(received).toHaveLength(pending);
    for (const m of received) {
      expect(verifyWebhook(SECRET, m.signature, m.body)).toBe(true);
      expect(JSON.parse(m.body).id).toBe(Number(m.delivery));
    }
    const reminder = received
      .map(
        (m) =>
          JSON.parse(m.body) as {
            subjectType: string;
            subjectId: string;
            title: string;
            recipients: { username: string }[];
          },
      )
      .find((p) => p.subjectType === 'hazard' && p.subjectId === world.a.hazardIds[0]);
    expect(reminder?.title).toBe(`重大事故隐患提醒: ${world.a.mines[0]?.name}`);
    expect(reminder?.recipients.map((x) => x.username).sort()).toEqual(
      [world.a.users.enterprise_admin, world.a.users.safety_officer].sort(),
    );
    expect((await runJobs(t.deps, hook()))['notifications.deliver']?.webhooksDelivered).toBe(0);
    expect(received).toHaveLength(pending);
  });

  it('retries a refused delivery after its backoff, with the same delivery id', async () => {
    received.length = 0;
    t.deps.clock.now = new Date('2026-12-21T01:00:00Z'); // 函告 falls due
    answers.push(503);
    const first = await runJobs(t.deps, hook());
    const refused = received[0]?.delivery;
    expect(first['notifications.deliver']?.webhooksDelivered).toBe(received.length - 1);
    expect((await outbox()).find((o) => String(o.id) === refused)).toMatchObject({
      attempts: 1,
      delivered: false,
    });
    // Not before its minute is up …
    expect((await runJobs(t.deps, hook()))['notifications.deliver']?.webhooksDelivered).toBe(0);
    t.deps.clock.advance(60_000);
    // … then again, under the same id, and it is done.
    expect((await runJobs(t.deps, hook()))['notifications.deliver']?.webhooksDelivered).toBe(1);
    expect(received.at(-1)?.delivery).toBe(refused);
    expect((await outbox()).every((o) => o.delivered)).toBe(true);
  });

  it(`gives up after ${WEBHOOK_MAX_ATTEMPTS} attempts on a gateway that never answers, and keeps the event`, async () => {
    t.deps.clock.now = new Date('2027-01-05T01:00:00Z'); // 通报 falls due
    const dead = { webhook: { url: 'http://127.0.0.1:9/unreachable', secret: SECRET } };
    await runJobs(t.deps, dead);
    let failed = 0;
    for (let i = 1; i < WEBHOOK_MAX_ATTEMPTS; i++) {
      t.deps.clock.advance(backoffMinutes(i) * 60_000);
      // Delivery alone: no new escalation steps while the clock moves on.
      failed += (await deliverWebhooks(t.deps, dead.webhook)).failed;
    }
    const open = (await outbox()).filter((o) => !o.delivered);
    expect(open.length).toBeGreaterThan(0);
    expect(failed).toBe(open.length);
    expect(open.every((o) => o.failed && o.attempts === WEBHOOK_MAX_ATTEMPTS)).toBe(true);
    const [err] = await queryRows<{ last_error: string }>(
      t.deps.db,
      sql`SELECT last_error FROM webhook_outbox WHERE failed_at IS NOT NULL LIMIT 1`,
    );
    expect(err?.last_error).toBeTruthy();
  });
});
