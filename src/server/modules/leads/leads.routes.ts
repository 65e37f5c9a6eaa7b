/**
 * @module HTTP adapter of the leads module: leads and their steps, exports, the mine-level series,
 * meters, registered areas and the import of meter exports.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExportFormat } from '../../../shared/common.schemas.ts';
import { leadsApi } from '../../../shared/leads.api.ts';
import {
  AreaInput,
  AreaUpdateInput,
  LeadAssignInput,
  LeadConvertInput,
  LeadDismissInput,
  LeadListQuery,
  LeadSummaryQuery,
  LeadVerifyInput,
  MeterInput,
  SeriesQuery,
} from '../../../shared/leads.schemas.ts';
import { RegistryValidation } from '../../../shared/limits.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses, sendFile } from '../../platform/http/route-helpers.ts';
import { exportLead, exportLeads } from './lead.export.ts';
import * as leadsService from './lead.service.ts';
import * as setup from './meter.service.ts';
import { importSeries, readMineSeries } from './series.service.ts';
import { AccessPermission } from '../access/access.permissions.ts';
import { LeadPermission } from './leads.permissions.ts';
import { readUpload } from '../../platform/files/files.http.ts';

export function registerLeadRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['leads'];
  const read = { permission: LeadPermission.Read };

  r.get(
    leadsApi.list.path,
    {
      config: read,
      schema: {
        tags,
        summary: '线索列表 (逐因素分析比对)',
        querystring: LeadListQuery,
        response: responses(leadsApi.list.response, leadsApi.list.status),
      },
    },
    (req) => leadsService.listLeads(deps, principalOf(req), req.query),
  );
  r.get(
    leadsApi.summary.path,
    {
      config: read,
      schema: {
        tags,
        summary: '线索概况 (首页卡片)',
        querystring: LeadSummaryQuery,
        response: responses(leadsApi.summary.response, leadsApi.summary.status),
      },
    },
    (req) => leadsService.leadSummary(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/leads/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出线索及证据 (xlsx 含证据表)',
        querystring: LeadListQuery.omit({ limit: true, cursor: true }).extend({
          format: ExportFormat.default('xlsx'),
        }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const data = await exportLeads(deps, principalOf(req), { ...q, limit: 1 }, format);
      return sendFile(reply, data, format, '线索');
    },
  );
  r.get(
    leadsApi.get.path,
    {
      config: read,
      schema: {
        tags,
        summary: '线索详情: 证据与处置过程',
        params: IdParams,
        response: responses(leadsApi.get.response, leadsApi.get.status),
      },
    },
    (req) => leadsService.getLead(deps, principalOf(req), req.params.id),
  );
  r.get(
    '/api/leads/:id/export',
    {
      config: read,
      schema: { tags, summary: '导出一条线索: 证据与窗口前后的序列', params: IdParams },
    },
    async (req, reply) => {
      const file = await exportLead(deps, principalOf(req), req.params.id);
      return sendFile(reply, file.data, 'xlsx', file.name);
    },
  );
  r.get(
    leadsApi.assignees.path,
    {
      config: { permission: LeadPermission.Assign },
      schema: {
        tags,
        summary: '可指派的执法人员 (管辖该矿山的单位)',
        params: IdParams,
        response: responses(leadsApi.assignees.response, leadsApi.assignees.status),
      },
    },
    (req) => leadsService.assigneesFor(deps, principalOf(req), req.params.id),
  );
  r.post(
    leadsApi.assign.path,
    {
      config: { permission: LeadPermission.Assign },
      schema: {
        tags,
        summary: '指派执法人员核查',
        params: IdParams,
        body: LeadAssignInput,
        response: responses(leadsApi.assign.response, leadsApi.assign.status),
      },
    },
    (req) => leadsService.assignLead(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    leadsApi.verify.path,
    {
      config: { permission: LeadPermission.Handle },
      schema: {
        tags,
        summary: '登记现场核查结果',
        params: IdParams,
        body: LeadVerifyInput,
        response: responses(leadsApi.verify.response, leadsApi.verify.status),
      },
    },
    (req) => leadsService.verifyLead(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    leadsApi.convert.path,
    {
      config: { permission: LeadPermission.Handle },
      schema: {
        tags,
        summary: '转为重大事故隐患 (写入隐患库) 或执法检查发现',
        params: IdParams,
        body: LeadConvertInput,
        response: responses(leadsApi.convert.response, leadsApi.convert.status),
      },
    },
    (req) => leadsService.convertLead(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    leadsApi.dismiss.path,
    {
      config: { permission: LeadPermission.Handle },
      schema: {
        tags,
        summary: '排除线索 (须说明理由)',
        params: IdParams,
        body: LeadDismissInput,
        response: responses(leadsApi.dismiss.response, leadsApi.dismiss.status),
      },
    },
    (req) => leadsService.dismissLead(deps, principalOf(req), req.params.id, req.body),
  );

  r.get(
    leadsApi.mineSeries.path,
    {
      config: read,
      schema: {
        tags,
        summary: '矿山多因素序列 (用电量、井下人数、产量…), 小时或日',
        params: IdParams,
        querystring: SeriesQuery,
        response: responses(leadsApi.mineSeries.response, leadsApi.mineSeries.status),
      },
    },
    (req) => readMineSeries(deps, principalOf(req), req.params.id, req.query),
  );
  r.get(
    leadsApi.meters.path,
    {
      config: read,
      schema: {
        tags,
        summary: '矿山登记的计量表',
        params: IdParams,
        response: responses(leadsApi.meters.response, leadsApi.meters.status),
      },
    },
    (req) => setup.listMeters(deps, principalOf(req), req.params.id),
  );
  r.post(
    leadsApi.addMeter.path,
    {
      config: { permission: LeadPermission.SeriesWrite },
      schema: {
        tags,
        summary: '登记计量表 (表号 → 矿山、因素、区域)',
        params: IdParams,
        body: MeterInput,
        response: responses(leadsApi.addMeter.response, leadsApi.addMeter.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await setup.addMeter(deps, principalOf(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/meters/:id',
    {
      config: { permission: LeadPermission.SeriesWrite },
      schema: { tags, summary: '停用计量表', params: IdParams },
    },
    async (req, reply) => {
      await setup.archiveMeter(deps, principalOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    leadsApi.areas.path,
    {
      config: read,
      schema: {
        tags,
        summary: '矿山登记的井下区域 (采掘工作面等)',
        params: IdParams,
        response: responses(leadsApi.areas.response, leadsApi.areas.status),
      },
    },
    (req) => setup.listAreas(deps, principalOf(req), req.params.id),
  );
  r.post(
    leadsApi.addArea.path,
    {
      config: { permission: LeadPermission.SeriesWrite },
      schema: {
        tags,
        summary: '登记井下区域',
        params: IdParams,
        body: AreaInput,
        response: responses(leadsApi.addArea.response, leadsApi.addArea.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await setup.addArea(deps, principalOf(req), req.params.id, req.body)),
  );
  r.patch(
    leadsApi.updateArea.path,
    {
      config: { permission: LeadPermission.SeriesWrite },
      schema: {
        tags,
        summary: '修改区域类型或状态 (如工作面封闭)',
        params: IdParams,
        body: AreaUpdateInput,
        response: responses(leadsApi.updateArea.response, leadsApi.updateArea.status),
      },
    },
    (req) => setup.updateArea(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    leadsApi.importSeries.path,
    {
      config: { permission: LeadPermission.SeriesWrite },
      schema: {
        tags,
        summary: '导入计量表导出文件 (CSV/xlsx: 表号、时段、数值), 逐行校验, 有错则不写入',
        consumes: ['multipart/form-data'],
        querystring: z.strictObject({}),
        response: responses(leadsApi.importSeries.response, leadsApi.importSeries.status),
      },
    },
    async (req) => {
      const file = await readUpload(req, RegistryValidation.importBytesMax);
      return importSeries(deps, principalOf(req), {
        data: file.data,
        filename: file.filename,
      });
    },
  );
}

/** Who may read each leads entity's audit trail. */
export function leadsVisibility(deps: ServiceDeps) {
  return {
    lead: (p: Parameters<typeof leadsService.leadVisible>[1], id: string) =>
      leadsService.leadVisible(deps, p, id),
    mine_meter: (p: Parameters<typeof setup.getMeterVisible>[1], id: string) =>
      setup.getMeterVisible(deps, p, id),
    mine_area: (p: Parameters<typeof setup.getAreaVisible>[1], id: string) =>
      setup.getAreaVisible(deps, p, id),
    // An import spans meters and mines; its trail is for the system administrators (a regional admin,
    // who also manages users, is not one).
    series_import: (p: Parameters<typeof setup.getAreaVisible>[1], id: string) => {
      requirePermission(p, AccessPermission.UserManage);
      return p.scope.kind === 'all'
        ? Promise.resolve()
        : Promise.reject(notFound('series_import', id));
    },
  };
}
