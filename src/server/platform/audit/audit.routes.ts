/**
 * @module HTTP adapter for the audit trail: an entity's history and the chain check.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../auth/scope.ts';
import type { ServiceDeps } from '../context.ts';
import { requirePermission } from '../context.ts';
import { notFound } from '../errors.ts';
import { principalOf } from '../http/auth.http.ts';
import { responses } from '../http/route-helpers.ts';
import { entityHistory, verifyAuditChain } from './audit.service.ts';
import { PlatformPermission } from '../auth/permissions.ts';

/** Throws (404) unless the caller may see the entity; one per entity type, supplied by the modules. */
export type VisibilityCheck = (principal: Principal, id: string) => Promise<unknown>;

const HistoryEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  type: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export function registerAuditRoutes(
  app: FastifyInstance,
  deps: ServiceDeps,
  visibility: Record<string, VisibilityCheck>,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const entityTypes = Object.keys(visibility) as [string, ...string[]];
  r.get(
    '/api/audit/:entityType/:entityId',
    {
      config: { permission: PlatformPermission.AuditRead },
      schema: {
        tags: ['audit'],
        summary: '实体的修改历史 (谁、何时、修改前后)',
        params: z.strictObject({
          entityType: z.enum(entityTypes),
          entityId: z.string().min(1).max(100),
        }),
        response: responses(z.array(HistoryEntry)),
      },
    },
    async (req) => {
      const principal = principalOf(req);
      requirePermission(principal, PlatformPermission.AuditRead);
      const { entityType, entityId } = req.params;
      const visible = visibility[entityType] ?? (() => Promise.reject(new Error(entityType)));
      await visible(principal, entityId).catch(() => {
        throw notFound(entityType, entityId);
      });
      return entityHistory(deps.db, entityType, entityId);
    },
  );
  r.get(
    '/api/audit/verify',
    {
      config: { permission: PlatformPermission.SettingsManage },
      schema: {
        tags: ['audit'],
        summary: '校验审计哈希链',
        response: responses(
          z.object({
            ok: z.boolean(),
            checked: z.number(),
            problems: z.array(z.object({ seq: z.number(), problem: z.string() })),
          }),
        ),
      },
    },
    async () => {
      const result = await verifyAuditChain(deps.db);
      return { ok: result.problems.length === 0, ...result };
    },
  );
}
