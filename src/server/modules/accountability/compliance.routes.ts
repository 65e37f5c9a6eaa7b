/** @module HTTP adapter of the qualification and contractor checks (issue 9 §3–4). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountabilityApi as api } from '../../../shared/accountability.api.ts';
import {
  MineComplianceQuery,
  RegionComplianceQuery,
} from '../../../shared/accountability.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { mineCompliance, regionCompliance } from './compliance.service.ts';
import { RegistryPermission } from '../registry/registry.permissions.ts';

export function registerComplianceRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accountability'];
  const config = { permission: RegistryPermission.Read };
  r.get(
    api.mineCompliance.path,
    {
      config,
      schema: {
        tags,
        summary: '矿山人员资格与承包单位检查 (五职矿长、五科、证书、培训、承包单位数量与外包禁令)',
        params: IdParams,
        querystring: MineComplianceQuery,
        response: responses(api.mineCompliance.response),
      },
    },
    (req) => mineCompliance(deps, principalOf(req), req.params.id, req.query.date),
  );
  r.get(
    api.regionCompliance.path,
    {
      config,
      schema: {
        tags,
        summary: '辖区矿山的资格与承包单位问题汇总',
        querystring: RegionComplianceQuery,
        response: responses(api.regionCompliance.response),
      },
    },
    (req) => regionCompliance(deps, principalOf(req), req.query),
  );
}
