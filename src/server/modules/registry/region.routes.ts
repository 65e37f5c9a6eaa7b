/**
 * @module HTTP adapter for regions.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionCode } from '../../../shared/common.schemas.ts';
import { RegionListQuery, RegistrySummaryQuery } from '../../../shared/registry.schemas.ts';
import { regionsApi, registryApi } from '../../../shared/registry.api.ts';
import { registrySummary } from './summary.service.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { responses } from '../../platform/http/route-helpers.ts';
import { getRegion, listRegions } from './region.service.ts';
import { RegistryPermission } from './registry.permissions.ts';

export function registerRegionRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    regionsApi.list.path,
    {
      config: { permission: RegistryPermission.Read },
      schema: {
        tags: ['registry'],
        summary: '管辖范围内的行政区划 (GB/T 2260)',
        querystring: RegionListQuery,
        response: responses(regionsApi.list.response, regionsApi.list.status),
      },
    },
    (req) => listRegions(deps.db, principalOf(req), req.query),
  );
  r.get(
    regionsApi.get.path,
    {
      config: { permission: RegistryPermission.Read },
      schema: {
        tags: ['registry'],
        summary: '一个行政区划',
        params: z.strictObject({ code: RegionCode }),
        response: responses(regionsApi.get.response, regionsApi.get.status),
      },
    },
    (req) => getRegion(deps.db, principalOf(req), req.params.code),
  );
  r.get(
    registryApi.summary.path,
    {
      config: { permission: RegistryPermission.Read },
      schema: {
        tags: ['registry'],
        summary: '区域概况: 矿山分类统计、证照到期、停产整顿/停工停产矿山',
        querystring: RegistrySummaryQuery,
        response: responses(registryApi.summary.response, registryApi.summary.status),
      },
    },
    (req) => registrySummary(deps, principalOf(req), req.query),
  );
}
