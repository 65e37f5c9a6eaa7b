/**
 * The built web app as the server sends it (issue 23, performance), on both engines: each file in the
 * brotli or gzip copy the build wrote beside it, whichever the browser accepts (the original to one
 * that accepts neither), hashed assets cached for a year, index.html and the client-side routes
 * revalidated on every visit, the security headers on all of them, and API responses left as they are.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../../scripts/vite-precompress.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { buildApp } from '../../app.ts';
import { createModuleContext } from '../../composition.ts';
import { testContextConfig } from '../../../../test/helpers/app.ts';
import { CONTENT_SECURITY_POLICY } from './security-headers.ts';
import { ASSET_CACHE_CONTROL } from './web.http.ts';

/** A stand-in build: index.html, a hashed script big enough to be compressed, a tiny one that is not. */
function stageBuild(dir: string): { script: string; small: string } {
  mkdirSync(path.join(dir, 'assets'));
  const script = `export const pages = ${JSON.stringify(
    Array.from({ length: 400 }, (_, i) => ({ path: `/page/${i}`, title: `第${i}页` })),
  )};\n`;
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/assets/index-Ab12Cd34.js"></script>',
  );
  writeFileSync(path.join(dir, 'assets/index-Ab12Cd34.js'), script);
  writeFileSync(path.join(dir, 'assets/tiny-Ef56Gh78.js'), 'export {};');
  return { script, small: 'export {};' };
}

describe.each(engines)('the web build as served (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let webDir: string;
  let files: ReturnType<typeof stageBuild>;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    webDir = mkdtempSync(path.join(tmpdir(), 'mw-web-'));
    files = stageBuild(webDir);
    for (const f of ['index.html', 'assets/index-Ab12Cd34.js', 'assets/tiny-Ef56Gh78.js']) {
      await precompress(path.join(webDir, f));
    }
    const ctx = createModuleContext(t.deps, testContextConfig);
    ({ app } = await buildApp({
      database: t.database,
      ctx,
      logLevel: false,
      version: 'test',
      webDir,
      onClose: () => ctx.close(),
    }));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('the build writes a brotli and a gzip copy of each file of 1 KB or more, none of a smaller one', () => {
    const script = path.join(webDir, 'assets/index-Ab12Cd34.js');
    expect(brotliDecompressSync(readFileSync(`${script}.br`)).toString()).toBe(files.script);
    expect(gunzipSync(readFileSync(`${script}.gz`)).toString()).toBe(files.script);
    expect(readFileSync(`${script}.br`).length).toBeLessThan(files.script.length / 4);
    expect(() => readFileSync(path.join(webDir, 'assets/tiny-Ef56Gh78.js.br'))).toThrow(/ENOENT/);
    expect(() => readFileSync(path.join(webDir, 'index.html.br'))).toThrow(/ENOENT/);
  });

  it('a hashed script goes out in brotli, else gzip, else as it is, cached for a year', async () => {
    const url = '/assets/index-Ab12Cd34.js';
    const cases = [
      { accept: 'gzip, deflate, br, zstd', encoding: 'br', decode: brotliDecompressSync },
      { accept: 'gzip', encoding: 'gzip', decode: gunzipSync },
      { accept: 'identity', encoding: undefined, decode: (b: Buffer) => b },
    ];
    for (const c of cases) {
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': c.accept },
      });
      expect(res.statusCode, c.accept).toBe(200);
      expect(res.headers['content-encoding'], c.accept).toBe(c.encoding);
      expect(res.headers['content-type'], c.accept).toMatch(
        /^text\/javascript|^application\/javascript/,
      );
      expect(res.headers['cache-control'], c.accept).toBe(ASSET_CACHE_CONTROL);
      expect(res.headers.vary, c.accept).toMatch(/accept-encoding/i);
      expect(res.headers['x-content-type-options'], c.accept).toBe('nosniff');
      expect(c.decode(res.rawPayload).toString(), c.accept).toBe(files.script);
    }
    const tiny = await app.inject({
      method: 'GET',
      url: '/assets/tiny-Ef56Gh78.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe(files.small);
    expect(tiny.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
  });

  it('index.html and the client-side routes are revalidated on every visit and carry the policy', async () => {
    for (const url of ['/', '/index.html', '/mines/123', '/monitoring']) {
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.body, url).toContain('/assets/index-Ab12Cd34.js');
    }
  });

  it('API responses are not compressed or cached as assets', async () => {
    const spec = await app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(spec.statusCode).toBe(200);
    expect(spec.body.length).toBeGreaterThan(1024);
    expect(spec.headers['content-encoding']).toBeUndefined();
    expect(spec.headers['cache-control']).not.toBe(ASSET_CACHE_CONTROL);
  });

  it('a file missing from assets/ (an old tab asking for a chunk of an earlier build) is a 404, not the page', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/MineListPage-Old12345.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).not.toBe(ASSET_CACHE_CONTROL);
  });
});
