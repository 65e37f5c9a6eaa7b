/**
 * @module HTTP adapter of the 攻坚清单's plans and tasks (issue 8 §1): plans, tasks, their progress and
 * its evidence, the 任务分解表 import and export.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionPlansApi as api } from '../../../shared/action-plans.api.ts';
import {
  TaskFileParams,
  TaskProgressInput,
  TaskProgressParams,
  WorkPlanInput,
  WorkTaskInput,
  WorkTaskUpdateInput,
} from '../../../shared/action-plans.schemas.ts';
import { ExportFormat } from '../../../shared/common.schemas.ts';
import { EvidenceLimits, RegistryValidation } from '../../../shared/limits.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { readUpload, sendStoredFile } from '../../platform/files/files.http.ts';
import { IdParams, responses, sendFile } from '../../platform/http/route-helpers.ts';
import { getPeriodicReport } from './periodic-report.service.ts';
import { addProgressFile, getProgressFile } from './task.evidence.ts';
import { exportTasks, importTasks } from './task.import.ts';
import * as service from './work-plan.service.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';

export function registerWorkPlanRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['action-plans'];
  const read = { permission: ActionPlanPermission.Read };
  const manage = { permission: ActionPlanPermission.Manage };
  const progress = { permission: ActionPlanPermission.Progress };
  r.get(
    api.listPlans.path,
    {
      config: read,
      schema: { tags, summary: '攻坚方案', response: responses(api.listPlans.response) },
    },
    (req) => service.listPlans(deps, principalOf(req)),
  );
  r.post(
    api.createPlan.path,
    {
      config: manage,
      schema: {
        tags,
        summary: '制定攻坚方案 (本单位辖区)',
        body: WorkPlanInput,
        response: responses(api.createPlan.response, api.createPlan.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createPlan(deps, principalOf(req), req.body)),
  );
  r.get(
    api.getPlan.path,
    {
      config: read,
      schema: {
        tags,
        summary: '攻坚方案及其任务 (辖区外的单位只见本单位承担的任务)',
        params: IdParams,
        response: responses(api.getPlan.response),
      },
    },
    (req) => service.getPlan(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.createTask.path,
    {
      config: manage,
      schema: {
        tags,
        summary: '新增任务',
        params: IdParams,
        body: WorkTaskInput,
        response: responses(api.createTask.response, api.createTask.status),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createTask(deps, principalOf(req), req.params.id, req.body)),
  );
  r.post(
    api.importTasks.path,
    {
      config: manage,
      schema: {
        tags,
        summary: '导入任务分解表 (CSV/xlsx; 逐行校验, 全部正确才写入)',
        params: IdParams,
        response: responses(api.importTasks.response),
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
    api.getTask.path,
    {
      config: read,
      schema: {
        tags,
        summary: '任务及其进展报送',
        params: IdParams,
        response: responses(api.getTask.response),
      },
    },
    (req) => service.getTask(deps, principalOf(req), req.params.id),
  );
  r.put(
    api.updateTask.path,
    {
      config: manage,
      schema: {
        tags,
        summary: '修改任务',
        params: IdParams,
        body: WorkTaskUpdateInput,
        response: responses(api.updateTask.response),
      },
    },
    (req) => service.updateTask(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    api.reportProgress.path,
    {
      config: progress,
      schema: {
        tags,
        summary: '报送任务进展 (牵头单位、配合单位)',
        params: IdParams,
        body: TaskProgressInput,
        response: responses(api.reportProgress.response, api.reportProgress.status),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.reportProgress(deps, principalOf(req), req.params.id, req.body)),
  );
  r.post(
    api.addProgressFile.path,
    {
      config: progress,
      schema: {
        tags,
        summary: '为进展报送附加证明材料 (图片/PDF, 按内容识别类型)',
        params: TaskProgressParams,
        response: responses(api.addProgressFile.response, api.addProgressFile.status),
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, EvidenceLimits.bytesMax);
      return reply.status(201).send(
        await addProgressFile(deps, principalOf(req), req.params.id, req.params.progressId, {
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
      schema: { tags, summary: '下载进展证明材料', params: TaskFileParams },
    },
    async (req, reply) =>
      sendStoredFile(
        reply,
        await getProgressFile(deps, principalOf(req), req.params.id, req.params.fileId),
      ),
  );
}

/** Whether the caller may see the history of a plan, a task or a periodic report (404 if not). */
export function actionPlansVisibility(deps: ServiceDeps) {
  return {
    work_plan: (p: Principal, id: string) => service.getPlan(deps, p, id),
    work_task: (p: Principal, id: string) => service.getTask(deps, p, id),
    plan_report: (p: Principal, id: string) => getPeriodicReport(deps, p, id),
  };
}
