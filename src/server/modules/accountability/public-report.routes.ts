/**
 * @module HTTP adapter of 举报 (issue 9 §1): the public form, photos and tracking (no login; the tracking
 * secret travels in a body or header, never in a URL), and the regulators' case board and steps.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Endpoint } from '../../../shared/api.contract.ts';
import { accountabilityApi as api } from '../../../shared/accountability.api.ts';
import {
  PublicReportListQuery,
  PublicReportResponse,
  PublicReportTrackInput,
  TrackingCode,
  TrackingSecret,
} from '../../../shared/accountability.schemas.ts';
import {
  AcceptInput,
  AnswerInput,
  CaseAccountabilityInput,
  HandleInput,
  PublicReportInput,
  RewardInput,
  VerifyInput,
} from '../../../shared/public-reports.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { readUpload, sendStoredFile } from '../../platform/files/files.http.ts';
import { IdParams, responses, sendFile } from '../../platform/http/route-helpers.ts';
import { exportQueryOf } from '../../../shared/common.schemas.ts';
import { exportCases } from './public-report.export.ts';
import { AppError, AppErrorCode } from '../../platform/errors.ts';
import {
  addPublicReportPhoto,
  publicReportCounties,
  submitPublicReport,
  trackPublicReport,
} from './public-report.public.ts';
import * as cases from './public-report.service.ts';
import { AccountabilityPermission } from './accountability.permissions.ts';

/** The public form is small: 16 KB of JSON is far more than its fields allow. */
const PUBLIC_BODY_MAX = 16 * 1024;

export function registerPublicReportRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accountability'];
  const pub = { permission: 'public' as const };
  r.post(
    api.submitPublicReport.path,
    {
      config: pub,
      bodyLimit: PUBLIC_BODY_MAX,
      schema: {
        tags,
        summary: '公众举报 (无需登录; 返回查询码和查询密码)',
        body: PublicReportInput,
        response: responses(api.submitPublicReport.response, api.submitPublicReport.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.submitPublicReport.status)
        .send(await submitPublicReport(deps, req.body, req.ip)),
  );
  r.get(
    api.publicReportCounties.path,
    {
      config: pub,
      schema: {
        tags,
        summary: '可受理举报的县级行政区 (公开)',
        response: responses(api.publicReportCounties.response),
      },
    },
    () => publicReportCounties(deps),
  );
  r.post(
    api.trackPublicReport.path,
    {
      config: pub,
      bodyLimit: PUBLIC_BODY_MAX,
      schema: {
        tags,
        summary: '凭查询码和密码查询举报办理进展',
        body: PublicReportTrackInput,
        response: responses(api.trackPublicReport.response),
      },
    },
    (req) => trackPublicReport(deps, req.body.trackingCode, req.body.secret, req.ip),
  );
  r.post(
    api.addPublicReportPhoto.path,
    {
      config: pub,
      schema: {
        tags,
        summary: '补充举报照片 (受理前; 请求头 x-report-secret)',
        params: z.strictObject({ code: TrackingCode }),
        response: responses(api.addPublicReportPhoto.response, api.addPublicReportPhoto.status),
      },
    },
    async (req, reply) => {
      const secret = TrackingSecret.safeParse(req.headers['x-report-secret']);
      if (!secret.success) {
        throw new AppError(AppErrorCode.ValidationFailed, '缺少查询密码', [
          { path: 'x-report-secret', message: '请求头须带查询密码' },
        ]);
      }
      const file = await readUpload(req, 20_000_000);
      return reply
        .status(api.addPublicReportPhoto.status)
        .send(await addPublicReportPhoto(deps, req.params.code, secret.data, file, req.ip));
    },
  );

  const read = { permission: AccountabilityPermission.PublicReportRead };
  const handle = { permission: AccountabilityPermission.PublicReportHandle };
  r.get(
    api.publicReports.path,
    {
      config: read,
      schema: {
        tags,
        summary: '举报案件 (本辖区)',
        querystring: PublicReportListQuery,
        response: responses(api.publicReports.response),
      },
    },
    (req) => cases.listCases(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/public-reports/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出举报案件 (按列表的筛选条件, 不含举报人信息)',
        querystring: exportQueryOf(PublicReportListQuery),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendFile(
        reply,
        await exportCases(deps, principalOf(req), q, format),
        format,
        '举报案件',
      );
    },
  );
  r.get(
    api.publicReport.path,
    {
      config: read,
      schema: {
        tags,
        summary: '举报案件详情 (举报人身份仅受理单位管理员可见)',
        params: IdParams,
        response: responses(api.publicReport.response),
      },
    },
    (req) => cases.getCase(deps, principalOf(req), req.params.id),
  );
  r.get(
    '/api/public-reports/:id/photos/:photoId',
    {
      config: read,
      schema: {
        tags,
        summary: '举报照片',
        params: z.strictObject({ id: z.uuid(), photoId: z.uuid() }),
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await cases.getCasePhoto(deps, principalOf(req), req.params.id, req.params.photoId),
      ),
  );
  /** One step of a case: the handling unit's POST with its body, answering the case. */
  const stepRoute = <B extends z.ZodType>(
    e: Endpoint<'POST', string, typeof PublicReportResponse>,
    summary: string,
    body: B,
    run: (p: Principal, id: string, input: z.infer<B>) => Promise<PublicReportResponse>,
  ) =>
    r.post(
      e.path,
      {
        config: handle,
        schema: { tags, summary, params: IdParams, body, response: responses(e.response) },
      },
      (req) => run(principalOf(req), req.params.id, req.body as z.infer<B>),
    );
  stepRoute(api.acceptPublicReport, '受理或不予受理', AcceptInput, (p, id, b) =>
    cases.acceptCase(deps, p, id, b),
  );
  stepRoute(api.verifyPublicReport, '核实', VerifyInput, (p, id, b) =>
    cases.verifyCase(deps, p, id, b),
  );
  stepRoute(api.handlePublicReport, '办理 (关联隐患、线索或执法检查)', HandleInput, (p, id, b) =>
    cases.handleCase(deps, p, id, b),
  );
  stepRoute(api.answerPublicReport, '反馈举报人', AnswerInput, (p, id, b) =>
    cases.answerCase(deps, p, id, b),
  );
  stepRoute(api.rewardPublicReport, '奖励', RewardInput, (p, id, b) =>
    cases.rewardCase(deps, p, id, b),
  );
  stepRoute(
    api.holdAccountable,
    '追责: 对相关责任单位和人员的处理 (办理之后)',
    CaseAccountabilityInput,
    (p, id, b) => cases.holdAccountable(deps, p, id, b),
  );
}

/** Who may see a case's audit history: whoever may see the case. */
export function publicReportsVisibility(deps: ServiceDeps) {
  return { public_report: (p: Principal, id: string) => cases.getCase(deps, p, id) };
}
