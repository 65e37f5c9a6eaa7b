/**
 * @module HTTP adapter of the inspections module (issue 7, in progress): the risk classes with their
 * reasons, and a preview of the yearly plan within a unit's capacity.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionCode } from '../../../shared/common.schemas.ts';
import { PlanPreviewInput } from '../../../shared/inspections.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { responses } from '../../platform/http/route-helpers.ts';
import { mineRiskClasses, previewYearPlan } from './risk.service.ts';
import { InspectionPermission } from './inspections.permissions.ts';

const RiskClass = z.object({
  mineId: z.uuid(),
  mineName: z.string(),
  countyCode: z.string(),
  score: z.number(),
  className: z.string(),
  perYear: z.number().int(),
  reasons: z.array(z.object({ factor: z.string(), fact: z.string(), points: z.number() })),
});

export function registerInspectionRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];
  r.get(
    '/api/inspections/risk',
    {
      config: { permission: InspectionPermission.Read },
      schema: {
        tags,
        summary: '矿山执法风险分级 (分值、等级、年度常规检查次数及原因)',
        querystring: z.strictObject({ region: RegionCode.optional() }),
        response: responses(z.array(RiskClass)),
      },
    },
    (req) => mineRiskClasses(deps, principalOf(req), req.query),
  );
  r.post(
    '/api/inspections/plans/preview',
    {
      config: { permission: InspectionPermission.Read },
      schema: {
        tags,
        summary: '按风险等级和执法能力预排年度检查计划 (不保存)',
        body: PlanPreviewInput,
        response: responses(
          z.object({
            mines: z.number().int(),
            visits: z.array(
              z.object({
                mineId: z.uuid(),
                mineName: z.string(),
                month: z.number().int(),
                kind: z.enum(['常规', '四不两直']),
              }),
            ),
            load: z.array(z.number()),
            shortfall: z.array(
              z.object({ mineId: z.uuid(), wanted: z.number().int(), planned: z.number().int() }),
            ),
          }),
        ),
      },
    },
    (req) => previewYearPlan(deps, principalOf(req), req.body),
  );
}
