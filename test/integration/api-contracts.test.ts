/**
 * Every endpoint contract in src/shared/*.api.ts is a route the server registers, answering with the
 * contract's own response schema object: the web's inferred types are the server's, not a copy.
 */
import { globSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/shared/api.contract.ts';
import type { RouteEntry } from '../../src/server/platform/http/auth.http.ts';
import { createTestApp } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import type { FastifyInstance } from 'fastify';

const root = fileURLToPath(new URL('../..', import.meta.url));

function isEndpoint(v: unknown): v is Endpoint {
  return typeof v === 'object' && v !== null && 'method' in v && 'path' in v && 'response' in v;
}

/** Every contract of every module, as `<file>: <name>`. */
async function contracts(): Promise<[string, Endpoint][]> {
  const found: [string, Endpoint][] = [];
  for (const file of globSync('src/shared/*.api.ts', { cwd: root })) {
    const mod = (await import(`${root}${file}`)) as Record<string, unknown>;
    for (const [group, value] of Object.entries(mod)) {
      for (const [name, e] of Object.entries(value as Record<string, unknown>)) {
        if (isEndpoint(e)) {
          found.push([`${file}: ${group}.${name}`, e]);
        }
      }
    }
  }
  return found;
}

describe('endpoint contracts', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let routes: RouteEntry[];
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    ({ app, routes } = await createTestApp(t));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('each is registered by the server with the contract’s response schema', async () => {
    const all = await contracts();
    expect(all.length).toBeGreaterThan(0);
    for (const [name, e] of all) {
      const route = routes.find((r) => r.method === e.method && r.url === e.path);
      expect(route, `${name}: ${e.method} ${e.path} is not a route`).toBeDefined();
      expect(route?.response === e.response, `${name}: the route answers with another schema`).toBe(
        true,
      );
    }
  });
});
