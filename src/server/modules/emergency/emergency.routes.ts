/**
 * @module HTTP adapter of 应急准备与培训 (issue 25 §3): a mine's registers, one route per kind of record,
 * the findings of a jurisdiction, and the 逢查必考 results of an inspection.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { emergencyApi as api } from '../../../shared/emergency.api.ts';
import {
  EmergencyFindingsQuery,
  EmergencyRegisterQuery,
} from '../../../shared/emergency.schemas.ts';
import {
  DrillInput,
  ExamInput,
  PlanInput,
  PostCardInput,
  RescueAgreementInput,
  SelfRescueInput,
  TrainingInput,
} from '../../../shared/emergency.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { EmergencyPermission } from './emergency.permissions.ts';
import * as service from './emergency.service.ts';

export function registerEmergencyRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['emergency'];
  const read = { permission: EmergencyPermission.Read };
  r.get(
    api.register.path,
    {
      config: read,
      schema: {
        tags,
        summary: '矿山应急准备与培训台账 (预案、演练、救护协议、培训、自救器、两单两卡) 及逾期问题',
        querystring: EmergencyRegisterQuery,
        response: responses(api.register.response),
      },
    },
    (req) => service.getRegister(deps, principalOf(req), req.query.mineId),
  );
  r.get(
    api.findings.path,
    {
      config: read,
      schema: {
        tags,
        summary: '应急准备与培训逾期的矿山',
        querystring: EmergencyFindingsQuery,
        response: responses(api.findings.response),
      },
    },
    (req) => service.listFindings(deps, principalOf(req), req.query),
  );
  const writes: [
    { path: string; response: z.ZodType; status: 200 | 201 },
    z.ZodType,
    string,
    (p: Principal, body: never) => Promise<unknown>,
  ][] = [
    [
      api.recordPlan,
      PlanInput,
      '登记应急预案 (编制或修订)',
      (p, b) => service.recordPlan(deps, p, b),
    ],
    [
      api.recordDrill,
      DrillInput,
      '登记应急演练 (紧急撤离、反风演习、专项)',
      (p, b) => service.recordDrill(deps, p, b),
    ],
    [
      api.recordRescue,
      RescueAgreementInput,
      '登记矿山救护队或救护协议',
      (p, b) => service.recordRescue(deps, p, b),
    ],
    [
      api.recordTraining,
      TrainingInput,
      '登记全员安全培训 (学时、参训人员)',
      (p, b) => service.recordTraining(deps, p, b),
    ],
    [
      api.recordSelfRescue,
      SelfRescueInput,
      '登记自救器实操 (每人佩戴用时, 30秒盲戴)',
      (p, b) => service.recordSelfRescue(deps, p, b),
    ],
    [
      api.recordPostCard,
      PostCardInput,
      '登记岗位两单两卡 (风险清单、职责清单、操作卡、应急处置卡)',
      (p, b) => service.recordPostCard(deps, p, b),
    ],
  ];
  for (const [e, body, summary, run] of writes) {
    r.post(
      e.path,
      {
        config: { permission: EmergencyPermission.File },
        schema: { tags, summary, body, response: responses(e.response, e.status) },
      },
      async (req, reply) =>
        reply.status(e.status).send(await run(principalOf(req), req.body as never)),
    );
  }
  r.get(
    api.exams.path,
    {
      config: read,
      schema: {
        tags,
        summary: '逢查必考: 检查中的考试结果',
        params: IdParams,
        response: responses(api.exams.response),
      },
    },
    (req) => service.listExams(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.recordExams.path,
    {
      config: { permission: EmergencyPermission.Examine },
      schema: {
        tags,
        summary: '逢查必考: 登记被考人员、得分与是否合格',
        params: IdParams,
        body: ExamInput,
        response: responses(api.recordExams.response, api.recordExams.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.recordExams.status)
        .send(await service.recordExams(deps, principalOf(req), req.params.id, req.body)),
  );
}
