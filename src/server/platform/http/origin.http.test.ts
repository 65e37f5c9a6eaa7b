/**
 * The server-side cross-site check (issue 21 §9): a state-changing request a browser sends from another
 * site is refused even with the session cookie (SameSite=Strict alone is the browser's promise, not the
 * server's); the app's own pages, requests typed by the user, and clients that are no browser — the
 * CLI, gateways and scripts with API tokens, which send neither Fetch Metadata nor Origin — go on.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testContextConfig } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { login, PASSWORD, type World } from '../../../../test/helpers/world.ts';

describe.each(engines)('cross-site requests (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookie: string;
  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    cookie = await login(app, world.a.users.regulator_viewer);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const setLocale = (headers: Record<string, string>) =>
    app.inject({
      method: 'PUT',
      url: '/api/auth/me/preferences',
      headers: { cookie, host: 'minewatch.example.cn', ...headers },
      payload: { locale: 'zh-CN' },
    });

  it('a state change with the session cookie from another site is refused, by Fetch Metadata or Origin', async () => {
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://minewatch.example.cn' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ] as Record<string, string>[]) {
      const res = await setLocale(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json()).toMatchObject({
        code: 'FORBIDDEN',
        message: '拒绝来自其他网站的请求',
        details: [{ path: 'origin' }],
      });
    }
    // Signing in from another site's page is refused too (no login CSRF).
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'sec-fetch-site': 'cross-site' },
      payload: { username: world.a.users.inspector, password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(403);
  });

  it('the app’s own pages, the address typed by the user, PUBLIC_URL and reads pass', async () => {
    for (const headers of [
      { 'sec-fetch-site': 'same-origin', origin: 'https://minewatch.example.cn' },
      { 'sec-fetch-site': 'none' },
      { origin: 'https://minewatch.example.cn' },
      { origin: testContextConfig.publicUrl },
    ] as Record<string, string>[]) {
      expect((await setLocale(headers)).statusCode, JSON.stringify(headers)).toBe(200);
    }
    const read = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('clients that are no browser keep working: no headers, or a bearer token without the cookie', async () => {
    expect((await setLocale({})).statusCode).toBe(200);
    const created = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
      payload: { name: '脚本', kind: 'user' },
    });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json<{ token: string }>().token}` };
    for (const headers of [bearer, { ...bearer, origin: 'https://tools.example' }]) {
      const res = await app.inject({
        method: 'PUT',
        url: '/api/auth/me/preferences',
        headers,
        payload: { locale: 'zh-CN' },
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
    }
  });
});
