/**
 * @module Serves the built web app's files: the brotli or gzip copy the build wrote beside each file
 * when the browser accepts it (vite-precompress; nothing is compressed per request, and API responses
 * are left as they are), hashed assets cached for a year, the rest (index.html) revalidated. Other
 * non-API paths fall back to index.html (see installErrorHandling).
 */
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Cache-Control of the hashed files under assets/: a new build gives them new names. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    index: false,
    wildcard: false,
    preCompressed: true,
    setHeaders: (reply, filePath) => {
      void reply.header(
        'cache-control',
        filePath.includes('/assets/') ? ASSET_CACHE_CONTROL : 'no-cache',
      );
    },
  });
}
