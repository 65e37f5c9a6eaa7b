/**
 * @module HTTP adapter of the mine map: one read, scoped to the caller's jurisdiction.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mineMapApi } from '../../../shared/mine-map.api.ts';
import { MineMapQuery } from '../../../shared/mine-map.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { responses } from '../../platform/http/route-helpers.ts';
import { mineMap } from './mine-map.service.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';

export function registerMineMapRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    mineMapApi.points.path,
    {
      config: { permission: MonitoringPermission.Read },
      schema: {
        tags: ['monitoring'],
        summary: '矿山分布图: 辖区内矿山的坐标与最高未解除告警级别 (无坐标的只计数)',
        querystring: MineMapQuery,
        response: responses(mineMapApi.points.response, mineMapApi.points.status),
      },
    },
    (req) => mineMap(deps, principalOf(req), req.query),
  );
}
