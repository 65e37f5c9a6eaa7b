/** @module HTTP adapter of the plans module (issue 8 §1): plans, tasks, progress reports, 任务分解表. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExportFormat } from '../../../shared/common.schemas.ts';
import { RegistryValidation } from '../../../shared/limits.ts';
import { TaskReportInput, WorkPlanInput, WorkTaskInput } from '../../../shared/plans.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses, sendEvidence, sendFile } from '../../platform/http/route-helpers.ts';
import { EvidenceLimits } from '../../../shared/limits.ts';
import { addReportEvidence, getReportEvidence } from './task.evidence.ts';
import { readUpload } from '../../platform/http/upload.http.ts';
import { exportTasks, importTasks } from './task.import.ts';
import { getReport } from './periodic-report.service.ts';
import * as service from './work-plan.service.ts';
import { WorkPlanPermission } from './action-plans.permissions.ts';

const Plan = z.looseObject({ id: z.uuid(), title: z.string() });
const Task = z.looseObject({ id: z.uuid(), number: z.string() });

export function registerPlanRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];
  const read = { permission: WorkPlanPermission.Read };
  const manage = { permission: WorkPlanPermission.Manage };
  r.get(
    '/api/work-plans',
    { config: read, schema: { tags, summary: '攻坚方案', response: responses(z.array(Plan)) } },
    (req) => service.listPlans(deps, principalOf(req)),
  );
  r.post(
    '/api/work-plans',
    {
      config: manage,
      schema: {
        tags,
        summary: '制定攻坚方案 (本单位辖区)',
        body: WorkPlanInput,
        response: responses(Plan, 201),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createPlan(deps, principalOf(req), req.body)),
  );
  r.get(
    '/api/work-plans/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '攻坚方案及其任务 (辖区外的单位只见本单位承担的任务)',
        params: IdParams,
        response: responses(Plan),
      },
    },
    (req) => service.getPlan(deps, principalOf(req), req.params.id),
  );
  r.post(
    '/api/work-plans/:id/tasks',
    {
      config: manage,
      schema: {
        tags,
        summary: '新增任务',
        params: IdParams,
        body: WorkTaskInput,
        response: responses(Task, 201),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createTask(deps, principalOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/work-plans/:id/tasks/import',
    {
      config: manage,
      schema: {
        tags,
        summary: '导入任务分解表 (CSV/xlsx; 逐行校验, 全部正确才写入)',
        params: IdParams,
        response: responses(z.object({ imported: z.number() })),
      },
    },
    async (req) =>
      importTasks(
        deps,
        principalOf(req),
        req.params.id,
        await readUpload(req, RegistryValidation.importBytesMax),
      ),
  );
  r.get(
    '/api/work-plans/:id/tasks/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出任务分解表',
        params: IdParams,
        querystring: z.strictObject({ format: ExportFormat.default('xlsx') }),
      },
    },
    async (req, reply) =>
      sendFile(
        reply,
        await exportTasks(deps, principalOf(req), req.params.id, req.query.format),
        req.query.format,
        '任务分解表',
      ),
  );
  r.get(
    '/api/work-tasks/:id',
    {
      config: read,
      schema: { tags, summary: '任务及其进展报送', params: IdParams, response: responses(Task) },
    },
    (req) => service.getTask(deps, principalOf(req), req.params.id),
  );
  r.put(
    '/api/work-tasks/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改任务',
        params: IdParams,
        body: WorkTaskInput.extend({ version: z.number().int().positive().optional() }),
        response: responses(Task),
      },
    },
    (req) => service.updateTask(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/work-tasks/:id/reports',
    {
      config: { permission: WorkPlanPermission.TaskReport },
      schema: {
        tags,
        summary: '报送任务进展 (牵头单位、配合单位)',
        params: IdParams,
        body: TaskReportInput,
        response: responses(Task, 201),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.reportProgress(deps, principalOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/work-tasks/:id/reports/:reportId/files',
    {
      config: { permission: WorkPlanPermission.TaskReport },
      schema: {
        tags,
        summary: '为进展报送附加证明材料 (图片/PDF, 按内容识别类型)',
        params: z.strictObject({ id: z.uuid(), reportId: z.uuid() }),
        response: responses(z.looseObject({ id: z.uuid() }), 201),
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, EvidenceLimits.bytesMax);
      return reply.status(201).send(
        await addReportEvidence(deps, principalOf(req), req.params.id, req.params.reportId, {
          fileName: file.filename,
          data: file.data,
        }),
      );
    },
  );
  r.get(
    '/api/work-tasks/:id/files/:fileId',
    {
      config: read,
      schema: {
        tags,
        summary: '下载进展证明材料',
        params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
      },
    },
    async (req, reply) =>
      sendEvidence(
        reply,
        await getReportEvidence(deps, principalOf(req), req.params.id, req.params.fileId),
      ),
  );
}

export function plansVisibility(deps: ServiceDeps) {
  return {
    work_plan: (p: Principal, id: string) => service.getPlan(deps, p, id),
    work_task: (p: Principal, id: string) => service.getTask(deps, p, id),
    plan_report: (p: Principal, id: string) => getReport(deps, p, id),
  };
}
