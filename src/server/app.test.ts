import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/app.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../test/helpers/test-database.ts';
import type { RouteEntry } from './platform/http/auth.http.ts';

describe.each(engines)('HTTP app (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let routes: RouteEntry[];
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    ({ app, routes } = await createTestApp(t));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('health reports the engine and that every migration is applied', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.database.engine).toBe(engine);
    expect(body.database.migrations.upToDate).toBe(true);
    expect(body.database.migrations.applied).toBeGreaterThanOrEqual(2);
  });

  it('serves an OpenAPI 3 document describing every API route with a summary', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    // The document itself is hidden from the document.
    for (const r of routes.filter((x) => x.url !== '/api/openapi.json')) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      expect(op?.summary, `${r.method} ${r.url}`).toBeTruthy();
    }
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('unknown routes answer the one error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      code: 'NOT_FOUND',
      message: 'no route GET /api/nothing-here',
      details: [],
    });
  });
});
