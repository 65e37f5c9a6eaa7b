/**
 * The public 举报 limits under real concurrency (issue 21 §1, §2, §9): on PostgreSQL, many requests from
 * one client address at the same instant get exactly the limit through and the rest a 429 — counting
 * and recording under one lock of the address's bucket. (PGlite runs one query at a time and would hide
 * a race; the limits' rules on both engines are in public-report.routes.test.ts.)
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { defaultCaseRules } from '../../../shared/public-reports.ts';
import { queryRows } from '../../platform/db/client.ts';

const statuses = (codes: number[]) =>
  codes.reduce<Record<number, number>>((n, c) => ({ ...n, [c]: (n[c] ?? 0) + 1 }), {});

describe.runIf(engines.includes('postgres'))('举报 limits under concurrency (postgres)', () => {
  const { ctx } = useWorldApp('postgres', () => ({}));
  const report = (address: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      remoteAddress: address,
      payload: {
        category: '非法违法开采',
        countyCode: ctx.world.a.county,
        location: '某村后山',
        content: '夜间有人在已关闭的矿洞里开采, 有爆破声',
        anonymous: true,
      },
    });
  const track = (address: string, trackingCode: string, secret: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/public/reports/track',
      remoteAddress: address,
      payload: { trackingCode, secret },
    });
  const filed = async (address: string) =>
    (await report(address)).json<{ trackingCode: string; secret: string }>();

  it('30 reports from one address at once: exactly the hourly limit is taken, the rest 429', async () => {
    const before = await queryRows<{ n: number }>(
      ctx.t.deps.db,
      sql`SELECT count(*)::int AS n FROM public_reports`,
    );
    const res = await Promise.all(Array.from({ length: 30 }, () => report('10.80.0.1')));
    const limit = defaultCaseRules.reportsPerHour;
    expect(statuses(res.map((r) => r.statusCode))).toEqual({ 201: limit, 429: 30 - limit });
    const after = await queryRows<{ n: number }>(
      ctx.t.deps.db,
      sql`SELECT count(*)::int AS n FROM public_reports`,
    );
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(limit);
  });

  it('60 wrong secrets from one address at once: exactly the limit is checked; the reporter elsewhere is not locked out', async () => {
    const { trackingCode, secret } = await filed('10.81.0.1');
    const res = await Promise.all(
      Array.from({ length: 60 }, (_, i) => track('10.81.0.2', trackingCode, `wrong-secret-${i}x`)),
    );
    const limit = defaultCaseRules.wrongSecretsPerHour;
    expect(statuses(res.map((r) => r.statusCode))).toEqual({ 404: limit, 429: 60 - limit });
    expect((await track('10.81.0.2', trackingCode, secret)).statusCode).toBe(429);
    expect((await track('10.81.0.1', trackingCode, secret)).statusCode).toBe(200);
  });

  it('80 look-ups from one address at once: exactly the hourly limit is answered', async () => {
    const { trackingCode, secret } = await filed('10.82.0.1');
    const res = await Promise.all(
      Array.from({ length: 80 }, () => track('10.82.0.2', trackingCode, secret)),
    );
    const limit = defaultCaseRules.lookupsPerHour;
    expect(statuses(res.map((r) => r.statusCode))).toEqual({ 200: limit, 429: 80 - limit });
  });
});
