/**
 * @module Serves the built web app's files: hashed assets with long caching, the rest revalidated.
 * Other non-API paths fall back to index.html (see installErrorHandling).
 */
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    index: false,
    wildcard: false,
    setHeaders: (reply, filePath) => {
      void reply.header(
        'cache-control',
        filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
