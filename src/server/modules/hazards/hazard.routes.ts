/**
 * @module HTTP adapter for the major-hazard database: the criteria catalogue, hazards and their loop.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AttachmentParams,
  AttachmentQuery,
  inspectionQueries,
  ParentInspectionInput,
  Quarter,
  Period,
  SelfInspectionReportInput,
  CriteriaQuery,
  HazardDecisionInput,
  HazardListQuery,
  HazardPlanInput,
  HazardReportInput,
  type HazardResponse,
  HazardStandardInput,
  HazardSubmitInput,
  HazardSuperviseInput,
  HazardSuspendMineInput,
  HazardSummaryQuery,
} from '../../../shared/hazard.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses, sendFile } from '../../platform/http/route-helpers.ts';
import {
  HazardAnalysisExportQuery,
  HazardAnalysisQuery,
} from '../../../shared/hazard-analysis.schemas.ts';
import * as analysis from './analysis.service.ts';
import * as catalogue from './catalogue.service.ts';
import * as evidence from './evidence.service.ts';
import { EvidenceLimits } from '../../../shared/limits.ts';
import { readUpload, sendStoredFile } from '../../platform/files/files.http.ts';
import * as service from './hazard.service.ts';
import { exportHazards } from './hazard.export.ts';
import { exportQueryOf } from '../../../shared/common.schemas.ts';
import * as selfInspection from './self-inspection.service.ts';
import { monthly, parentQuarterly, type Cadence } from './inspection.cadence.ts';
import { HazardPermission } from './hazards.permissions.ts';
import type { Permission } from '../../platform/auth/permissions.ts';
import { RegistryPermission } from '../registry/registry.permissions.ts';
import { hazardsApi } from '../../../shared/hazards.api.ts';
import type { Endpoint } from '../../../shared/api.contract.ts';

/** The contracts of the hazard's steps (each answers the hazard after the step). */
type HazardStep = 'plan' | 'submit' | 'accept' | 'reject' | 'supervise' | 'suspendMine';

