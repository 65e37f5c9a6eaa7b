/**
 * @module HTTP adapter for mines, their status history, licences, import and export.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DateString, LongText, QueryBool } from '../../../shared/common.schemas.ts';
import { RegistryValidation } from '../../../shared/limits.ts';
import {
  LicenceInput,
  LicenceResponse,
  MineCreateInput,
  MineImportReport,
  MineListQuery,
  MineResponse,
  MineStatusChangeInput,
  MineStatusChangeResponse,
  MineUpdateInput,
} from '../../../shared/registry.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { registerCrudRoutes } from '../../platform/http/crud.routes.ts';
import { mineExportColumns } from './mine.columns.ts';
import { importMines } from './mine.import.ts';
import * as service from './mine.service.ts';
import { RegistryPermission } from './registry.permissions.ts';
import { readUpload } from '../../platform/files/files.http.ts';

export function registerMineRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['registry'];
  registerCrudRoutes(app, {
    base: '/api/mines',
    tags,
    label: '矿山',
    listQuery: MineListQuery,
    response: MineResponse,
    create: MineCreateInput,
    update: MineUpdateInput,
    permissions: {
      read: RegistryPermission.Read,
      write: RegistryPermission.MineCreate,
      update: RegistryPermission.MineUpdate,
      archive: RegistryPermission.MineArchive,
    },
    exportColumns: mineExportColumns,
    service: {
      list: (p, q) => service.listMines(deps, p, q),
      all: (p, q, max) => service.allMines(deps, p, q, max),
      create: (p, input) => service.createMine(deps, p, input),
      get: (p, id) => service.getMine(deps, p, id),
      update: (p, id, input) => service.updateMine(deps, p, id, input),
      archive: (p, id) => service.archiveMine(deps, p, id),
    },
  });
  r.post(
    '/api/mines/import',
    {
      config: { permission: RegistryPermission.Import },
      schema: {
        tags,
        summary: '从 CSV 或 xlsx 导入矿山 (multipart 字段 file)',
        description:
          '先校验整个文件并逐行报告错误。mode=all (默认) 时任何一行有错误都不写入; mode=valid-only 时只写入正确的行; dryRun=true 只校验。',
        querystring: z.strictObject({
          mode: z.enum(['all', 'valid-only']).default('all'),
          dryRun: QueryBool.default(false),
        }),
        response: responses(MineImportReport),
      },
    },
    async (req) => {
      const principal = principalOf(req);
      const file = await readUpload(req, RegistryValidation.importBytesMax);
      return importMines(deps, principal, file, req.query);
    },
  );
  r.post(
    '/api/mines/:id/status',
    {
      config: { permission: RegistryPermission.MineStatusChange },
      schema: {
        tags,
        summary: '变更矿山状态 (记录日期与原因)',
        params: IdParams,
        body: MineStatusChangeInput,
        response: responses(MineResponse),
      },
    },
    (req) => service.changeMineStatus(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/mines/:id/resumption',
    {
      config: { permission: RegistryPermission.MineStatusChange },
      schema: {
        tags,
        summary: '复工复产验收 (停产整顿的矿山验收合格后恢复生产)',
        params: IdParams,
        body: z.strictObject({ acceptedOn: DateString, note: LongText }),
        response: responses(MineResponse),
      },
    },
    (req) => service.acceptResumption(deps, principalOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/mines/:id/status-history',
    {
      config: { permission: RegistryPermission.Read },
      schema: {
        tags,
        summary: '矿山状态变更历史',
        params: IdParams,
        response: responses(z.array(MineStatusChangeResponse)),
      },
    },
    (req) => service.getStatusHistory(deps, principalOf(req), req.params.id),
  );
  r.post(
    '/api/mines/:id/licences',
    {
      config: { permission: RegistryPermission.LicenceManage },
      schema: {
        tags,
        summary: '添加证照',
        params: IdParams,
        body: LicenceInput,
        response: responses(LicenceResponse, 201),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.addLicence(deps, principalOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/licences/:id',
    {
      config: { permission: RegistryPermission.LicenceManage },
      schema: {
        tags,
        summary: '修改证照 (如换证延期)',
        params: IdParams,
        body: z.strictObject(LicenceInput.shape).partial(),
        response: responses(LicenceResponse),
      },
    },
    (req) => service.updateLicence(deps, principalOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/licences/:id',
    {
      config: { permission: RegistryPermission.LicenceManage },
      schema: { tags, summary: '归档证照', params: IdParams, response: responses(LicenceResponse) },
    },
    (req) => service.archiveLicence(deps, principalOf(req), req.params.id),
  );
}
