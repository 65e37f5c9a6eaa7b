/** @module HTTP adapter of accidents (issue 9 §2): report, list, detail, reporting chain, 约谈, statistics. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccidentInput, AccidentReportInput, InterviewInput } from '../../../shared/accidents.ts';
import { RegionCode } from '../../../shared/common.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { accidentStats } from './accident.stats.ts';
import * as service from './accident.service.ts';
import { AccountabilityPermission } from './accountability.permissions.ts';

const Accident = z.looseObject({ id: z.uuid(), grade: z.string() });
const Year = z.coerce.number().int().min(1990).max(2100);

export function registerAccidentRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accountability'];
  const read = { permission: AccountabilityPermission.AccidentRead };
  const manage = { permission: AccountabilityPermission.AccidentManage };
  r.get(
    '/api/accidents',
    {
      config: read,
      schema: {
        tags,
        summary: '事故 (辖区或本企业矿山)',
        querystring: z.strictObject({ region: RegionCode.optional(), year: Year.optional() }),
        response: responses(z.array(Accident)),
      },
    },
    (req) => service.listAccidents(deps, principalOf(req), req.query),
  );
  r.post(
    '/api/accidents',
    {
      config: { permission: AccountabilityPermission.AccidentReport },
      schema: {
        tags,
        summary:
          '报告事故 (等级按死亡、重伤、直接经济损失自动判定; 死亡事故责令停产整顿; 较大及涉险事故约谈)',
        body: AccidentInput,
        response: responses(Accident, 201),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.reportAccident(deps, principalOf(req), req.body)),
  );
  r.get(
    '/api/accidents/stats',
    {
      config: read,
      schema: {
        tags,
        summary: '事故统计: 按年份、类型、地区和等级',
        querystring: z.strictObject({
          region: RegionCode.optional(),
          fromYear: Year,
          toYear: Year,
        }),
        response: responses(z.looseObject({ byYear: z.array(z.looseObject({})) })),
      },
    },
    (req) => accidentStats(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/accidents/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '事故详情、报送链 (迟报标记) 与约谈',
        params: IdParams,
        response: responses(Accident),
      },
    },
    (req) => service.getAccident(deps, principalOf(req), req.params.id),
  );
  r.post(
    '/api/accidents/:id/reports',
    {
      config: manage,
      schema: {
        tags,
        summary: '记录逐级报送 (每个环节一次)',
        params: IdParams,
        body: AccidentReportInput,
        response: responses(Accident),
      },
    },
    (req) => service.recordChainReport(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/accidents/:id/interviews/:interviewId',
    {
      config: manage,
      schema: {
        tags,
        summary: '记录约谈',
        params: z.strictObject({ id: z.uuid(), interviewId: z.uuid() }),
        body: InterviewInput,
        response: responses(Accident),
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

export function accidentsVisibility(deps: ServiceDeps) {
  return { accident: (p: Principal, id: string) => service.getAccident(deps, p, id) };
}
