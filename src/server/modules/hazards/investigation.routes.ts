/** @module HTTP adapter of 重大事故隐患 investigations and their 倒查 list (issue 24). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hazardsApi as api } from '../../../shared/hazards.api.ts';
import {
  HazardInvestigationConclusion,
  HazardInvestigationInput,
} from '../../../shared/hazard-investigation.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { HazardPermission } from './hazards.permissions.ts';
import * as service from './investigation.service.ts';

export function registerInvestigationRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hazards'];
  r.get(
    api.investigation.path,
    {
      config: { permission: HazardPermission.InvestigationRead },
      schema: {
        tags,
        summary: '隐患调查及倒查清单 (此前 N 个月内对该矿的执法检查及检查人员、上级公司)',
        params: IdParams,
        response: responses(api.investigation.response),
      },
    },
    (req) => service.getInvestigation(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.openInvestigation.path,
    {
      config: { permission: HazardPermission.Investigate },
      schema: {
        tags,
        summary: '启动隐患调查: 成立调查组',
        params: IdParams,
        body: HazardInvestigationInput,
        response: responses(api.openInvestigation.response, api.openInvestigation.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.openInvestigation.status)
        .send(await service.openInvestigation(deps, principalOf(req), req.params.id, req.body)),
  );
  r.post(
    api.concludeInvestigation.path,
    {
      config: { permission: HazardPermission.Investigate },
      schema: {
        tags,
        summary: '隐患调查结论: 原因、责任认定、问责建议、倒查结论',
        params: IdParams,
        body: HazardInvestigationConclusion,
        response: responses(api.concludeInvestigation.response),
      },
    },
    (req) => service.concludeInvestigation(deps, principalOf(req), req.params.id, req.body),
  );
}
