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
import { AccountabilityPermission } from './accountability.permissions.ts';

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
}

/** Who may see an accident's audit history: whoever may see the accident. */
export function accidentsVisibility(deps: ServiceDeps) {
  return { accident: (p: Principal, id: string) => service.getAccident(deps, p, id) };
}
