/** @module HTTP adapter of the home page's summary: one request per home, scoped to the caller. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { homeApi as api } from '../../../shared/home.api.ts';
import { HomeQuery } from '../../../shared/home.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { responses } from '../../platform/http/route-helpers.ts';
import { homeSummary } from './home.service.ts';

export function registerHomeRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    api.summary.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['home'],
        summary: '首页: 需要我现在处理的事项 (按角色: 监管部门、企业、矿山值班员)',
        querystring: HomeQuery,
        response: responses(api.summary.response),
      },
    },
    (req) => homeSummary(deps, principalOf(req), req.query),
  );
}
