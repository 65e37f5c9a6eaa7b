/**
 * @module HTTP adapter of 隐蔽致灾因素普查 (issue 25 §1): surveys (list, file, detail, review), report
 * files, findings, and the public grade list (no login).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EvidenceLimits } from '../../../shared/limits.ts';
import { surveysApi as api } from '../../../shared/surveys.api.ts';
import {
  PublicGradesQuery,
  SurveyFindingsQuery,
  SurveyListQuery,
} from '../../../shared/surveys.schemas.ts';
import { ReviewInput, SurveyInput } from '../../../shared/surveys.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { readUpload, sendStoredFile } from '../../platform/files/files.http.ts';
import * as service from './survey.service.ts';
import { publicGrades } from './survey.public.ts';
import { SurveyPermission } from './surveys.permissions.ts';

export function registerSurveyRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];
  const read = { permission: SurveyPermission.Read };
  const file = { permission: SurveyPermission.File };
  r.get(
    api.surveys.path,
    {
      config: read,
      schema: {
        tags,
        summary: '隐蔽致灾因素普查 (辖区或本企业矿山)',
        querystring: SurveyListQuery,
        response: responses(api.surveys.response),
      },
    },
    (req) => service.listSurveys(deps, principalOf(req), req.query),
  );
  r.post(
    api.fileSurvey.path,
    {
      config: file,
      schema: {
        tags,
        summary: '报送隐蔽致灾因素普查 (灾害等级按致灾因素就高不就低; 审查通过后生效并公示)',
        body: SurveyInput,
        response: responses(api.fileSurvey.response, api.fileSurvey.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.fileSurvey.status)
        .send(await service.fileSurvey(deps, principalOf(req), req.body)),
  );
  r.get(
    api.findings.path,
    {
      config: read,
      schema: {
        tags,
        summary: '未普查或普查过期的矿山',
        querystring: SurveyFindingsQuery,
        response: responses(api.findings.response),
      },
    },
    (req) => service.listFindings(deps, principalOf(req), req.query),
  );
  r.get(
    api.survey.path,
    {
      config: read,
      schema: {
        tags,
        summary: '普查详情: 致灾因素、分区、审查与报告',
        params: IdParams,
        response: responses(api.survey.response),
      },
    },
    (req) => service.getSurvey(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.reviewSurvey.path,
    {
      config: { permission: SurveyPermission.Review },
      schema: {
        tags,
        summary: '审查普查: 通过 (设定并公示灾害防治等级) 或退回重查',
        params: IdParams,
        body: ReviewInput.extend({ version: z.number().int().positive().optional() }),
        response: responses(api.reviewSurvey.response),
      },
    },
    (req) => service.reviewSurvey(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    api.addSurveyFile.path,
    {
      config: file,
      schema: {
        tags,
        summary: '上传普查报告 (PDF/图片, 按内容识别类型)',
        params: IdParams,
        response: responses(api.addSurveyFile.response, api.addSurveyFile.status),
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, EvidenceLimits.bytesMax);
      return reply.status(201).send(
        await service.addSurveyFile(deps, principalOf(req), req.params.id, {
          fileName: upload.filename,
          data: upload.data,
        }),
      );
    },
  );
  r.get(
    '/api/surveys/:id/files/:fileId',
    {
      config: read,
      schema: {
        tags,
        summary: '下载普查报告',
        params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await service.getSurveyFile(deps, principalOf(req), req.params.id, req.params.fileId),
      ),
  );
  r.get(
    api.publicGrades.path,
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '矿山灾害防治等级公示 (公开; 仅审查通过的普查)',
        querystring: PublicGradesQuery,
        response: responses(api.publicGrades.response),
      },
    },
    (req) => publicGrades(deps, req.query.region),
  );
}

/** Who may see a survey's audit history: whoever may see the survey. */
export function surveysVisibility(deps: ServiceDeps) {
  return {
    hidden_hazard_survey: (p: Principal, id: string) => service.getSurvey(deps, p, id),
  };
}
