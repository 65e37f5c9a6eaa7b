/**
 * @module HTTP adapter of the periodic reports (issue 8 §5): the archive, a report made on demand, and a
 * report's figures and files (PDF or xlsx).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actionPlansApi as api } from '../../../shared/action-plans.api.ts';
import {
  PeriodicReportFileQuery,
  PeriodicReportInput,
  PeriodicReportListQuery,
} from '../../../shared/action-plans.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { sendNamed } from '../../platform/files/files.http.ts';
import { IdParams, responses, sendFile } from '../../platform/http/route-helpers.ts';
import * as service from './periodic-report.service.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';

export function registerPeriodicReportRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['action-plans'];
  const config = { permission: ActionPlanPermission.Read };
  r.get(
    api.listPeriodicReports.path,
    {
      config,
      schema: {
        tags,
        summary: '定期报告 (周调度、月总结、季通报、年度总结、三年评估)',
        querystring: PeriodicReportListQuery,
        response: responses(api.listPeriodicReports.response),
      },
    },
    (req) => service.listPeriodicReports(deps, principalOf(req), req.query),
  );
  r.post(
    api.generatePeriodicReport.path,
    {
      config,
      schema: {
        tags,
        summary: '立即生成本期 (至今日) 报告并存档',
        body: PeriodicReportInput,
        response: responses(api.generatePeriodicReport.response, api.generatePeriodicReport.status),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.generatePeriodicReport(deps, principalOf(req), req.body)),
  );
  r.get(
    api.getPeriodicReport.path,
    {
      config,
      schema: {
        tags,
        summary: '报告及其存档数据',
        params: IdParams,
        response: responses(api.getPeriodicReport.response),
      },
    },
    (req) => service.getPeriodicReport(deps, principalOf(req), req.params.id),
  );
  r.get(
    '/api/periodic-reports/:id/file',
    {
      config,
      schema: {
        tags,
        summary: '下载报告 (PDF 或 xlsx)',
        params: IdParams,
        querystring: PeriodicReportFileQuery,
      },
    },
    async (req, reply) => {
      const file = await service.periodicReportFile(
        deps,
        principalOf(req),
        req.params.id,
        req.query.format,
      );
      return req.query.format === 'pdf'
        ? sendNamed(reply, file.data, 'application/pdf', file.name)
        : sendFile(reply, file.data, 'xlsx', file.name.replace(/\.xlsx$/, ''));
    },
  );
}
