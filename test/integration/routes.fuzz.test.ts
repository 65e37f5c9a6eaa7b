/**
 * Hostile input on every route: random and mutated bodies, query strings and path parameters, sent as
 * an authorised user. The server must answer each with a 2xx or a precise 4xx in the one error shape —
 * never a 5xx — and keep serving. The generator is seeded, so a failure replays exactly.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/server/platform/http/auth.http.ts';
import { createRng, type Rng } from '../../src/server/platform/random.ts';
import { createTestApp } from '../helpers/app.ts';
import { createWorldDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { login, type World } from '../helpers/world.ts';

const ROUNDS_PER_ROUTE = 40;

const nasty: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -0,
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000',
  '\uD800',
  '<script>alert(1)</script>',
  "'; DROP TABLE mines; --",
  '../../etc/passwd',
  '%00',
  '2026-02-30',
  '99999999999999999999',
  '140981',
  '00000000-0000-0000-0000-000000000000',
  [],
  [null],
  {},
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: true } } },
];

/** Percent-encodes for a URL; a lone surrogate becomes invalid UTF-8 on purpose. */
function enc(v: unknown): string {
  try {
    return encodeURIComponent(String(v));
  } catch {
    return '%ED%A0%80';
  }
}

function randomValue(rng: Rng, depth = 0): unknown {
  const r = rng.next();
  if (r < 0.5 || depth > 2) {
    return rng.pick(nasty);
  }
  if (r < 0.7) {
    return Array.from({ length: rng.int(0, 3) }, () => randomValue(rng, depth + 1));
  }
  return Object.fromEntries(
    Array.from({ length: rng.int(0, 4) }, () => [
      rng.pick([
        'name',
        'kind',
        'status',
        'countyCode',
        'enterpriseId',
        'version',
        'licences',
        'q',
        'x',
      ]),
      randomValue(rng, depth + 1),
    ]),
  );
}

/** A valid-looking body with one field broken, or a wholly random one. */
function mutatedBody(rng: Rng, world: World): unknown {
  const base: Record<string, unknown> = {
    name: '模糊测试矿',
    enterpriseId: world.a.enterpriseId,
    countyCode: '140981',
    kind: '尾矿库',
    scale: '小型',
    status: '生产',
    statusSince: '2025-01-01',
    tailingsVolume10kM3: 100,
    tailingsDamHeightM: 30,
  };
  if (rng.chance(0.3)) {
    return randomValue(rng);
  }
  const key = rng.pick([...Object.keys(base), 'licences', 'extra']);
  return { ...base, [key]: randomValue(rng) };
}

describe('hostile input on every route (pglite)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let routes: RouteEntry[];
  let world: World;
  let cookie: string;

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase('pglite'));
    ({ app, routes } = await createTestApp(t));
    cookie = await login(app, world.systemAdmin);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('never answers 5xx, and every 4xx has the error shape', async () => {
    const rng = createRng(424242);
    const ids = [
      world.a.mines[0]?.id,
      world.a.enterpriseId,
      world.a.personIds[0],
      world.a.contractorIds[0],
      world.a.licenceIds[0],
    ];
    const contentTypes = [
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ];
    let sent = 0;
    for (const route of routes.filter((r) => r.url !== '/api/auth/logout')) {
      for (let i = 0; i < ROUNDS_PER_ROUTE; i++) {
        const url = route.url
          .replace(':id', rng.chance(0.5) ? (rng.pick(ids) ?? 'x') : enc(rng.pick(nasty)))
          .replace(':code', rng.pick(['140981', '999999', 'abc', '14098']))
          .replace(':entityType', rng.pick(['mine', 'person', 'nope']))
          .replace(':entityId', rng.pick(ids) ?? 'x')
          .replace(
            ':key',
            rng.pick(['registry.tailingsGradeTable', 'registry.licenceExpiryWarningDays', 'nope']),
          );
        const query = rng.chance(0.5)
          ? `?${rng.pick(['limit', 'cursor', 'kind', 'region', 'q', 'sort', 'licenceExpiringWithinDays', 'mode', 'dryRun', 'format'])}=${enc(rng.pick(nasty))}`
          : '';
        const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
        const body = rng.chance(0.2) ? '{"broken": ' : JSON.stringify(mutatedBody(rng, world));
        const res = await app.inject({
          method: route.method as 'GET',
          url: url + query,
          headers: {
            cookie,
            ...(hasBody
              ? { 'content-type': rng.chance(0.85) ? 'application/json' : rng.pick(contentTypes) }
              : {}),
          },
          ...(hasBody ? { payload: body } : {}),
        });
        sent++;
        const label = `${route.method} ${url}${query} ${body.slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, label).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(Object.keys(res.json()).sort(), label).toEqual(['code', 'details', 'message']);
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});
