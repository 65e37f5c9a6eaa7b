/**
 * Alarm calls by e-mail over SMTP (issue 5 §6), against a real SMTP server on a local port: the duty
 * officer of the demo mine gets the call with its one-time acknowledgement link, the alarm's timeline
 * shows the delivery, and an address the server refuses is retried, not lost.
 */
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { users } from '../access/access.table.ts';
import { webhookOutbox } from '../notifications/notification.table.ts';
import { getAlarm } from './alarm.service.ts';
import { monitoringSensors } from './monitoring.table.ts';
import { createMonitoring, type MonitoringRuntime } from './monitoring.runtime.ts';
import { systemGatewayPrincipal, systemPrincipal } from '../access/principal.ts';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

describe.each(engines)('alarm calls by e-mail (%s)', (engine) => {
  let t: TestDatabase;
  let monitoring: MonitoringRuntime;
  let server: SMTPServer;
  const mails: Mail[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        callback(address.address.startsWith('bounce') ? new Error('550 no such user') : undefined);
      },
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString()));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // The demo province (its duty officer, points and call policies), seeded once by global setup.
    t = await createTestDatabase(engine, 'demo');
    monitoring = createMonitoring(t.deps, {
      publicUrl: 'https://minewatch.example',
      email: { url: `smtp://127.0.0.1:${port}`, from: 'minewatch <alarms@minewatch.example>' },
    });
  }, 120_000);
  afterAll(async () => {
    monitoring?.close();
    await t?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('sends the duty officer the call with its acknowledgement link; the timeline shows it', async () => {
    const [duty] = await t.deps.db.select().from(users).where(eq(users.username, 'mine.duty'));
    const mineId = duty?.mineId ?? '';
    const [gas] = await t.deps.db
      .select()
      .from(monitoringSensors)
      .where(and(eq(monitoringSensors.mineId, mineId), eq(monitoringSensors.code, 'CH4-101')));
    // 2.0 % ≥ 断电 1.5 % (《煤矿安全规程》): 红色; the default policy's first step calls the mine by
    // in-app, webhook and e-mail.
    const report = await monitoring.engine.ingest(systemGatewayPrincipal('simulator', [mineId]), [
      { sensor: 'CH4-101', ts: t.deps.clock().toISOString(), value: 2.0 },
    ]);
    expect(report.alarmsOpened).toBeGreaterThan(0);
    await monitoring.kick();
    const mail = mails.find((m) => m.to.includes('mine.duty@minewatch.example'));
    expect(mail?.from).toBe('alarms@minewatch.example');
    const decoded = mail?.raw.replace(/=\r?\n/g, '') ?? '';
    expect(decoded).toMatch(/^Subject: /m);
    expect(decoded).toContain('https://minewatch.example/ack/');
    const rows = await t.deps.db
      .select()
      .from(webhookOutbox)
      .where(eq(webhookOutbox.channel, 'email'));
    const alarmId = (rows[0]?.payload as { alarmId: string }).alarmId;
    // minewatch sends the e-mail itself, so the SMS/voice gateway is not asked to.
    const gatewayEvents = (
      await t.deps.db.select().from(webhookOutbox).where(eq(webhookOutbox.channel, 'webhook'))
    ).filter((r) => (r.payload as { alarmId?: string }).alarmId === alarmId);
    expect(gatewayEvents.length).toBeGreaterThan(0);
    for (const e of gatewayEvents) {
      expect((e.payload as { channels: string[] }).channels).toEqual(['webhook']);
    }
    const detail = await getAlarm(t.deps, systemPrincipal('test'), alarmId);
    expect(detail.sensorId).toBe(gas?.id);
    expect(detail.timeline.filter((e) => e.type === 'email_delivered').length).toBeGreaterThan(0);
    const sent = detail.timeline.find((e) => e.type === 'email_delivered');
    expect(sent?.detail).toMatchObject({ to: expect.stringMatching(/@minewatch\.example$/) });
  });

  it('an address the server refuses stays in the outbox with the reason, to be retried', async () => {
    await t.deps.db
      .update(users)
      .set({ email: 'bounce@minewatch.example' })
      .where(eq(users.username, 'mine.duty'));
    const [duty] = await t.deps.db.select().from(users).where(eq(users.username, 'mine.duty'));
    const mineId = duty?.mineId ?? '';
    t.deps.clock.advance(60_000);
    await monitoring.engine.ingest(systemGatewayPrincipal('simulator', [mineId]), [
      { sensor: 'CO-101', ts: t.deps.clock().toISOString(), value: 40 },
    ]);
    // CO ≥ 24 ppm is 黄色 (C1); the default 黄色 policy's first step calls the mine on every channel.
    await monitoring.kick();
    const bounced = (
      await t.deps.db.select().from(webhookOutbox).where(eq(webhookOutbox.channel, 'email'))
    ).filter((r) => (r.payload as { to: string }).to === 'bounce@minewatch.example');
    expect(bounced.length).toBeGreaterThan(0);
    for (const r of bounced) {
      expect(r.deliveredAt).toBeNull();
      expect(r.failedAt).toBeNull();
      expect(r.attempts).toBe(1);
      expect(r.lastError).toMatch(/550|no such user/);
    }
  });
});
