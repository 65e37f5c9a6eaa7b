/**
 * Security headers and secrets in logs (issue 21 §10), on both engines: the pages the server sends
 * carry the Content-Security-Policy (the built app and its charts run under it: the browser tests), HSTS
 * is sent behind HTTPS only, and no credential — a password, a session cookie, an API token, the token
 * of a 叫应 link, a failed query's parameters — reaches the log.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DrizzleQueryError } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createModuleContext } from '../../composition.ts';
import { testContextConfig } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { login, PASSWORD, type World } from '../../../../test/helpers/world.ts';
import { CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY } from './security-headers.ts';
import { scrubUrl, serializeError } from '../logging.ts';

describe.each(engines)('security headers and logs (%s)', (engine) => {
  let t: TestDatabase;
  let world: World;
  let webDir: string;
  const lines: string[] = [];
  const apps: FastifyInstance[] = [];

  /** The real app with the given Secure-cookie setting, a stand-in web build, logging into `lines`. */
  async function appWith(cookieSecure: boolean) {
    const ctx = createModuleContext(t.deps, { ...testContextConfig, cookieSecure });
    const { app } = await buildApp({
      database: t.database,
      ctx,
      logLevel: 'info',
      logStream: { write: (line) => lines.push(line) },
      version: 'test',
      webDir,
      onClose: () => ctx.close(),
    });
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    webDir = mkdtempSync(path.join(tmpdir(), 'mw-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(path.join(webDir, 'assets/app.js'), 'export {};');
  });
  afterAll(async () => {
    for (const app of apps) {
      await app.close();
    }
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('every page the server sends carries the Content-Security-Policy; no HSTS over plain HTTP', async () => {
    const app = await appWith(false);
    for (const url of ['/', '/mines/123', '/ack/abcdefghijklmnop', '/api/docs/']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    // The policy forbids inline and foreign scripts, plugins and framing.
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    const api = await app.inject({ method: 'GET', url: '/api/health' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });

  it('HSTS is sent when cookies are Secure, that is behind HTTPS (COOKIE_SECURE=true)', async () => {
    const app = await appWith(true);
    for (const url of ['/', '/api/health']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security'], url).toBe(STRICT_TRANSPORT_SECURITY);
    }
  });

  it('no password, cookie, API token, 叫应 link token or query parameter reaches the log', async () => {
    const app = await appWith(false);
    lines.length = 0;
    const wrong = 'Wr0ng-Passw0rd!';
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: world.a.users.inspector, password: wrong },
    });
    const cookie = await login(app, world.a.users.regulator_admin);
    const created = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { name: '日志', kind: 'user' },
    });
    const bearer = created.json<{ token: string }>().token;
    await app.inject({
      method: 'GET',
      url: '/api/mines?token=abc-secret-query',
      headers: { authorization: `Bearer ${bearer}` },
    });
    const ackToken = 'ackTokenThatMustNotBeLogged1234';
    await app.inject({ method: 'GET', url: `/ack/${ackToken}` });
    await app.inject({ method: 'POST', url: `/ack/${ackToken}` });
    // A failed query as the driver reports it, logged as the error handler logs an unhandled error.
    app.log.error(
      {
        err: new DrizzleQueryError('insert into "users" ("password_hash") values ($1)', [
          'scrypt$secret-hash-param',
        ]),
      },
      'unhandled error',
    );
    const log = lines.join('');
    expect(log).toContain(`/ack/[redacted]`); // the requests were logged, their secrets not
    expect(log).toContain('insert into'); // the failed query's text stays, its values do not
    for (const secret of [
      wrong,
      PASSWORD,
      cookie.split('=')[1] ?? 'x',
      bearer,
      ackToken,
      'abc-secret-query',
      'scrypt$secret-hash-param',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('log scrubbing', () => {
  it('takes the password out of a URL and secret-named query values, keeping the rest', () => {
    expect(scrubUrl('mqtt://gw:hunter2@broker:1883')).toBe('mqtt://gw:[redacted]@broker:1883');
    expect(scrubUrl('/api/x?mineId=1&secret=s3&Token=t&limit=5')).toBe(
      '/api/x?mineId=1&secret=[redacted]&Token=[redacted]&limit=5',
    );
    expect(scrubUrl('https://minewatch.example/ack/abc.def?x=1')).toBe(
      'https://minewatch.example/ack/[redacted]?x=1',
    );
  });

  it('keeps a database error’s message and cause but not the values it was given', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      detail: 'Key (username)=(zhang.san) already exists.',
    });
    const e = serializeError(new DrizzleQueryError('select $1', ['mw_secret'], cause));
    expect(JSON.stringify(e)).not.toContain('mw_secret');
    expect(JSON.stringify(e)).not.toContain('zhang.san');
    expect(e.message).toBe('Failed query: select $1\nparams: [redacted]');
    expect(e.cause).toMatchObject({
      code: '23505',
      detail: 'Key (username)=([redacted]) already exists.',
    });
  });
});
