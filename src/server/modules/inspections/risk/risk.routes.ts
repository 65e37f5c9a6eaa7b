/** @module HTTP adapter of the mines' enforcement risk classes (issue 7 §1), with their reasons. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RiskClassQuery } from '../../../../shared/inspection-schedules.schemas.ts';
import { inspectionsApi as api } from '../../../../shared/inspections.api.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { principalOf } from '../../../platform/http/auth.http.ts';
import { responses } from '../../../platform/http/route-helpers.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { mineRiskClasses } from './risk.service.ts';

/** Registers the risk classes route. */
export function registerRiskRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    api.riskClasses.path,
    {
      config: { permission: InspectionPermission.Read },
      schema: {
        tags: ['inspections'],
        summary: '矿山执法风险分级 (分值、等级、年度常规检查次数及原因)',
        querystring: RiskClassQuery,
        response: responses(api.riskClasses.response),
      },
    },
    (req) => mineRiskClasses(deps, principalOf(req), req.query),
  );
}
