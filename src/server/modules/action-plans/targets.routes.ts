/**
 * @module HTTP adapter of the progress board (issue 8 §2–5): targets with trend and drill-down, the
 * regional risk grading, and the archived periodic reports with their xlsx and PDF.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DateString, RegionCode } from '../../../shared/common.schemas.ts';
import { reportKinds } from '../../../shared/report-periods.ts';
import { indicatorKeys } from '../../../shared/targets.settings.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses, sendFile, sendNamed } from '../../platform/http/route-helpers.ts';
import { regionalRisk } from './regional-risk.ts';
import * as reports from './periodic-report.service.ts';
import { targetBoard, targetMines, targetTrend } from './targets.service.ts';
import { WorkPlanPermission } from './action-plans.permissions.ts';

const BoardQuery = z.strictObject({
  region: RegionCode.optional(),
  date: DateString.optional(),
  baselineYear: z.coerce.number().int().min(2000).max(2100).optional(),
});
const KeyParams = z.strictObject({ key: z.enum(indicatorKeys) });

export function registerTargetRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];
  const config = { permission: WorkPlanPermission.Read };
  r.get(
    '/api/targets',
    {
      config,
      schema: {
        tags,
        summary: '攻坚目标: 各指标的实时值 (按地区和日期) 及适用的目标',
        querystring: BoardQuery,
        response: responses(
          z.looseObject({ indicators: z.array(z.looseObject({ key: z.string() })) }),
        ),
      },
    },
    (req) => targetBoard(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/targets/:key/trend',
    {
      config,
      schema: {
        tags,
        summary: '指标趋势: 近若干月月末的值',
        params: KeyParams,
        querystring: BoardQuery.extend({
          months: z.coerce.number().int().min(2).max(36).optional(),
        }),
        response: responses(z.looseObject({ points: z.array(z.looseObject({})) })),
      },
    },
    (req) => targetTrend(deps, principalOf(req), req.params.key, req.query),
  );
  r.get(
    '/api/targets/:key/mines',
    {
      config,
      schema: {
        tags,
        summary: '拖后腿的矿山: 未计入分子 (或未减少) 的矿山及原因',
        params: KeyParams,
        querystring: BoardQuery,
        response: responses(z.looseObject({ mines: z.array(z.looseObject({})) })),
      },
    },
    (req) => targetMines(deps, principalOf(req), req.params.key, req.query),
  );
  r.get(
    '/api/regional-risk',
    {
      config,
      schema: {
        tags,
        summary: '区域风险分级: 下级地区的月度风险系数、等级和排名 (当月实时, 往月为留存)',
        querystring: z.strictObject({
          region: RegionCode.optional(),
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
            .optional(),
        }),
        response: responses(z.looseObject({ regions: z.array(z.looseObject({})) })),
      },
    },
    (req) => regionalRisk(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/plan-reports',
    {
      config,
      schema: {
        tags,
        summary: '定期报告 (周调度、月总结、季通报、年度总结、三年评估)',
        querystring: z.strictObject({
          kind: z.enum(reportKinds).optional(),
          region: RegionCode.optional(),
        }),
        response: responses(z.array(z.looseObject({ id: z.uuid() }))),
      },
    },
    (req) => reports.listReports(deps, principalOf(req), req.query),
  );
  r.post(
    '/api/plan-reports',
    {
      config,
      schema: {
        tags,
        summary: '立即生成本期 (至今日) 报告并存档',
        body: z.strictObject({ kind: z.enum(reportKinds), region: RegionCode.optional() }),
        response: responses(z.looseObject({ id: z.uuid() }), 201),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await reports.generateReport(deps, principalOf(req), req.body)),
  );
  r.get(
    '/api/plan-reports/:id',
    {
      config,
      schema: {
        tags,
        summary: '报告及其存档数据',
        params: IdParams,
        response: responses(z.looseObject({ id: z.uuid() })),
      },
    },
    (req) => reports.getReport(deps, principalOf(req), req.params.id),
  );
  r.get(
    '/api/plan-reports/:id/file',
    {
      config,
      schema: {
        tags,
        summary: '下载报告 (PDF 或 xlsx)',
        params: IdParams,
        querystring: z.strictObject({ format: z.enum(['pdf', 'xlsx']).default('pdf') }),
      },
    },
    async (req, reply) => {
      const file = await reports.reportFile(
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
