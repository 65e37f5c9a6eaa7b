/** @module HTTP adapter of the enforcement statistics (issue 7 §5). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EnforcementStatsQuery } from '../../../../shared/inspection-stats.schemas.ts';
import { inspectionsApi as api } from '../../../../shared/inspections.api.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { principalOf } from '../../../platform/http/auth.http.ts';
import { responses } from '../../../platform/http/route-helpers.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { enforcementStats } from './stats.service.ts';

/** Registers the statistics route. */
export function registerStatsRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    api.stats.path,
    {
      config: { permission: InspectionPermission.Read },
      schema: {
        tags: ['inspections'],
        summary: '执法统计: 按地区和月份, 零处罚/只检查不处罚 标记, 月度排名',
        querystring: EnforcementStatsQuery,
        response: responses(api.stats.response),
      },
    },
    (req) => enforcementStats(deps, principalOf(req), req.query),
  );
}
