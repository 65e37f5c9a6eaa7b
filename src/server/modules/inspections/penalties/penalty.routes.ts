/** @module HTTP adapter of the penalties (issue 7 §3): 一案双罚, payment and revocation. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inspectionsApi as api } from '../../../../shared/inspections.api.ts';
import {
  PenaltyInput,
  PenaltyListQuery,
  PenaltyUpdateInput,
} from '../../../../shared/inspections.schemas.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { principalOf } from '../../../platform/http/auth.http.ts';
import { IdParams, responses, sendFile } from '../../../platform/http/route-helpers.ts';
import { exportQueryOf } from '../../../../shared/common.schemas.ts';
import { exportPenalties } from './penalty.export.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import * as service from './penalty.service.ts';

/** Registers the penalty routes. */
export function registerPenaltyRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];
  const read = { permission: InspectionPermission.Read };
  const decide = { permission: InspectionPermission.PenaltyDecide };

  r.get(
    api.listPenalties.path,
    {
      config: read,
      schema: {
        tags,
        summary: '行政处罚 (一案双罚)',
        querystring: PenaltyListQuery,
        response: responses(api.listPenalties.response),
      },
    },
    (req) => service.listPenalties(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/penalties/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出行政处罚 (按列表的筛选条件)',
        querystring: exportQueryOf(PenaltyListQuery),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const data = await exportPenalties(deps, principalOf(req), q, format);
      return sendFile(reply, data, format, '行政处罚');
    },
  );
  r.post(
    api.decidePenalty.path,
    {
      config: decide,
      schema: {
        tags,
        summary: '作出行政处罚决定',
        body: PenaltyInput,
        response: responses(api.decidePenalty.response, api.decidePenalty.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.decidePenalty(deps, principalOf(req), req.body)),
  );
  r.get(
    api.getPenalty.path,
    {
      config: read,
      schema: {
        tags,
        summary: '行政处罚详情',
        params: IdParams,
        response: responses(api.getPenalty.response),
      },
    },
    (req) => service.getPenalty(deps, principalOf(req), req.params.id),
  );
  r.patch(
    api.updatePenalty.path,
    {
      config: decide,
      schema: {
        tags,
        summary: '记录缴纳或撤销',
        params: IdParams,
        body: PenaltyUpdateInput,
        response: responses(api.updatePenalty.response),
      },
    },
    (req) => service.updatePenalty(deps, principalOf(req), req.params.id, req.body),
  );
}
