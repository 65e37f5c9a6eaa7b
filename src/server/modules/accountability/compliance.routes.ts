/** @module HTTP adapter of the qualification and contractor checks (issue 9 §3–4). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DateString, RegionCode } from '../../../shared/common.schemas.ts';
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
    '/api/mines/:id/compliance',
    {
      config,
      schema: {
        tags,
        summary: '矿山人员资格与承包单位检查 (五职矿长、五科、证书、培训、承包单位数量与外包禁令)',
        params: IdParams,
        querystring: z.strictObject({ date: DateString.optional() }),
        response: responses(z.looseObject({ findings: z.array(z.looseObject({})) })),
      },
    },
    (req) => mineCompliance(deps, principalOf(req), req.params.id, req.query.date),
  );
  r.get(
    '/api/compliance',
    {
      config,
      schema: {
        tags,
        summary: '辖区矿山的资格与承包单位问题汇总',
        querystring: z.strictObject({ region: RegionCode.optional() }),
        response: responses(z.looseObject({ withFindings: z.array(z.looseObject({})) })),
      },
    },
    (req) => regionCompliance(deps, principalOf(req), req.query),
  );
}
