/**
 * @module HTTP adapter of the stopped-mines loop: 整改方案, declarations of work and their rejection,
 * 包保责任人 and their visits. Jurisdiction is decided in the service (mineScopeCondition / visibleByMine).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stoppedApi as api } from '../../../shared/stopped.api.ts';
import {
  DeclarationInput,
  DeclarationListQuery,
  DeclarationRejectInput,
  PatrolInput,
  RectificationPlanInput,
  WardenInput,
} from '../../../shared/stopped.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { z } from 'zod';
import { readUpload, sendStoredFile } from '../../platform/files/files.http.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { StoppedPermission } from './stopped.permissions.ts';
import * as service from './stopped.service.ts';
import { addPatrolPhoto, getPatrolPhoto, patrolPhotoPolicy } from './stopped.photos.ts';

export function registerStoppedRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['stopped'];
  const read = { permission: StoppedPermission.Read };
  const declare = { permission: StoppedPermission.Declare };

  r.post(
    api.filePlan.path,
    {
      config: declare,
      schema: {
        tags,
        summary: '停产矿山报送整改方案',
        body: RectificationPlanInput,
        response: responses(api.filePlan.response, api.filePlan.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.filePlan(deps, principalOf(req), req.body)),
  );
  r.get(
    api.listPlans.path,
    {
      config: read,
      schema: {
        tags,
        summary: '整改方案 (管辖范围内)',
        querystring: DeclarationListQuery,
        response: responses(api.listPlans.response),
      },
    },
    (req) => service.listPlans(deps, principalOf(req), req.query.mineId),
  );
  r.post(
    api.declare.path,
    {
      config: declare,
      schema: {
        tags,
        summary: '停产矿山作业申报 (目的、地点、每处人数、用电、起止日期)',
        body: DeclarationInput,
        response: responses(api.declare.response, api.declare.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.declareWork(deps, principalOf(req), req.body)),
  );
  r.get(
    api.listDeclarations.path,
    {
      config: read,
      schema: {
        tags,
        summary: '停产矿山作业申报 (管辖范围内)',
        querystring: DeclarationListQuery,
        response: responses(api.listDeclarations.response),
      },
    },
    (req) => service.listDeclarations(deps, principalOf(req), req.query.mineId),
  );
  r.get(
    api.getDeclaration.path,
    {
      config: read,
      schema: {
        tags,
        summary: '作业申报详情',
        params: IdParams,
        response: responses(api.getDeclaration.response),
      },
    },
    (req) => service.getDeclaration(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.rejectDeclaration.path,
    {
      config: { permission: StoppedPermission.Review },
      schema: {
        tags,
        summary: '驳回作业申报 (须说明理由)',
        params: IdParams,
        body: DeclarationRejectInput,
        response: responses(api.rejectDeclaration.response),
      },
    },
    (req) => service.rejectDeclaration(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    api.assignWarden.path,
    {
      config: { permission: StoppedPermission.Assign },
      schema: {
        tags,
        summary: '指定停产矿山包保责任人',
        body: WardenInput,
        response: responses(api.assignWarden.response, api.assignWarden.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.assignWarden(deps, principalOf(req), req.body)),
  );
  r.get(
    api.listWardens.path,
    {
      config: read,
      schema: {
        tags,
        summary: '包保责任人及巡查是否逾期',
        response: responses(api.listWardens.response),
      },
    },
    (req) => service.listWardens(deps, principalOf(req)),
  );
  r.post(
    api.recordPatrol.path,
    {
      config: { permission: StoppedPermission.Patrol },
      schema: {
        tags,
        summary: '记录驻矿盯守 / 巡查',
        body: PatrolInput,
        response: responses(api.recordPatrol.response, api.recordPatrol.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.recordPatrol(deps, principalOf(req), req.body)),
  );
  r.get(
    api.listPatrols.path,
    {
      config: read,
      schema: {
        tags,
        summary: '驻矿盯守 / 巡查记录',
        querystring: DeclarationListQuery,
        response: responses(api.listPatrols.response),
      },
    },
    (req) => service.listPatrols(deps, principalOf(req), req.query.mineId),
  );
  r.post(
    api.addPatrolPhoto.path,
    {
      config: { permission: StoppedPermission.Patrol },
      schema: {
        tags,
        summary: '上传巡查现场照片 (multipart 字段 file; JPEG/PNG/WebP)',
        params: IdParams,
        response: responses(api.addPatrolPhoto.response, api.addPatrolPhoto.status),
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, patrolPhotoPolicy.bytesMax);
      return reply.status(201).send(
        await addPatrolPhoto(deps, principalOf(req), req.params.id, {
          fileName: file.filename,
          data: file.data,
        }),
      );
    },
  );
  r.get(
    '/api/stopped/patrols/:id/photos/:photoId',
    {
      config: read,
      schema: {
        tags,
        summary: '巡查现场照片',
        params: z.strictObject({ id: z.uuid(), photoId: z.uuid() }),
      },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await getPatrolPhoto(deps, principalOf(req), req.params.id, req.params.photoId),
      ),
  );
}

export function stoppedVisibility(deps: ServiceDeps) {
  return {
    stopped_declaration: (p: Parameters<typeof service.getDeclaration>[1], id: string) =>
      service.getDeclaration(deps, p, id),
    stopped_plan: service.visibleEntity(deps, 'plan'),
    stopped_warden: service.visibleEntity(deps, 'warden'),
    stopped_patrol: service.visibleEntity(deps, 'patrol'),
  };
}
