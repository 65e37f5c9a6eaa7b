/**
 * TRUST_PROXY (issue 21 §9): behind a reverse proxy every request comes from the proxy's address, so
 * without it all reporters share one flood bucket (and all sign-ins one address limit). With the proxy
 * trusted, the client address is the one it forwards; without, a forwarded header is ignored (anyone
 * could send one to get a fresh bucket).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import type { World } from '../../../../test/helpers/world.ts';
import { defaultCaseRules } from '../../../shared/public-reports.ts';
import { loadConfig } from '../config.ts';

describe('TRUST_PROXY', () => {
  const base = { DATA_DIR: '/tmp/mw-config-test', MINEWATCH_SECRET: 'ab'.repeat(32) };
  it('is off by default; true, a hop count, or proxy addresses and CIDR ranges', () => {
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(
      loadConfig({ ...base, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' })
        .trustProxy,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    for (const bad of ['proxy.local', '10.0.0.0/33', '10.0.0.1/8/2', 'yes']) {
      expect(() => loadConfig({ ...base, TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

describe.each(engines)('reporters behind a reverse proxy (%s)', (engine) => {
  let t: TestDatabase;
  let world: World;
  let proxied: FastifyInstance;
  let direct: FastifyInstance;
  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app: proxied } = await createTestApp(t, {}, { trustProxy: ['127.0.0.1'] }));
    ({ app: direct } = await createTestApp(t));
  });
  afterAll(async () => {
    await proxied.close();
    await direct.close();
    await t.close();
  });
  const report = (app: FastifyInstance, remoteAddress: string, forwardedFor: string) =>
    app.inject({
      method: 'POST',
      url: '/api/public/reports',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
      payload: {
        category: '非法违法开采',
        countyCode: world.a.county,
        location: '某村后山',
        content: '夜间有人在已关闭的矿洞里开采, 有爆破声',
        anonymous: true,
      },
    });
  const limit = defaultCaseRules.reportsPerHour;

  it('with the proxy trusted, each reporter it forwards has a flood bucket of their own', async () => {
    for (let i = 0; i < limit; i++) {
      expect((await report(proxied, '127.0.0.1', '198.51.100.1')).statusCode).toBe(201);
    }
    expect((await report(proxied, '127.0.0.1', '198.51.100.1')).statusCode).toBe(429);
    expect((await report(proxied, '127.0.0.1', '198.51.100.2')).statusCode).toBe(201);
    // A forwarded header from an address that is not the proxy is not believed.
    for (let i = 0; i < limit; i++) {
      expect((await report(proxied, '192.0.2.9', `198.51.100.${10 + i}`)).statusCode).toBe(201);
    }
    expect((await report(proxied, '192.0.2.9', '198.51.100.99')).statusCode).toBe(429);
  });

  it('without TRUST_PROXY a forwarded header is ignored: it buys no fresh bucket', async () => {
    for (let i = 0; i < limit; i++) {
      expect((await report(direct, '192.0.2.50', `203.0.113.${i}`)).statusCode).toBe(201);
    }
    expect((await report(direct, '192.0.2.50', '203.0.113.99')).statusCode).toBe(429);
  });
});
