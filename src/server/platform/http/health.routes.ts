/**
 * @module GET /api/health: the database engine and whether every migration is applied.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationState, type Database } from '../db/client.ts';

export function registerHealthRoutes(
  app: FastifyInstance,
  database: Database,
  version: string,
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['system'],
        summary: '健康检查: 数据库引擎与迁移状态',
        response: {
          200: z.object({
            status: z.enum(['ok', 'degraded']),
            version: z.string(),
            database: z.object({
              engine: z.enum(['pglite', 'postgres']),
              migrations: z.object({
                expected: z.number(),
                applied: z.number(),
                upToDate: z.boolean(),
              }),
            }),
          }),
        },
      },
    },
    async () => {
      const m = await migrationState(database.db);
      const upToDate = m.applied === m.expected;
      return {
        status: upToDate ? ('ok' as const) : ('degraded' as const),
        version,
        database: { engine: database.engine, migrations: { ...m, upToDate } },
      };
    },
  );
}
