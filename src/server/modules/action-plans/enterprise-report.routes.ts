/**
 * @module HTTP adapter of the enterprises' progress reports to the plan (issue 25 §7;
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》四(六)): the board per due date, filing, the one file.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actionPlansApi as api } from '../../../shared/action-plans.api.ts';
import {
  EnterpriseReportInput,
  EnterpriseReportQuery,
} from '../../../shared/enterprise-reports.ts';
import { EvidenceLimits } from '../../../shared/limits.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { readUpload, sendStoredFile } from '../../platform/files/files.http.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';
import * as service from './enterprise-report.service.ts';

export function registerEnterpriseReportRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['action-plans'];
  const read = { permission: ActionPlanPermission.EnterpriseReports };
  const file = { permission: ActionPlanPermission.FileReport };
  r.get(
    api.enterpriseReports.path,
    {
      config: read,
      schema: {
        tags,
        summary: '企业报送治本攻坚推进情况 (按截止日期: 按时、逾期、未报送)',
        querystring: EnterpriseReportQuery,
        response: responses(api.enterpriseReports.response),
      },
    },
    (req) => service.enterpriseReportBoard(deps, principalOf(req), req.query),
  );
  r.post(
    api.fileEnterpriseReport.path,
    {
      config: file,
      schema: {
        tags,
        summary: '报送本企业治本攻坚推进情况 (每个截止日期一次)',
        body: EnterpriseReportInput,
        response: responses(api.fileEnterpriseReport.response, api.fileEnterpriseReport.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.fileEnterpriseReport.status)
        .send(await service.fileEnterpriseReport(deps, principalOf(req), req.body)),
  );
  r.get(
    api.getEnterpriseReport.path,
    {
      config: read,
      schema: {
        tags,
        summary: '一份企业报送',
        params: IdParams,
        response: responses(api.getEnterpriseReport.response),
      },
    },
    (req) => service.getEnterpriseReport(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.addEnterpriseReportFile.path,
    {
      config: file,
      schema: {
        tags,
        summary: '上传报送材料 (PDF/图片, 每份报告一个)',
        params: IdParams,
        response: responses(
          api.addEnterpriseReportFile.response,
          api.addEnterpriseReportFile.status,
        ),
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, EvidenceLimits.bytesMax);
      return reply.status(201).send(
        await service.addEnterpriseReportFile(deps, principalOf(req), req.params.id, {
          fileName: upload.filename,
          data: upload.data,
        }),
      );
    },
  );
  r.get(
    '/api/enterprise-reports/:id/file',
    { config: read, schema: { tags, summary: '下载报送材料', params: IdParams } },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await service.getEnterpriseReportFile(deps, principalOf(req), req.params.id),
      ),
  );
}
