/**
 * The signed-in user's notifications over HTTP, on both engines: the inbox's filters (read / unread,
 * kind) and pages, the bell's unread count, marking one and all read — and jurisdiction: a user only
 * ever sees, counts and marks their own notifications, never another's (in the same county or not), and
 * a gateway token cannot read its issuer's calls.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { queryRows } from '../../platform/db/client.ts';
import type {
  NotificationCountResponse,
  NotificationResponse,
} from '../../../shared/notifications.schemas.ts';
import { findUserWithOrg } from '../access/access.repository.ts';
import { createToken } from '../access/access.service.ts';
import { userPrincipal } from '../access/principal.ts';
import { insertNotifications } from './notification.service.ts';

const T0 = Date.parse('2026-11-20T08:00:00Z');
const MINUTE = 60_000;

describe.each(engines)('notification routes: inbox, bell, mark read (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    duty: w.a.users.mine_duty_officer,
    ent: w.a.users.enterprise_admin,
    reg: w.a.users.regulator_admin,
    regB: w.b.users.regulator_admin,
  }));
  const ids: Record<string, string> = {};
  let gatewayToken = '';

  /** Writes one notification for the named users, `minutes` after T0. */
  const notify = async (users: string[], subjectType: string, title: string, minutes: number) =>
    insertNotifications(
      ctx.t.deps.db,
      users.map((u) => ids[u] ?? ''),
      { subjectType, subjectId: `${subjectType}-${title}`, title, body: `${title} 的正文` },
      new Date(T0 + minutes * MINUTE),
    );
  const list = (who: string, query = '') =>
    call<NotificationResponse[]>(who, 'GET', `/api/notifications${query}`);
  const count = (who: string) =>
    call<NotificationCountResponse>(who, 'GET', '/api/notifications/unread-count');

  beforeAll(async () => {
    for (const [key, username] of Object.entries({
      duty: ctx.world.a.users.mine_duty_officer,
      ent: ctx.world.a.users.enterprise_admin,
      reg: ctx.world.a.users.regulator_admin,
      regB: ctx.world.b.users.regulator_admin,
    })) {
      const [row] = await queryRows<{ id: string }>(
        ctx.t.deps.db,
        sql`SELECT id FROM users WHERE username = ${username}`,
      );
      ids[key] = row?.id ?? '';
    }
    // The world's lead told its county's regulators; these inboxes start empty.
    await ctx.t.deps.db.execute(
      sql`DELETE FROM notifications WHERE user_id IN (${sql.join(
        Object.values(ids).map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    // The duty officer: three 叫应 calls and a hazard reminder; the enterprise admin shares the hazard
    // reminder and a lead; county B's regulator has a call of its own.
    await notify(['duty'], 'alarm', '红色告警叫应 1', 1);
    await notify(['duty', 'ent'], 'hazard', '重大事故隐患提醒', 2);
    await notify(['duty'], 'alarm', '红色告警叫应 2', 3);
    await notify(['duty'], 'alarm', '橙色告警叫应 3', 4);
    await notify(['ent'], 'lead', '明停暗开线索', 5);
    await notify(['regB'], 'alarm', '乡宁县告警叫应', 6);
    const u = await findUserWithOrg(ctx.t.deps.db, {
      username: ctx.world.a.users.enterprise_admin,
    });
    if (!u) {
      throw new Error('no enterprise admin');
    }
    gatewayToken = (
      await createToken(ctx.t.deps, userPrincipal(u, null), {
        name: 'gw',
        kind: 'gateway',
        mineIds: [ctx.world.a.mines[0]?.id ?? ''],
      })
    ).token;
  });

  it('lists only the caller’s own notifications, newest first', async () => {
    const duty = await list('duty');
    expect(duty.status).toBe(200);
    expect(duty.body.map((n) => n.title)).toEqual([
      '橙色告警叫应 3',
      '红色告警叫应 2',
      '重大事故隐患提醒',
      '红色告警叫应 1',
    ]);
    const ent = await list('ent');
    expect(ent.body.map((n) => n.title)).toEqual(['明停暗开线索', '重大事故隐患提醒']);
    // County A's regulator was told nothing; county B's sees its own call only.
    expect((await list('reg')).body).toEqual([]);
    expect((await list('regB')).body.map((n) => n.title)).toEqual(['乡宁县告警叫应']);
  });

  it('filters by kind and by read state, and pages with before', async () => {
    const calls = await list('duty', '?kind=alarm');
    expect(calls.body.map((n) => n.title)).toEqual([
      '橙色告警叫应 3',
      '红色告警叫应 2',
      '红色告警叫应 1',
    ]);
    const first = await list('duty', '?limit=2');
    expect(first.body.map((n) => n.title)).toEqual(['橙色告警叫应 3', '红色告警叫应 2']);
    const next = await list('duty', `?limit=2&before=${first.body[1]?.id}`);
    expect(next.body.map((n) => n.title)).toEqual(['重大事故隐患提醒', '红色告警叫应 1']);
    const last = await list('duty', `?limit=2&before=${next.body[1]?.id}`);
    expect(last.body).toEqual([]);
    expect((await list('duty', '?status=read')).body).toEqual([]);
    expect((await list('duty', '?status=unread')).body).toHaveLength(4);
  });

  it('refuses an unknown kind or status and another user’s notification as the page start (400)', async () => {
    const kind = await list('duty', '?kind=weather');
    expect(kind.status).toBe(400);
    expect(JSON.stringify(kind.body)).toContain('kind');
    expect((await list('duty', '?status=seen')).status).toBe(400);
    const theirs = (await list('regB')).body[0]?.id ?? '';
    const before = await list('duty', `?before=${theirs}`);
    expect(before.status).toBe(400);
    expect(before.body).toMatchObject({ details: [{ path: 'before' }] });
    expect((await list('duty', '?limit=201')).status).toBe(400);
  });

  it('the bell counts the caller’s unread notifications, in all and by kind', async () => {
    expect((await count('duty')).body).toEqual({ unread: 4, byKind: { alarm: 3, hazard: 1 } });
    expect((await count('ent')).body).toEqual({ unread: 2, byKind: { hazard: 1, lead: 1 } });
    expect((await count('reg')).body).toEqual({ unread: 0, byKind: {} });
  });

  it('marks one read for its recipient only: another user’s is a 404, a second time a 409', async () => {
    const hazardOfEnt = (await list('ent', '?kind=hazard')).body[0]?.id ?? '';
    // The duty officer got the same reminder as a notification of their own, not this one.
    expect((await call('duty', 'POST', `/api/notifications/${hazardOfEnt}/read`)).status).toBe(404);
    expect((await call('regB', 'POST', `/api/notifications/${hazardOfEnt}/read`)).status).toBe(404);
    const own = await call('ent', 'POST', `/api/notifications/${hazardOfEnt}/read`);
    expect(own).toMatchObject({ status: 200, body: { id: hazardOfEnt, read: true } });
    expect((await call('ent', 'POST', `/api/notifications/${hazardOfEnt}/read`)).status).toBe(409);
    expect((await count('ent')).body).toEqual({ unread: 1, byKind: { lead: 1 } });
    // The duty officer's copy of the same reminder is still unread.
    expect((await count('duty')).body.byKind.hazard).toBe(1);
    expect((await list('ent', '?status=read')).body.map((n) => n.title)).toEqual([
      '重大事故隐患提醒',
    ]);
  });

  it('marks all read: the caller’s own, of one kind, up to the newest one seen', async () => {
    // A call that arrived after the reader's newest one (4 minutes) stays unread.
    await notify(['duty'], 'alarm', '红色告警叫应 4', 10);
    const upTo = new Date(T0 + 4 * MINUTE).toISOString();
    const calls = await call('duty', 'POST', '/api/notifications/read-all', {
      kind: 'alarm',
      until: upTo,
    });
    expect(calls).toMatchObject({ status: 200, body: { marked: 3 } });
    expect((await count('duty')).body).toEqual({ unread: 2, byKind: { alarm: 1, hazard: 1 } });
    expect((await list('duty', '?status=unread')).body.map((n) => n.title)).toEqual([
      '红色告警叫应 4',
      '重大事故隐患提醒',
    ]);
    // Nobody else's were touched.
    expect((await count('regB')).body.unread).toBe(1);
    expect((await count('ent')).body.unread).toBe(1);
    // Without a body: all of them.
    const all = await ctx.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: ctx.cookies.duty ?? '' },
    });
    expect(all.json()).toEqual({ marked: 2 });
    expect((await count('duty')).body).toEqual({ unread: 0, byKind: {} });
    expect((await call('duty', 'POST', '/api/notifications/read-all', {})).body).toEqual({
      marked: 0,
    });
    expect((await count('regB')).body.unread).toBe(1);
    expect((await count('ent')).body.unread).toBe(1);
  });

  it('refuses a malformed mark-all body with the field named (400)', async () => {
    const bad = await call('duty', 'POST', '/api/notifications/read-all', { kind: 'weather' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('kind');
    const extra = await call('duty', 'POST', '/api/notifications/read-all', { userId: ids.ent });
    expect(extra.status).toBe(400);
    expect((await count('ent')).body.unread).toBe(1);
  });

  it('a gateway token cannot read, count or mark its issuer’s notifications (403)', async () => {
    const headers = { authorization: `Bearer ${gatewayToken}` };
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', '/api/notifications/read-all'],
    ] as const) {
      const res = await ctx.app.inject({
        method,
        url,
        headers,
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await count('ent')).body.unread).toBe(1);
  });

  it('answers 401 without a session', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/notifications/unread-count' });
    expect(res.statusCode).toBe(401);
  });
});
