/**
 * @module HTTP adapter of the inspection records (issue 7 §2, §5): inspections with findings, photos,
 * on-site orders and rechecks, the 典型案例 mark and its export. Every route is scoped by the inspected
 * mine's jurisdiction in the service layer.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inspectionsApi as api } from '../../../../shared/inspections.api.ts';
import {
  EligibleInspectorsQuery,
  FindingInput,
  InspectionCreateInput,
  InspectionListQuery,
  InspectionUpdateInput,
  RecheckInput,
  ResumptionInput,
  SuspendOrderInput,
  TypicalCasesExportQuery,
  TypicalInput,
} from '../../../../shared/inspections.schemas.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { principalOf } from '../../../platform/http/auth.http.ts';
import { IdParams, responses, sendFile } from '../../../platform/http/route-helpers.ts';
import { readUpload, sendStoredFile } from '../../../platform/files/files.http.ts';
import { RegistryPermission } from '../../registry/registry.permissions.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { addFinding } from './finding.service.ts';
import * as records from './inspection.service.ts';
import { decideResumption, suspendMine } from './order.service.ts';
import { addPhoto, getPhoto, inspectionPhotoPolicy } from './photo.service.ts';
import { exportTypicalCases } from './typical-case.export.ts';
import { exportInspections } from './inspection.export.ts';
import { exportQueryOf } from '../../../../shared/common.schemas.ts';

/** Registers the inspection record routes. */
export function registerRecordRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];
  const read = { permission: InspectionPermission.Read };
  const write = { permission: InspectionPermission.Write };

  r.get(
    api.listInspections.path,
    {
      config: read,
      schema: {
        tags,
        summary: '执法检查记录',
        querystring: InspectionListQuery,
        response: responses(api.listInspections.response),
      },
    },
    (req) => records.listInspections(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/inspections/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出执法检查记录 (按列表的筛选条件)',
        querystring: exportQueryOf(InspectionListQuery),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const data = await exportInspections(deps, principalOf(req), q, format);
      return sendFile(reply, data, format, '执法检查');
    },
  );
  r.get(
    api.eligibleInspectors.path,
    {
      config: read,
      schema: {
        tags,
        summary: '对该矿山有管辖权的执法人员 (组成检查组)',
        querystring: EligibleInspectorsQuery,
        response: responses(api.eligibleInspectors.response),
      },
    },
    (req) => records.eligibleInspectors(deps, principalOf(req), req.query.mineId),
  );
  r.post(
    api.createInspection.path,
    {
      config: write,
      schema: {
        tags,
        summary: '记录一次执法检查 (检查组至少 2 人)',
        body: InspectionCreateInput,
        response: responses(api.createInspection.response, api.createInspection.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await records.createInspection(deps, principalOf(req), req.body)),
  );
  r.get(
    api.getInspection.path,
    {
      config: read,
      schema: {
        tags,
        summary: '检查记录详情',
        params: IdParams,
        response: responses(api.getInspection.response),
      },
    },
    (req) => records.getInspection(deps, principalOf(req), req.params.id),
  );
  r.patch(
    api.updateInspection.path,
    {
      config: write,
      schema: {
        tags,
        summary: '填写检查表、检查情况、执法记录仪编号、复查日期',
        params: IdParams,
        body: InspectionUpdateInput,
        response: responses(api.updateInspection.response),
      },
    },
    (req) => records.updateInspection(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    api.addFinding.path,
    {
      config: write,
      schema: {
        tags,
        summary: '记录发现的问题 (重大事故隐患同时进入隐患台账)',
        params: IdParams,
        body: FindingInput,
        response: responses(api.addFinding.response, api.addFinding.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addFinding(deps, principalOf(req), req.params.id, req.body)),
  );
  r.post(
    api.addPhoto.path,
    {
      config: write,
      schema: {
        tags,
        summary: '上传现场照片 (multipart 字段 file; JPEG/PNG/WebP)',
        params: IdParams,
        response: responses(api.addPhoto.response, api.addPhoto.status),
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, inspectionPhotoPolicy.bytesMax);
      return reply.status(201).send(
        await addPhoto(deps, principalOf(req), req.params.id, {
          fileName: file.filename,
          data: file.data,
        }),
      );
    },
  );
  r.get(
    '/api/inspections/:id/photos/:photoId',
    {
      config: read,
      schema: {
        tags,
        summary: '现场照片',
        params: z.strictObject({ id: z.uuid(), photoId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const photo = await getPhoto(deps, principalOf(req), req.params.id, req.params.photoId);
      return sendStoredFile(reply, photo);
    },
  );
  r.post(
    api.suspendMine.path,
    {
      config: { permission: RegistryPermission.MineStatusChange },
      schema: {
        tags,
        summary: '现场责令停产整顿 (经矿山档案变更状态并留存历史)',
        params: IdParams,
        body: SuspendOrderInput,
        response: responses(api.suspendMine.response, api.suspendMine.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await suspendMine(deps, principalOf(req), req.params.id, req.body)),
  );
  r.post(
    api.decideResumption.path,
    {
      config: { permission: RegistryPermission.MineStatusChange },
      schema: {
        tags,
        summary: '复工复产验收 (通过则恢复生产状态)',
        params: IdParams,
        body: ResumptionInput,
        response: responses(api.decideResumption.response),
      },
    },
    (req) => decideResumption(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    api.recordRecheck.path,
    {
      config: write,
      schema: {
        tags,
        summary: '记录复查',
        params: IdParams,
        body: RecheckInput,
        response: responses(api.recordRecheck.response),
      },
    },
    (req) => records.recordRecheck(deps, principalOf(req), req.params.id, req.body),
  );
  r.put(
    api.markTypical.path,
    {
      config: write,
      schema: {
        tags,
        summary: '标记或取消典型案例',
        params: IdParams,
        body: TypicalInput,
        response: responses(api.markTypical.response),
      },
    },
    (req) => records.markTypical(deps, principalOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/inspections/typical-cases/export',
    {
      config: read,
      schema: { tags, summary: '导出典型案例', querystring: TypicalCasesExportQuery },
    },
    async (req, reply) =>
      sendFile(
        reply,
        await exportTypicalCases(deps, principalOf(req), req.query),
        req.query.format,
        '典型案例',
      ),
  );
}
