/** @module HTTP adapter of accidents (issue 9 §2): file, list, detail, chain notices, 约谈, statistics. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccidentInput, ChainNoticeInput, InterviewInput } from '../../../shared/accidents.ts';
import { accountabilityApi as api } from '../../../shared/accountability.api.ts';
import { AccidentListQuery, AccidentStatsQuery } from '../../../shared/accountability.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses, sendFile } from '../../platform/http/route-helpers.ts';
import { exportQueryOf } from '../../../shared/common.schemas.ts';
import { exportAccidents } from './accident.export.ts';
import { accidentStats } from './accident-stats.service.ts';
import * as service from './accident.service.ts';
import * as workflow from './accident-workflow.service.ts';
import {
  AccidentCloseInput,
  AccidentEscalateInput,
  AccidentFindingInput,
  AccidentRectificationInput,
  AccidentSuperviseInput,
} from '../../../shared/accident-workflow.ts';
import { AccountabilityPermission } from './accountability.permissions.ts';
import {
  AccidentResponse as AccidentResponseSchema,
  type AccidentResponse,
} from '../../../shared/accountability.schemas.ts';

export function registerAccidentRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accountability'];
  const read = { permission: AccountabilityPermission.AccidentRead };
  const manage = { permission: AccountabilityPermission.AccidentManage };
  r.get(
    api.accidents.path,
    {
      config: read,
      schema: {
        tags,
        summary: '事故 (辖区或本企业矿山)',
        querystring: AccidentListQuery,
        response: responses(api.accidents.response),
      },
    },
    (req) => service.listAccidents(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/accidents/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出事故列表 (按列表的筛选条件)',
        querystring: exportQueryOf(AccidentListQuery),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendFile(
        reply,
        await exportAccidents(deps, principalOf(req), q, format),
        format,
        '事故',
      );
    },
  );
  r.post(
    api.reportAccident.path,
    {
      config: { permission: AccountabilityPermission.AccidentReport },
      schema: {
        tags,
        summary:
          '报告事故 (等级按死亡、重伤、直接经济损失自动判定; 死亡事故责令停产整顿; 较大及涉险事故约谈)',
        body: AccidentInput,
        response: responses(api.reportAccident.response, api.reportAccident.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.reportAccident.status)
        .send(await service.reportAccident(deps, principalOf(req), req.body)),
  );
  r.get(
    api.accidentStats.path,
    {
      config: read,
      schema: {
        tags,
        summary: '事故统计: 按年份、类型、地区和等级',
        querystring: AccidentStatsQuery,
        response: responses(api.accidentStats.response),
      },
    },
    (req) => accidentStats(deps, principalOf(req), req.query),
  );
  r.get(
    api.accident.path,
    {
      config: read,
      schema: {
        tags,
        summary: '事故详情、逐级报送 (迟报标记) 与约谈',
        params: IdParams,
        response: responses(api.accident.response),
      },
    },
    (req) => service.getAccident(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.recordChainNotice.path,
    {
      config: manage,
      schema: {
        tags,
        summary: '记录逐级报送 (每个环节一次)',
        params: IdParams,
        body: ChainNoticeInput,
        response: responses(api.recordChainNotice.response),
      },
    },
    (req) => service.recordChainNotice(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    api.holdInterview.path,
    {
      config: manage,
      schema: {
        tags,
        summary: '记录约谈',
        params: z.strictObject({ id: z.uuid(), interviewId: z.uuid() }),
        body: InterviewInput,
        response: responses(api.holdInterview.response),
      },
    },
    (req) =>
      service.holdInterview(
        deps,
        principalOf(req),
        req.params.id,
        req.params.interviewId,
        req.body,
      ),
  );
  /** One step of the accident's workflow (issue 24): its contract, body schema and use case. */
  function step<B extends z.ZodType>(
    contract: { path: string; response: typeof AccidentResponseSchema },
    body: B,
    run: (d: ServiceDeps, p: Principal, id: string, b: z.infer<B>) => Promise<AccidentResponse>,
    summary: string,
  ) {
    r.post(
      contract.path,
      {
        config: manage,
        schema: { tags, summary, params: IdParams, body, response: responses(contract.response) },
      },
      (req) => run(deps, principalOf(req), req.params.id, req.body as z.infer<B>),
    );
  }
  step(
    api.accidentFinding,
    AccidentFindingInput,
    workflow.recordFinding,
    '调查认定: 认定结论、原因、责任人及处理建议',
  );
  step(
    api.superviseAccident,
    AccidentSuperviseInput,
    workflow.superviseAccident,
    '挂牌督办: 督办单位与期限',
  );
  step(
    api.escalateAccident,
    AccidentEscalateInput,
    workflow.escalateAccident,
    '提级调查: 提级至哪一级、由哪个单位调查及原因',
  );
  step(
    api.acceptAccidentRectification,
    AccidentRectificationInput,
    workflow.acceptRectification,
    '整改验收 (死亡事故的矿山须整改验收后方可复工复产)',
  );
  step(api.closeAccident, AccidentCloseInput, workflow.closeAccident, '结案 (须先调查认定)');
}

/** Who may see an accident's audit history: whoever may see the accident. */
export function accidentsVisibility(deps: ServiceDeps) {
  return { accident: (p: Principal, id: string) => service.getAccident(deps, p, id) };
}
