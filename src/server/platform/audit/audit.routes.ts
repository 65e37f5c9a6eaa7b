/**
 * @module HTTP adapter for the audit trail: an entity's history (who by name, never by username or a
 * system label) and the chain check.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { describeActor } from '../../../shared/actors.ts';
import { auditHistoryParams } from '../../../shared/platform.schemas.ts';
import { platformApi } from '../../../shared/platform.api.ts';
import type { Principal } from '../auth/scope.ts';
import type { ServiceDeps } from '../context.ts';
import { requirePermission } from '../context.ts';
import { notFound } from '../errors.ts';
import { principalOf } from '../http/auth.http.ts';
import { responses } from '../http/route-helpers.ts';
import { entityHistory } from './audit.service.ts';
import { verifyAuditChain } from './audit.verify.ts';
import { PlatformPermission } from '../auth/permissions.ts';

/** Throws (404) unless the caller may see the entity; one per entity type, supplied by the modules. */
export type VisibilityCheck = (principal: Principal, id: string) => Promise<unknown>;

/** Users' display names by id (the access module's, wired in app.ts); the system's ids are no user. */
export type ActorNames = (ids: string[]) => Promise<Map<string, string>>;

export function registerAuditRoutes(
  app: FastifyInstance,
  deps: ServiceDeps,
  visibility: Record<string, VisibilityCheck>,
  /** The audit anchor file verify checks against (none in API-only tests: verify then says so). */
  anchorFile: string | undefined,
  /** Who acted, by name: users by display name, the system as 系统 with its job (shared/actors.ts). */
  actorNames: ActorNames,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const entityTypes = Object.keys(visibility) as [string, ...string[]];
  r.get(
    platformApi.auditHistory.path,
    {
      config: { permission: PlatformPermission.AuditRead },
      schema: {
        tags: ['audit'],
        summary: '实体的修改历史 (谁、何时、修改前后)',
        params: auditHistoryParams(entityTypes),
        response: responses(platformApi.auditHistory.response, platformApi.auditHistory.status),
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
      const rows = await entityHistory(deps.db, entityType, entityId);
      const names = await actorNames(rows.flatMap((e) => (e.actorId ? [e.actorId] : [])));
      return rows.map(({ actorId, actor, ...e }) => ({
        ...e,
        actor: (actorId ? names.get(actorId) : undefined) ?? describeActor(actor),
      }));
    },
  );
  r.get(
    platformApi.verifyAudit.path,
    {
      config: { permission: PlatformPermission.SettingsManage },
      schema: {
        tags: ['audit'],
        summary: '校验审计哈希链及其锚点',
        response: responses(platformApi.verifyAudit.response, platformApi.verifyAudit.status),
      },
    },
    async () => {
      const result = await verifyAuditChain(deps.db, { secret: deps.secret, anchorFile });
      return { ok: result.problems.length === 0, ...result };
    },
  );
}
