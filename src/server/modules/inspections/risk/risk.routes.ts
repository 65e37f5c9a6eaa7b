/** @module HTTP adapter of the mines' enforcement risk classes (issue 7 §1), with their reasons. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RiskClassQuery } from '../../../../shared/inspection-schedules.schemas.ts';
import { inspectionsApi as api } from '../../../../shared/inspections.api.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { principalOf } from '../../../platform/http/auth.http.ts';
import { responses, sendFile } from '../../../platform/http/route-helpers.ts';
import { exportQueryOf } from '../../../../shared/common.schemas.ts';
import { exportRiskClasses } from './risk.export.ts';
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
  r.get(
    '/api/inspections/risk/export',
    {
      config: { permission: InspectionPermission.Read },
      schema: {
        tags: ['inspections'],
        summary: '导出矿山执法风险分级 (按列表的筛选条件)',
        querystring: exportQueryOf(RiskClassQuery),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const data = await exportRiskClasses(deps, principalOf(req), q, format);
      return sendFile(reply, data, format, '执法风险分级');
    },
  );
}
