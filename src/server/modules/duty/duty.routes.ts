/**
 * @module HTTP adapter of 企业主体责任 (issue 25 §4): duty records (list, file), the months against their
 * minimum and the findings, and the 矿长安全生产记分 entries (list, file) and totals.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dutyApi as api } from '../../../shared/duty.api.ts';
import {
  DutyFindingsQuery,
  DutyMonthQuery,
  DutyRecordListQuery,
  ScoreListQuery,
} from '../../../shared/duty.schemas.ts';
import { DutyRecordInput, ScoreInput } from '../../../shared/duty.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { responses } from '../../platform/http/route-helpers.ts';
import { DutyPermission } from './duty.permissions.ts';
import * as service from './duty.service.ts';

export function registerDutyRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['duty'];
  const read = { permission: DutyPermission.Read };
  r.get(
    api.records.path,
    {
      config: read,
      schema: {
        tags,
        summary: '领导带班下井及履职记录 (辖区或本企业矿山)',
        querystring: DutyRecordListQuery,
        response: responses(api.records.response),
      },
    },
    (req) => service.listRecords(deps, principalOf(req), req.query),
  );
  r.post(
    api.fileRecord.path,
    {
      config: { permission: DutyPermission.File },
      schema: {
        tags,
        summary: '填报带班下井、现场履职或在岗履职记录 (每人每类每天一条)',
        body: DutyRecordInput,
        response: responses(api.fileRecord.response, api.fileRecord.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.fileRecord.status)
        .send(await service.fileRecord(deps, principalOf(req), req.body)),
  );
  r.get(
    api.months.path,
    {
      config: read,
      schema: {
        tags,
        summary: '各岗位每月履职天数与最低要求 (人员定位数据优先, 否则按填报记录)',
        querystring: DutyMonthQuery,
        response: responses(api.months.response),
      },
    },
    (req) => service.listMonths(deps, principalOf(req), req.query),
  );
  r.get(
    api.findings.path,
    {
      config: read,
      schema: {
        tags,
        summary: '履职天数不足的月份',
        querystring: DutyFindingsQuery,
        response: responses(api.findings.response),
      },
    },
    (req) => service.listFindings(deps, principalOf(req), req.query),
  );
  r.get(
    api.scores.path,
    {
      config: read,
      schema: {
        tags,
        summary: '矿长安全生产记分记录',
        querystring: ScoreListQuery,
        response: responses(api.scores.response),
      },
    },
    (req) => service.listScores(deps, principalOf(req), req.query),
  );
  r.post(
    api.fileScore.path,
    {
      config: { permission: DutyPermission.Score },
      schema: {
        tags,
        summary: '矿长安全生产记分 (监管部门)',
        body: ScoreInput,
        response: responses(api.fileScore.response, api.fileScore.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.fileScore.status)
        .send(await service.fileScore(deps, principalOf(req), req.body)),
  );
  r.get(
    api.scoreTotals.path,
    {
      config: read,
      schema: {
        tags,
        summary: '矿长年度记分累计 (达到阈值提示调整、调离)',
        querystring: ScoreListQuery,
        response: responses(api.scoreTotals.response),
      },
    },
    (req) => service.listScoreTotals(deps, principalOf(req), req.query),
  );
}

/** Who may see a duty record's or 记分 entry's audit history: whoever may see its mine. */
export function dutyVisibility(deps: ServiceDeps) {
  return {
    duty_record: (p: Principal, id: string) => service.getRecord(deps, p, id),
    duty_score: (p: Principal, id: string) => service.getScore(deps, p, id),
  };
}
