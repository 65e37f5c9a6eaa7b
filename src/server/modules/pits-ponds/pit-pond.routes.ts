/**
 * @module HTTP adapter of open pits, dumps and tailings ponds (issue 25 §2): the register's mines,
 * records, findings, and a pond's 闭库 with its steps.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionCode } from '../../../shared/common.schemas.ts';
import { pitsPondsApi as api } from '../../../shared/pits-ponds.api.ts';
import { PitPondFindingsQuery, PitPondListQuery } from '../../../shared/pits-ponds.schemas.ts';
import { ClosureOpenInput, ClosureStepInput, RecordInput } from '../../../shared/pits-ponds.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import * as closures from './closure.service.ts';
import * as service from './pit-pond.service.ts';
import { PitPondPermission } from './pits-ponds.permissions.ts';

const RegionQuery = z.strictObject({ region: RegionCode.optional() });

export function registerPitPondRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pits-ponds'];
  const read = { permission: PitPondPermission.Read };
  const file = { permission: PitPondPermission.File };
  r.get(
    api.mines.path,
    {
      config: read,
      schema: {
        tags,
        summary: '露天矿山、排土场、尾矿库及其应报记录',
        querystring: RegionQuery,
        response: responses(api.mines.response),
      },
    },
    (req) => service.listRegisterMines(deps, principalOf(req), req.query),
  );
  r.get(
    api.records.path,
    {
      config: read,
      schema: {
        tags,
        summary: '边坡分析、排洪构筑物检测、汛前汛后检查、头顶库演练与应急广播记录',
        querystring: PitPondListQuery,
        response: responses(api.records.response),
      },
    },
    (req) => service.listRecords(deps, principalOf(req), req.query),
  );
  r.post(
    api.fileRecord.path,
    {
      config: file,
      schema: {
        tags,
        summary: '报送记录 (须为该矿山应报的类型)',
        body: RecordInput,
        response: responses(api.fileRecord.response, api.fileRecord.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.fileRecord.status)
        .send(await service.fileRecord(deps, principalOf(req), req.body)),
  );
  r.get(
    api.findings.path,
    {
      config: read,
      schema: {
        tags,
        summary: '逾期未报、雷达未在线、应闭库未启动、闭库步骤逾期',
        querystring: PitPondFindingsQuery,
        response: responses(api.findings.response),
      },
    },
    (req) => service.listFindings(deps, principalOf(req), req.query),
  );
  r.get(
    api.closures.path,
    {
      config: read,
      schema: {
        tags,
        summary: '尾矿库闭库',
        querystring: RegionQuery,
        response: responses(api.closures.response),
      },
    },
    (req) => closures.listClosures(deps, principalOf(req), req.query),
  );
  r.post(
    api.openClosure.path,
    {
      config: file,
      schema: {
        tags,
        summary: '启动尾矿库闭库',
        body: ClosureOpenInput,
        response: responses(api.openClosure.response, api.openClosure.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.openClosure.status)
        .send(await closures.openClosure(deps, principalOf(req), req.body)),
  );
  r.get(
    api.closure.path,
    {
      config: read,
      schema: {
        tags,
        summary: '闭库详情与步骤',
        params: IdParams,
        response: responses(api.closure.response),
      },
    },
    (req) => closures.getClosure(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.closureStep.path,
    {
      config: read,
      schema: {
        tags,
        summary: '办理闭库步骤: 闭库设计 → 闭库施工 → 闭库验收 → 公告销号 (监管部门)',
        params: IdParams,
        body: ClosureStepInput,
        response: responses(api.closureStep.response),
      },
    },
    (req) => closures.fileClosureStep(deps, principalOf(req), req.params.id, req.body),
  );
}

/** Who may see a record's or a 闭库's audit history: whoever may see it. */
export function pitsPondsVisibility(deps: ServiceDeps) {
  return {
    pit_pond_record: (p: Principal, id: string) => service.getRecord(deps, p, id),
    pond_closure: (p: Principal, id: string) => closures.getClosure(deps, p, id),
  };
}
