/**
 * @module HTTP adapter of 异地交叉执法 (《2024年矿山安全生产工作要点》第41条): arrangements made by a common superior unit,
 * their mines and their early end. Who may see each is decided in the service (the making side always,
 * the pool's members in its period only).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CrossArrangementCreateInput,
  CrossArrangementEndInput,
} from '../../../../shared/inspection-cross.schemas.ts';
import { inspectionsApi as api } from '../../../../shared/inspections.api.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { principalOf } from '../../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../../platform/http/route-helpers.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import * as service from './cross.service.ts';

/** Registers the cross-inspection arrangement routes. */
export function registerCrossRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];
  const read = { permission: InspectionPermission.Read };
  const arrange = { permission: InspectionPermission.CrossArrange };

  r.post(
    api.createCrossArrangement.path,
    {
      config: arrange,
      schema: {
        tags,
        summary: '安排异地交叉执法 (共同上级单位: 派出单位、被检查地区、期限、执法人才库)',
        body: CrossArrangementCreateInput,
        response: responses(api.createCrossArrangement.response, api.createCrossArrangement.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createArrangement(deps, principalOf(req), req.body)),
  );
  r.get(
    api.listCrossArrangements.path,
    {
      config: read,
      schema: {
        tags,
        summary: '异地交叉执法安排 (本辖区安排的, 及本人所在执法人才库正在进行的)',
        response: responses(api.listCrossArrangements.response),
      },
    },
    (req) => service.listArrangements(deps, principalOf(req)),
  );
  r.get(
    api.getCrossArrangement.path,
    {
      config: read,
      schema: {
        tags,
        summary: '异地交叉执法安排详情',
        params: IdParams,
        response: responses(api.getCrossArrangement.response),
      },
    },
    (req) => service.getArrangement(deps, principalOf(req), req.params.id),
  );
  r.get(
    api.crossArrangementMines.path,
    {
      config: read,
      schema: {
        tags,
        summary: '交叉执法可检查的矿山 (仅在期限内)',
        params: IdParams,
        response: responses(api.crossArrangementMines.response),
      },
    },
    (req) => service.arrangementMines(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.endCrossArrangement.path,
    {
      config: arrange,
      schema: {
        tags,
        summary: '提前结束异地交叉执法安排',
        params: IdParams,
        body: CrossArrangementEndInput,
        response: responses(api.endCrossArrangement.response),
      },
    },
    (req) => service.endArrangement(deps, principalOf(req), req.params.id, req.body),
  );
}
