/**
 * Tampered cursors on every keyset-paginated route (issue 21 §6): a cursor comes back from the client,
 * so a forged one — not base64, not JSON, numbers such as [1e308,-1], an impossible date, a NUL, an id
 * that is no UUID, a key of the wrong kind — is a 400 naming `cursor`, never a 500, on both engines.
 * The routes are found by their response (a page with `nextCursor`), so a new list cannot slip past.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/server/platform/http/auth.http.ts';
import { createRng } from '../../src/server/platform/random.ts';
import { createTestApp } from '../helpers/app.ts';
import { createWorldDatabase, engines, type TestDatabase } from '../helpers/test-database.ts';
import { login, type World } from '../helpers/world.ts';

const UUID = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Cursors no list accepts, whatever its sort key. */
const forgedEverywhere: string[] = [
  '%%%',
  'not-base64-json',
  Buffer.from('{"a":').toString('base64url'),
  cursorOf(null),
  cursorOf(1e308),
  cursorOf('x'),
  cursorOf({}),
  cursorOf([]),
  cursorOf(['a']),
  cursorOf(['a', UUID, 'c']),
  cursorOf([1e308, -1]),
  cursorOf([null, null]),
  cursorOf([true, UUID]),
  cursorOf([[], {}]),
  cursorOf(['a', 'not-a-uuid']),
  cursorOf(['a', -1]),
  cursorOf(['a', `${UUID}x`]),
  cursorOf(['\u0000', UUID]),
  cursorOf(['a\u0000b', UUID]),
  'x'.repeat(600),
];

/** Keys that are text but no date and no instant: refused where the list sorts by one. */
const notTemporal = ['某矿', '1e308', '', '2026-02-30', '9999-99-99', '2026-13-01T00:00:00Z'];

describe.each(engines)('tampered cursors on every paginated route (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let routes: RouteEntry[];
  let world: World;
  let cookie: string;

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app, routes } = await createTestApp(t));
    cookie = await login(app, world.systemAdmin);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const paged = () =>
    routes.filter(
      (r) =>
        r.method === 'GET' && r.response instanceof z.ZodObject && 'nextCursor' in r.response.shape,
    );
  const get = (url: string, cursor: string) =>
    app.inject({
      method: 'GET',
      url: `${url}${url.includes('?') ? '&' : '?'}limit=1&cursor=${encodeURIComponent(cursor)}`,
      headers: { cookie },
    });
  const expectRefused = async (url: string, cursor: string) => {
    const res = await get(url, cursor);
    const label = `${url} cursor=${cursor.slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
    expect(res.statusCode, label).toBe(400);
    // The service names `cursor`; the query schema (over 500 characters) `querystring.cursor`.
    expect(
      res
        .json<{ details: { path: string }[] }>()
        .details.map((d) => d.path.replace('querystring.', '')),
      label,
    ).toContain('cursor');
  };

  it('finds every cursor route, /api/leads and /api/hazards among them', () => {
    const urls = paged().map((r) => r.url);
    expect(urls).toEqual(expect.arrayContaining(['/api/leads', '/api/hazards', '/api/mines']));
    expect(urls.length).toBeGreaterThanOrEqual(7);
  });

  it('refuses a forged cursor with a 400 naming the field', async () => {
    for (const route of paged()) {
      for (const cursor of forgedEverywhere) {
        await expectRefused(route.url, cursor);
      }
    }
  });

  it('refuses a key of the wrong kind: text where a list sorts by date or time', async () => {
    for (const route of paged()) {
      // A well-formed cursor of each kind: a text-sorted list takes any of them, a date- or time-sorted
      // list only its own.
      const takes = async (key: string) => (await get(route.url, cursorOf([key, UUID]))).statusCode;
      const date = await takes('2026-01-01');
      const instant = await takes('2026-01-01T00:00:00.000Z');
      expect([date, instant], route.url).toContain(200);
      if ((await takes('某矿')) === 200) {
        continue; // sorted by name: any text is a name
      }
      for (const key of notTemporal) {
        await expectRefused(route.url, cursorOf([key, UUID]));
      }
      if (date === 200) {
        await expectRefused(route.url, cursorOf(['2026-01-01T00:00:00.000Z', UUID]));
      } else {
        await expectRefused(route.url, cursorOf(['2026-01-01', UUID]));
      }
    }
    // /api/mines sorts by name or by the time of the last change; the cursor must match the sort.
    await expectRefused('/api/mines?sort=-updatedAt', cursorOf(['某矿', UUID]));
  });

  it('answers a randomly mutated real cursor with its page or a 400, never a 500', async () => {
    const rng = createRng(2121);
    for (const route of paged()) {
      const first = await app.inject({
        method: 'GET',
        url: `${route.url}?limit=1`,
        headers: { cookie },
      });
      expect(first.statusCode, route.url).toBe(200);
      const real =
        first.json<{ nextCursor: string | null }>().nextCursor ??
        cursorOf(['2026-01-01T00:00:00.000Z', UUID]);
      const decoded = Buffer.from(real, 'base64url').toString('utf8');
      for (let i = 0; i < 60; i++) {
        const chars = [...decoded];
        const at = rng.int(0, chars.length - 1);
        chars[at] = rng.pick(['"', ',', ']', '[', '9', '-', 'e', '\\', ' ', '0', 'Z', ':', '.']);
        const cursor =
          i % 3 === 0
            ? real.slice(0, rng.int(0, real.length)) // truncated
            : Buffer.from(chars.join('')).toString('base64url');
        const res = await get(route.url, cursor);
        const label = `${route.url} ${chars.join('')} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect([200, 400], label).toContain(res.statusCode);
        if (res.statusCode === 400) {
          expect(res.json<{ details: { path: string }[] }>().details[0]?.path, label).toMatch(
            /(^|\.)cursor$/,
          );
        }
      }
    }
  });
});
