import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { login, PASSWORD, type World } from '../../../../test/helpers/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import { runJobs } from '../../../../test/helpers/jobs.ts';

describe.each(engines)('access (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('login sets an HttpOnly, SameSite=Strict session cookie and /me tells the jurisdiction', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: world.a.users.regulator_viewer, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'mw_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `mw_session=${cookie?.value}` },
    });
    expect(me.json()).toMatchObject({
      role: 'regulator_viewer',
      scope: { kind: 'region', regionCode: '140981' },
    });
    expect(me.json().permissions).not.toContain('registry.mine.create');
  });

  it('a wrong password is a 401 without a cookie; passwords are stored as scrypt hashes', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: world.a.users.inspector, password: 'wrong-password1' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      code: 'UNAUTHENTICATED',
      message: '用户名或密码错误',
      details: [],
    });
    expect(res.cookies).toHaveLength(0);
    const rows = await queryRows<{ password_hash: string }>(
      t.database.db,
      sql`SELECT password_hash FROM users`,
    );
    expect(
      rows.every(
        (r) =>
          r.password_hash.startsWith('scrypt$32768$8$1$') && !r.password_hash.includes(PASSWORD),
      ),
    ).toBe(true);
  });

  it('requests without a session are 401; logout ends the session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/mines' })).statusCode).toBe(401);
    const cookie = await login(app, world.a.users.regulator_admin);
    expect(
      (await app.inject({ method: 'GET', url: '/api/mines', headers: { cookie } })).statusCode,
    ).toBe(200);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(
      (await app.inject({ method: 'GET', url: '/api/mines', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('a session expires after 12 hours', async () => {
    const cookie = await login(app, world.a.users.safety_officer);
    t.deps.clock.advance(12 * 3600_000 + 1000);
    expect(
      (await app.inject({ method: 'GET', url: '/api/mines', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('the scheduled jobs purge expired sessions and keep live ones', async () => {
    const live = await login(app, world.a.users.regulator_viewer);
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          t.deps.db,
          sql`SELECT count(*)::int AS n FROM sessions WHERE expires_at <= ${t.deps.clock().toISOString()}::timestamptz`,
        )
      )[0]?.n;
    expect(await count()).toBeGreaterThan(0); // the 12-hour session above, and earlier ones
    const r = await runJobs(t.deps);
    expect(r['access.purgeSessions']?.purged).toBeGreaterThan(0);
    expect(await count()).toBe(0);
    expect(
      (await app.inject({ method: 'GET', url: '/api/mines', headers: { cookie: live } }))
        .statusCode,
    ).toBe(200);
  });

  it('a user token acts as its user until revoked; only its hash is stored', async () => {
    const cookie = await login(app, world.a.users.regulator_admin);
    const created = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { name: '脚本', kind: 'user' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^mw_/);
    const stored = await queryRows<{ token_hash: string }>(
      t.database.db,
      sql`SELECT token_hash FROM api_tokens`,
    );
    expect(stored.some((r) => r.token_hash === token)).toBe(false);
    const auth = { authorization: `Bearer ${token}` };
    const list = await app.inject({ method: 'GET', url: '/api/mines', headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((m: { countyCode: string }) => m.countyCode === '140981')).toBe(
      true,
    );
    await app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { cookie } });
    expect((await app.inject({ method: 'GET', url: '/api/mines', headers: auth })).statusCode).toBe(
      401,
    );
  });

  it('a user token cannot mint tokens that would outlive it; only a session issues them, and the audit says so', async () => {
    const cookie = await login(app, world.a.users.regulator_admin);
    const parent = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { name: '父令牌', kind: 'user' },
    });
    expect(parent.statusCode).toBe(201);
    const auth = { authorization: `Bearer ${parent.json().token}` };
    for (const payload of [
      { name: '子令牌', kind: 'user' },
      { name: '子网关', kind: 'gateway', mineIds: [world.a.mines[0]?.id] },
    ]) {
      const child = await app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: auth,
        payload,
      });
      expect(child.statusCode).toBe(403);
      expect(child.json().details[0].path).toBe('authorization');
    }
    const names = await queryRows<{ name: string }>(
      t.database.db,
      sql`SELECT name FROM api_tokens WHERE name LIKE '子%'`,
    );
    expect(names).toEqual([]);
    // Lineage: the token's creation names the credential it was issued from.
    const admin = await login(app, world.systemAdmin);
    const history = await app.inject({
      method: 'GET',
      url: `/api/audit/api_token/${parent.json().id}`,
      headers: { cookie: admin },
    });
    expect(history.json()[0]).toMatchObject({
      type: 'access.token.created',
      actor: world.a.users.regulator_admin,
      after: { name: '父令牌', issuedVia: 'session' },
    });
  });

  it('a gateway token is limited to its mines and may not read the registry', async () => {
    const cookie = await login(app, world.a.users.enterprise_admin);
    const created = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { name: '监测网关', kind: 'gateway', mineIds: [world.a.mines[0]?.id] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().mineIds).toEqual([world.a.mines[0]?.id]);
    const auth = { authorization: `Bearer ${created.json().token}` };
    const res = await app.inject({
      method: 'GET',
      url: `/api/mines/${world.a.mines[0]?.id}`,
      headers: auth,
    });
    expect(res.statusCode).toBe(403);
    // The list names the token's mines and tells when it was last used (to the minute).
    const listed = await app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie } });
    expect(created.json().lastUsedAt).toBeNull();
    const item = listed.json().find((k: { id: string }) => k.id === created.json().id);
    expect(item.mineNames).toEqual([world.a.mines[0]?.name]);
    expect(item.lastUsedAt).toEqual(expect.any(String));
    const viaGateway = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: auth,
      payload: { name: 'x', kind: 'user' },
    });
    expect(viaGateway.statusCode).toBe(403);
    const noMines = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { name: 'x', kind: 'gateway' },
    });
    expect(noMines.statusCode).toBe(400);
    expect(noMines.json().details[0].path).toBe('mineIds');
  });

  it('a role must fit its organisation, and a duty officer needs a mine of that enterprise', async () => {
    const cookie = await login(app, world.systemAdmin);
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: await login(app, world.a.users.enterprise_admin) },
    });
    const entOrg = me.json().organisationId;
    const wrongRole = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: {
        username: 'x.inspector',
        displayName: 'x',
        password: 'abcd1234x',
        role: 'inspector',
        organisationId: entOrg,
      },
    });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().details[0].path).toBe('role');
    const otherMine = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: {
        username: 'x.duty',
        displayName: 'x',
        password: 'abcd1234x',
        role: 'mine_duty_officer',
        organisationId: entOrg,
        mineId: world.b.mines[0]?.id,
      },
    });
    expect(otherMine.statusCode).toBe(400);
    expect(otherMine.json().details[0].path).toBe('mineId');
    const weak = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: {
        username: 'x.weak',
        displayName: 'x',
        password: 'abcdefgh',
        role: 'enterprise_admin',
        organisationId: entOrg,
      },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().details[0].path).toBe('password');
  });

  it('the system admin can replace the unverified tailings-grade table; stored grades follow', async () => {
    const cookie = await login(app, world.systemAdmin);
    const pond = world.a.mines[1]; // 900 万m³ (四等), 45 m (四等) → 四等
    expect(pond?.tailingsGrade).toBe(4);
    const table = {
      source: 'test: provincial rule',
      verified: true,
      rows: [
        { grade: 1, minVolume10kM3: 50000, minDamHeightM: 200 },
        { grade: 2, minVolume10kM3: 10000, minDamHeightM: 100 },
        { grade: 3, minVolume10kM3: 800, minDamHeightM: 40 },
        { grade: 4, minVolume10kM3: 100, minDamHeightM: 30 },
        { grade: 5, minVolume10kM3: 0, minDamHeightM: 0 },
      ],
    };
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/settings/registry.tailingsGradeTable',
      headers: { cookie },
      payload: { value: { rows: [] }, source: 'x', verified: false, reason: '测试' },
    });
    expect(bad.statusCode).toBe(400);
    const res = await app.inject({
      method: 'PUT',
      url: '/api/settings/registry.tailingsGradeTable',
      headers: { cookie },
      payload: { value: table, source: 'test', verified: true, reason: '省级规定' },
    });
    expect(res.statusCode).toBe(200);
    const mine = await app.inject({
      method: 'GET',
      url: `/api/mines/${pond?.id}`,
      headers: { cookie },
    });
    expect(mine.json().tailingsGrade).toBe(3);
    const history = await app.inject({
      method: 'GET',
      url: '/api/audit/setting/registry.tailingsGradeTable',
      headers: { cookie },
    });
    expect(history.json()[0].type).toBe('settings.setting.updated');
    const viewer = await login(app, world.a.users.regulator_admin);
    const denied = await app.inject({
      method: 'PUT',
      url: '/api/settings/registry.tailingsGradeTable',
      headers: { cookie: viewer },
      payload: { value: table, source: 'x', verified: true, reason: '越权' },
    });
    expect(denied.statusCode).toBe(403);
  });
});
