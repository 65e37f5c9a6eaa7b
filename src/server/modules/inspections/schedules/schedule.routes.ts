/**
 * @module HTTP adapter of the yearly inspection schedules (issue 7 §1): the preview within a unit's
 * capacity, the stored schedule of the caller's unit, and the schedules of the jurisdiction.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ScheduleListQuery,
  SchedulePreviewInput,
  ScheduleSaveInput,
} from '../../../../shared/inspection-schedules.schemas.ts';
import { inspectionsApi as api } from '../../../../shared/inspections.api.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { principalOf } from '../../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../../platform/http/route-helpers.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import * as schedules from './schedule.service.ts';

/** Registers the schedule routes. */
export function registerScheduleRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];
  const read = { permission: InspectionPermission.Read };

  r.post(
    api.previewSchedule.path,
    {
      config: read,
      schema: {
        tags,
        summary: '按风险等级和执法能力预排年度检查计划 (不保存)',
        body: SchedulePreviewInput,
        response: responses(api.previewSchedule.response),
      },
    },
    (req) => schedules.previewSchedule(deps, principalOf(req), req.body),
  );
  r.post(
    api.saveSchedule.path,
    {
      config: { permission: InspectionPermission.Schedule },
      schema: {
        tags,
        summary: '生成并保存本单位年度检查计划 (重新生成只替换尚未执行的检查)',
        body: ScheduleSaveInput,
        response: responses(api.saveSchedule.response, api.saveSchedule.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await schedules.saveSchedule(deps, principalOf(req), req.body)),
  );
  r.get(
    api.listSchedules.path,
    {
      config: read,
      schema: {
        tags,
        summary: '辖区内各单位的年度检查计划',
        querystring: ScheduleListQuery,
        response: responses(api.listSchedules.response),
      },
    },
    (req) => schedules.listSchedules(deps, principalOf(req), req.query),
  );
  r.get(
    api.getSchedule.path,
    {
      config: read,
      schema: {
        tags,
        summary: '年度检查计划及其每次检查 (含四不两直日期, 仅监管部门可见)',
        params: IdParams,
        response: responses(api.getSchedule.response),
      },
    },
    (req) => schedules.getSchedule(deps, principalOf(req), req.params.id),
  );
}
