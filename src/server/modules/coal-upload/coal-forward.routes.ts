/**
 * @module HTTP adapter of forwarding upward (应联尽联): the regulator's backlog view per target.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { coalUploadApi } from '../../../shared/coal-upload.api.ts';
import { CoalForwardingQuery } from '../../../shared/coal-upload.schemas.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { responses } from '../../platform/http/route-helpers.ts';
import type { ModuleContext } from '../module.ts';
import { forwardingBacklog } from './coal-forward.service.ts';
import { CoalUploadPermission } from './coal-upload.permissions.ts';

export function registerCoalForwardRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    coalUploadApi.forwarding.path,
    {
      config: { permission: CoalUploadPermission.Review },
      schema: {
        tags: ['coal-upload'],
        summary:
          '数据上报上级平台 (应联尽联): 每个上报目标的待上报文件数、最早待上报文件时间、最近一次尝试与错误、被拒收的文件及原因 (辖区内煤矿)',
        querystring: CoalForwardingQuery,
        response: responses(coalUploadApi.forwarding.response),
      },
    },
    (req) => forwardingBacklog(ctx.deps, principalOf(req), req.query),
  );
}
