/**
 * @module HTTP adapter for mines, their status history, licences, import and export.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { RegistryValidation } from '../../../shared/limits.ts';
import {
  LicenceInput,
  LicenceUpdateInput,
  MineCreateInput,
  MineImportQuery,
  MineListQuery,
  MineResumptionInput,
  MineStatusChangeInput,
  MineUpdateInput,
} from '../../../shared/registry.schemas.ts';
import { minesApi } from '../../../shared/registry.api.ts';
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
    api: minesApi,
    tags,
    label: '矿山',
    listQuery: MineListQuery,
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
    minesApi.import.path,
    {
      config: { permission: RegistryPermission.Import },
      schema: {
        tags,
        summary: '从 CSV 或 xlsx 导入矿山 (multipart 字段 file)',
        description:
          '先校验整个文件并逐行报告错误。mode=all (默认) 时任何一行有错误都不写入; mode=valid-only 时只写入正确的行; dryRun=true 只校验。',
        querystring: MineImportQuery,
        response: responses(minesApi.import.response, minesApi.import.status),
      },
    },
    async (req) => {
      const principal = principalOf(req);
      const file = await readUpload(req, RegistryValidation.importBytesMax);
      return importMines(deps, principal, file, req.query);
    },
  );
  r.post(
    minesApi.changeStatus.path,
    {
      config: { permission: RegistryPermission.MineStatusChange },
      schema: {
        tags,
        summary: '变更矿山状态 (记录日期与原因)',
        params: IdParams,
        body: MineStatusChangeInput,
        response: responses(minesApi.changeStatus.response, minesApi.changeStatus.status),
      },
    },
    (req) => service.changeMineStatus(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    minesApi.acceptResumption.path,
    {
      config: { permission: RegistryPermission.MineStatusChange },
      schema: {
        tags,
        summary: '复工复产验收 (停产整顿的矿山验收合格后恢复生产)',
        params: IdParams,
        body: MineResumptionInput,
        response: responses(minesApi.acceptResumption.response, minesApi.acceptResumption.status),
      },
    },
    (req) => service.acceptResumption(deps, principalOf(req), req.params.id, req.body),
  );
  r.get(
    minesApi.statusHistory.path,
    {
      config: { permission: RegistryPermission.Read },
      schema: {
        tags,
        summary: '矿山状态变更历史',
        params: IdParams,
        response: responses(minesApi.statusHistory.response, minesApi.statusHistory.status),
      },
    },
    (req) => service.getStatusHistory(deps, principalOf(req), req.params.id),
  );
  r.post(
    minesApi.addLicence.path,
    {
      config: { permission: RegistryPermission.LicenceManage },
      schema: {
        tags,
        summary: '添加证照',
        params: IdParams,
        body: LicenceInput,
        response: responses(minesApi.addLicence.response, minesApi.addLicence.status),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.addLicence(deps, principalOf(req), req.params.id, req.body)),
  );
  r.patch(
    minesApi.updateLicence.path,
    {
      config: { permission: RegistryPermission.LicenceManage },
      schema: {
        tags,
        summary: '修改证照 (如换证延期)',
        params: IdParams,
        body: LicenceUpdateInput,
        response: responses(minesApi.updateLicence.response, minesApi.updateLicence.status),
      },
    },
    (req) => service.updateLicence(deps, principalOf(req), req.params.id, req.body),
  );
  r.delete(
    minesApi.archiveLicence.path,
    {
      config: { permission: RegistryPermission.LicenceManage },
      schema: {
        tags,
        summary: '归档证照',
        params: IdParams,
        response: responses(minesApi.archiveLicence.response, minesApi.archiveLicence.status),
      },
    },
    (req) => service.archiveLicence(deps, principalOf(req), req.params.id),
  );
}