export function registerHazardRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hazards'];
  /** The reads of one periodic inspection: its records, and the mines that have not filed. */
  const inspectionReads = (
    api: {
      list: Endpoint<'GET', string, (typeof hazardsApi.selfInspections)['response']>;
      missing: Endpoint<'GET', string, (typeof hazardsApi.missingSelfInspections)['response']>;
    },
    cadence: Cadence,
    period: typeof Period,
    what: string,
  ) => {
    const query = inspectionQueries(period);
    r.get(
      api.list.path,
      {
        config: { permission: HazardPermission.Read },
        schema: {
          tags,
          summary: what,
          querystring: query.list,
          response: responses(api.list.response, api.list.status),
        },
      },
      (req) => selfInspection.listInspections(deps, principalOf(req), cadence, req.query),
    );
    r.get(
      api.missing.path,
      {
        config: { permission: HazardPermission.Read },
        schema: {
          tags,
          summary: `应提交而未提交${what}的矿山`,
          querystring: query.missing,
          response: responses(api.missing.response, api.missing.status),
        },
      },
      (req) => selfInspection.missingInspections(deps, principalOf(req), cadence, req.query),
    );
  };
  r.get(
    hazardsApi.standards.path,
    {
      config: { permission: HazardPermission.Read },
      schema: {
        tags,
        summary: '重大事故隐患判定标准 (各版本)',
        response: responses(hazardsApi.standards.response, hazardsApi.standards.status),
      },
    },
    (req) => catalogue.listStandards(deps, principalOf(req)),
  );
  r.post(
    hazardsApi.createStandard.path,
    {
      config: { permission: HazardPermission.CatalogueManage },
      schema: {
        tags,
        summary: '新增判定标准版本 (系统管理员)',
        body: HazardStandardInput,
        response: responses(hazardsApi.createStandard.response, hazardsApi.createStandard.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await catalogue.createStandard(deps, principalOf(req), req.body)),
  );
  r.get(
    hazardsApi.criteria.path,
    {
      config: { permission: HazardPermission.Read },
      schema: {
        tags,
        summary: '判定标准条款 (可按矿山类型筛选)',
        params: IdParams,
        querystring: CriteriaQuery,
        response: responses(hazardsApi.criteria.response, hazardsApi.criteria.status),
      },
    },
    (req) => catalogue.listCriteria(deps, principalOf(req), req.params.id, req.query),
  );
  r.get(
    hazardsApi.list.path,
    {
      config: { permission: HazardPermission.Read },
      schema: {
        tags,
        summary: '重大事故隐患列表',
        querystring: HazardListQuery,
        response: responses(hazardsApi.list.response, hazardsApi.list.status),
      },
    },
    (req) => service.listHazards(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/hazards/export',
    {
      config: { permission: HazardPermission.Read },
      schema: {
        tags,
        summary: '导出重大事故隐患列表 (按列表的筛选条件)',
        querystring: exportQueryOf(HazardListQuery),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendFile(
        reply,
        await exportHazards(deps, principalOf(req), q, format),
        format,
        '重大事故隐患',
      );
    },
  );
  r.get(
    hazardsApi.summary.path,
    {
      config: { permission: HazardPermission.Read },
      schema: {
        tags,
        summary: '隐患概况 (首页卡片)',
        querystring: HazardSummaryQuery,
        response: responses(hazardsApi.summary.response, hazardsApi.summary.status),
      },
    },
    (req) => service.hazardSummary(deps, principalOf(req), req.query),
  );
  r.get(
    hazardsApi.analysis.path,
    {
      config: { permission: HazardPermission.Read },
      schema: {
        tags,
        summary:
          '重大事故隐患动态分析 (按条款大类、矿山类型、来源、时长; 月度趋势; 整改缓慢; 屡改屡犯; 存量目标)',
        querystring: HazardAnalysisQuery,
        response: responses(hazardsApi.analysis.response, hazardsApi.analysis.status),
      },
    },
    (req) => analysis.hazardAnalysis(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/hazards/analysis/export',
    {
      config: { permission: HazardPermission.Read },
      schema: { tags, summary: '导出动态分析 (xlsx)', querystring: HazardAnalysisExportQuery },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const data = await analysis.hazardAnalysisWorkbook(deps, principalOf(req), q);
      return sendFile(reply, data, format, `重大事故隐患动态分析-${q.region ?? '全部'}`);
    },
  );
  r.get(
    hazardsApi.closureCandidates.path,
    {
      config: { permission: HazardPermission.Read },
      schema: {
        tags,
        summary: '提请关闭线索: 证照不全仍生产且3个月内2次及以上发现重大隐患的矿山',
        querystring: HazardSummaryQuery,
        response: responses(
          hazardsApi.closureCandidates.response,
          hazardsApi.closureCandidates.status,
        ),
      },
    },
    (req) => service.closureCandidates(deps, principalOf(req), req.query),
  );
  r.post(
    hazardsApi.fileSelfInspection.path,
    {
      config: { permission: HazardPermission.Report },
      schema: {
        tags,
        summary: '提交月度隐患自查报告 (主要负责人签字; 无隐患时零报告)',
        body: SelfInspectionReportInput,
        response: responses(
          hazardsApi.fileSelfInspection.response,
          hazardsApi.fileSelfInspection.status,
        ),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await selfInspection.fileSelfInspectionReport(deps, principalOf(req), req.body)),
  );
  inspectionReads(
    { list: hazardsApi.selfInspections, missing: hazardsApi.missingSelfInspections },
    monthly,
    Period,
    '月度隐患自查报告',
  );
  r.post(
    hazardsApi.fileParentInspection.path,
    {
      config: { permission: HazardPermission.Report },
      schema: {
        tags,
        summary: '录入上级公司季度重大事故隐患排查 (《2024年矿山安全生产工作要点》第19条)',
        body: ParentInspectionInput,
        response: responses(
          hazardsApi.fileParentInspection.response,
          hazardsApi.fileParentInspection.status,
        ),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await selfInspection.fileParentInspection(deps, principalOf(req), req.body)),
  );
  inspectionReads(
    { list: hazardsApi.parentInspections, missing: hazardsApi.missingParentInspections },
    parentQuarterly,
    Quarter,
    '上级公司季度隐患排查',
  );
  r.post(
    hazardsApi.report.path,
    {
      config: { permission: HazardPermission.Report },
      schema: {
        tags,
        summary: '上报重大事故隐患',
        body: HazardReportInput,
        response: responses(hazardsApi.report.response, hazardsApi.report.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.reportHazard(deps, principalOf(req), req.body)),
  );
  r.get(
    hazardsApi.get.path,
    {
      config: { permission: HazardPermission.Read },
      schema: {
        tags,
        summary: '隐患详情与完整时间线',
        params: IdParams,
        response: responses(hazardsApi.get.response, hazardsApi.get.status),
      },
    },
    (req) => service.getHazard(deps, principalOf(req), req.params.id),
  );
  r.post(
    hazardsApi.addAttachment.path,
    {
      config: { permission: HazardPermission.Report },
      schema: {
        tags,
        summary: '上传隐患证据文件 (multipart 字段 file; JPEG/PNG/WebP/PDF/MP4, 不超过 10 MB)',
        params: IdParams,
        querystring: AttachmentQuery,
        response: responses(hazardsApi.addAttachment.response, hazardsApi.addAttachment.status),
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, EvidenceLimits.bytesMax);
      return reply.status(201).send(
        await evidence.addEvidence(deps, principalOf(req), req.params.id, {
          purpose: req.query.purpose,
          fileName: file.filename,
          data: file.data,
        }),
      );
    },
  );
  r.get(
    '/api/hazards/:id/attachments/:attachmentId',
    {
      config: { permission: HazardPermission.Read },
      schema: { tags, summary: '下载隐患证据文件', params: AttachmentParams },
    },
    async (req, reply) => {
      const file = await evidence.getEvidence(
        deps,
        principalOf(req),
        req.params.id,
        req.params.attachmentId,
      );
      return sendStoredFile(reply, file);
    },
  );
  const step = <B extends z.ZodType>(
    api: (typeof hazardsApi)[HazardStep],
    summary: string,
    permission: Permission,
    body: B,
    run: (
      principal: ReturnType<typeof principalOf>,
      id: string,
      input: z.infer<B>,
    ) => Promise<HazardResponse>,
  ) =>
    r.post(
      api.path,
      {
        config: { permission },
        schema: {
          tags,
          summary,
          params: IdParams,
          body,
          response: responses(api.response, api.status),
        },
      },
      (req) => run(principalOf(req), req.params.id, req.body as z.infer<B>),
    );
  step(
    hazardsApi.plan,
    '五落实 (责任、措施、资金、时限、预案) → 治理中',
    HazardPermission.Rectify,
    HazardPlanInput,
    (p, id, b) => service.planHazard(deps, p, id, b),
  );
  step(
    hazardsApi.submit,
    '提交整改 → 待验收',
    HazardPermission.Rectify,
    HazardSubmitInput,
    (p, id, b) => service.submitRectification(deps, p, id, b),
  );
  step(
    hazardsApi.accept,
    '验收通过 → 已销号',
    HazardPermission.Accept,
    HazardDecisionInput,
    (p, id, b) => service.acceptHazard(deps, p, id, b),
  );
  step(
    hazardsApi.reject,
    '验收不通过, 退回治理',
    HazardPermission.Accept,
    HazardDecisionInput,
    (p, id, b) => service.rejectHazard(deps, p, id, b),
  );
  step(
    hazardsApi.supervise,
    '挂牌督办 / 撤销督办',
    HazardPermission.Supervise,
    HazardSuperviseInput,
    (p, id, b) => service.superviseHazard(deps, p, id, b),
  );
  step(
    hazardsApi.suspendMine,
    '责令矿山停产整顿 (经矿山登记变更状态)',
    RegistryPermission.MineStatusChange,
    HazardSuspendMineInput,
    (p, id, b) => service.suspendMineForHazard(deps, p, id, b),
  );
}
