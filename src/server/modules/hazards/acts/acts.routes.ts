/**
 * @module HTTP adapter of the acts of an overdue hazard's ladder steps (函告, 通报, 约谈, 曝光;
 * 《2024年矿山安全生产工作要点》第20条) and the public page of exposures.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hazardActsApi as api } from '../../../../shared/hazard-acts.api.ts';
import {
  CommitmentFulfilInput,
  ExposureWithdrawInput,
  HazardActInput,
  PublicExposuresQuery,
} from '../../../../shared/hazard-acts.schemas.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { principalOf } from '../../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../../platform/http/route-helpers.ts';
import { HazardPermission } from '../hazards.permissions.ts';
import { publicExposures } from './acts.public.ts';
import * as acts from './acts.service.ts';

export function registerActRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hazards'];
  r.get(
    api.list.path,
    {
      config: { permission: HazardPermission.Read },
      schema: {
        tags,
        summary: '隐患逾期升级的措施: 函告、通报、约谈、曝光 (是否到达, 已采取的措施)',
        params: IdParams,
        response: responses(api.list.response),
      },
    },
    (req) => acts.listActs(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.make.path,
    {
      config: { permission: HazardPermission.Supervise },
      schema: {
        tags,
        summary:
          '采取已到达升级步骤的措施 (辖区监管部门; 函告、通报生成编号文书, 约谈记录, 曝光公开)',
        params: IdParams,
        body: HazardActInput,
        response: responses(api.make.response, api.make.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await acts.makeAct(deps, principalOf(req), req.params.id, req.body)),
  );
  r.post(
    api.withdrawExposure.path,
    {
      config: { permission: HazardPermission.Supervise },
      schema: {
        tags,
        summary: '撤回曝光 (须说明原因; 不再公开, 审计保留)',
        params: z.strictObject({ id: z.uuid(), exposureId: z.uuid() }),
        body: ExposureWithdrawInput,
        response: responses(api.withdrawExposure.response),
      },
    },
    (req) =>
      acts.withdrawExposure(deps, principalOf(req), req.params.id, req.params.exposureId, req.body),
  );
  r.post(
    api.fulfilCommitment.path,
    {
      config: { permission: HazardPermission.Supervise },
      schema: {
        tags,
        summary: '约谈承诺已履行',
        params: z.strictObject({ id: z.uuid(), commitmentId: z.uuid() }),
        body: CommitmentFulfilInput,
        response: responses(api.fulfilCommitment.response),
      },
    },
    (req) =>
      acts.fulfilCommitment(
        deps,
        principalOf(req),
        req.params.id,
        req.params.commitmentId,
        req.body,
      ),
  );
  r.get(
    api.publicExposures.path,
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '重大事故隐患整改逾期曝光 (公开; 仅未撤回的曝光)',
        querystring: PublicExposuresQuery,
        response: responses(api.publicExposures.response),
      },
    },
    (req) => publicExposures(deps, req.query.region),
  );
}
