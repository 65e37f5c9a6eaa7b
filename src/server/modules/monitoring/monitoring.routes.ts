/**
 * @module HTTP adapter for risk monitoring: facilities, sensors and their thresholds, readings for
 * charts, alarms and their 叫应/回应/响应 handling, maintenance windows, the ingest endpoint (JSON,
 * NDJSON, CSV; gateway tokens) and the public one-time acknowledgement link.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IngestLimits, RegistryValidation } from '../../../shared/limits.ts';
import {
  AlarmListQuery,
  AlarmNoteInput,
  AlarmResponseInput,
  AlarmSummaryQuery,
  FacilityListQuery,
  FacilityInput,
  MaintenanceInput,
  MaintenanceListQuery,
  ReadingsQuery,
  SensorInput,
  SensorListQuery,
  SensorSpecUpdate,
} from '../../../shared/monitoring.schemas.ts';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode } from '../../platform/errors.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses, sendFile } from '../../platform/http/route-helpers.ts';
import { exportQueryOf } from '../../../shared/common.schemas.ts';
import { exportAlarms } from './alarm.export.ts';
import * as alarmsService from './alarm.service.ts';
import { formatOf, parseBatch } from './ingest.parse.ts';
import * as maintenance from './maintenance.service.ts';
import type { MonitoringRuntime } from './monitoring.runtime.ts';
import { readSeries } from './readings.service.ts';
import { importSensors } from './sensor.import.ts';
import * as sensors from './sensor.service.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';
import { readUpload } from '../../platform/files/files.http.ts';
import { ackPage, sendAckOutcome } from './ack-page.ts';

export function registerMonitoringRoutes(
  app: FastifyInstance,
  deps: ServiceDeps,
  monitoring: MonitoringRuntime,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitoring'];

  r.get(
    monitoringApi.facilities.path,
    {
      config: { permission: MonitoringPermission.Read },
      schema: {
        tags,
        summary: '监测设施及其综合预警颜色 (GB 39496-2020 5.5.4 逐级汇总)',
        querystring: FacilityListQuery,
        response: responses(monitoringApi.facilities.response, monitoringApi.facilities.status),
      },
    },
    (req) => sensors.listFacilities(deps, principalOf(req), req.query),
  );
  r.post(
    monitoringApi.createFacility.path,
    {
      config: { permission: MonitoringPermission.Manage },
      schema: {
        tags,
        summary: '登记监测设施',
        body: FacilityInput,
        response: responses(
          monitoringApi.createFacility.response,
          monitoringApi.createFacility.status,
        ),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await sensors.createFacility(deps, principalOf(req), req.body)),
  );
  r.get(
    monitoringApi.sensors.path,
    {
      config: { permission: MonitoringPermission.Read },
      schema: {
        tags,
        summary: '测点列表 (含当前预警级别)',
        querystring: SensorListQuery,
        response: responses(monitoringApi.sensors.response, monitoringApi.sensors.status),
      },
    },
    (req) => sensors.listSensors(deps, principalOf(req), req.query),
  );
  r.post(
    monitoringApi.createSensor.path,
    {
      config: { permission: MonitoringPermission.Manage },
      schema: {
        tags,
        summary:
          '登记测点 (可用预设: 甲烷:<设置地点>、CO、温度、浸润线:<红色埋深>、滑坡体:<红色位移>)',
        body: SensorInput,
        response: responses(monitoringApi.createSensor.response, monitoringApi.createSensor.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await sensors.createSensor(deps, principalOf(req), req.body)),
  );
  r.post(
    monitoringApi.importSensors.path,
    {
      config: { permission: MonitoringPermission.Manage },
      schema: {
        tags,
        summary: '从 CSV/xlsx 导入该矿山的测点 (整表校验, 有错则不导入)',
        params: IdParams,
        querystring: z.strictObject({}),
        response: responses(
          monitoringApi.importSensors.response,
          monitoringApi.importSensors.status,
        ),
      },
    },
    async (req) => {
      const file = await readUpload(req, RegistryValidation.importBytesMax);
      return importSensors(deps, principalOf(req), req.params.id, {
        data: file.data,
        filename: file.filename,
      });
    },
  );
  r.get(
    monitoringApi.sensor.path,
    {
      config: { permission: MonitoringPermission.Read },
      schema: {
        tags,
        summary: '测点详情',
        params: IdParams,
        response: responses(monitoringApi.sensor.response, monitoringApi.sensor.status),
      },
    },
    (req) => sensors.getSensor(deps, principalOf(req), req.params.id),
  );
  r.put(
    monitoringApi.updateSensorSpec.path,
    {
      config: { permission: MonitoringPermission.Manage },
      schema: {
        tags,
        summary: '修改测点阈值与检测参数 (留痕, 立即生效)',
        params: IdParams,
        body: SensorSpecUpdate,
        response: responses(
          monitoringApi.updateSensorSpec.response,
          monitoringApi.updateSensorSpec.status,
        ),
      },
    },
    (req) => sensors.updateSensorSpec(deps, principalOf(req), req.params.id, req.body),
  );
  r.get(
    monitoringApi.readings.path,
    {
      config: { permission: MonitoringPermission.Read },
      schema: {
        tags,
        summary: '测点数据 (原始或 5 分钟统计), 含阈值与告警标记',
        params: IdParams,
        querystring: ReadingsQuery,
        response: responses(monitoringApi.readings.response, monitoringApi.readings.status),
      },
    },
    (req) => readSeries(deps, principalOf(req), req.params.id, req.query),
  );
  r.get(
    monitoringApi.alarms.path,
    {
      config: { permission: MonitoringPermission.Read },
      schema: {
        tags,
        summary: '告警看板 (未叫应优先)',
        querystring: AlarmListQuery,
        response: responses(monitoringApi.alarms.response, monitoringApi.alarms.status),
      },
    },
    (req) => alarmsService.listAlarms(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/alarms/export',
    {
      config: { permission: MonitoringPermission.Read },
      schema: {
        tags,
        summary: '导出告警列表 (按看板的筛选条件)',
        querystring: exportQueryOf(AlarmListQuery),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return sendFile(reply, await exportAlarms(deps, principalOf(req), q, format), format, '告警');
    },
  );
  r.get(
    monitoringApi.alarmSummary.path,
    {
      config: { permission: MonitoringPermission.Read },
      schema: {
        tags,
        summary: '未解除告警统计 (首页卡片)',
        querystring: AlarmSummaryQuery,
        response: responses(monitoringApi.alarmSummary.response, monitoringApi.alarmSummary.status),
      },
    },
    (req) => alarmsService.alarmSummary(deps, principalOf(req), req.query),
  );
  r.get(
    monitoringApi.alarm.path,
    {
      config: { permission: MonitoringPermission.Read },
      schema: {
        tags,
        summary: '告警详情与时间线',
        params: IdParams,
        response: responses(monitoringApi.alarm.response, monitoringApi.alarm.status),
      },
    },
    (req) => alarmsService.getAlarm(deps, principalOf(req), req.params.id),
  );
  r.post(
    monitoringApi.acknowledge.path,
    {
      config: { permission: MonitoringPermission.AlarmHandle },
      schema: {
        tags,
        summary: '叫应确认',
        params: IdParams,
        response: responses(monitoringApi.acknowledge.response, monitoringApi.acknowledge.status),
      },
    },
    (req) => alarmsService.acknowledgeAlarm(deps, principalOf(req), req.params.id),
  );
  r.post(
    monitoringApi.respond.path,
    {
      config: { permission: MonitoringPermission.AlarmHandle },
      schema: {
        tags,
        summary: '回应 (核查处置情况)',
        params: IdParams,
        body: AlarmNoteInput,
        response: responses(monitoringApi.respond.response, monitoringApi.respond.status),
      },
    },
    (req) => alarmsService.respondAlarm(deps, principalOf(req), req.params.id, req.body.note),
  );
  r.post(
    monitoringApi.recordResponse.path,
    {
      config: { permission: MonitoringPermission.AlarmHandle },
      schema: {
        tags,
        summary: '响应记录 (红色/橙色: 停产撤人)',
        params: IdParams,
        body: AlarmResponseInput,
        response: responses(
          monitoringApi.recordResponse.response,
          monitoringApi.recordResponse.status,
        ),
      },
    },
    (req) => alarmsService.recordResponse(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    monitoringApi.close.path,
    {
      config: { permission: MonitoringPermission.AlarmHandle },
      schema: {
        tags,
        summary: '人工关闭 (须填写处置说明)',
        params: IdParams,
        body: AlarmNoteInput,
        response: responses(monitoringApi.close.response, monitoringApi.close.status),
      },
    },
    (req) => alarmsService.closeAlarm(deps, principalOf(req), req.params.id, req.body.note),
  );
  r.get(
    monitoringApi.maintenance.path,
    {
      config: { permission: MonitoringPermission.Read },
      schema: {
        tags,
        summary: '维护期列表',
        querystring: MaintenanceListQuery,
        response: responses(monitoringApi.maintenance.response, monitoringApi.maintenance.status),
      },
    },
    (req) => maintenance.listMaintenance(deps, principalOf(req), req.query.mineId),
  );
  r.post(
    monitoringApi.createMaintenance.path,
    {
      config: { permission: MonitoringPermission.Manage },
      schema: {
        tags,
        summary: '设置维护期 (照常记录, 不叫应)',
        body: MaintenanceInput,
        response: responses(
          monitoringApi.createMaintenance.response,
          monitoringApi.createMaintenance.status,
        ),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await maintenance.createMaintenance(deps, principalOf(req), req.body)),
  );
  r.post(
    monitoringApi.cancelMaintenance.path,
    {
      config: { permission: MonitoringPermission.Manage },
      schema: {
        tags,
        summary: '提前结束维护期',
        params: IdParams,
        response: responses(
          monitoringApi.cancelMaintenance.response,
          monitoringApi.cancelMaintenance.status,
        ),
      },
    },
    (req) => maintenance.cancelMaintenance(deps, principalOf(req), req.params.id),
  );

  // The one-time link in a call: GET shows a button (link scanners must not acknowledge), POST acknowledges.
  const Token = z.strictObject({ token: z.string().min(10).max(200) });
  r.get(
    '/ack/:token',
    { config: { permission: 'public' }, schema: { hide: true, params: Token } },
    (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          ackPage(
            '告警叫应确认',
            `<p>确认您已收到该告警并开始核查。</p><form method="post"><button type="submit">确认收到 (叫应)</button></form>`,
          ),
        ),
  );
  r.post(
    '/ack/:token',
    { config: { permission: 'public' }, schema: { hide: true, params: Token } },
    (req, reply) =>
      sendAckOutcome(reply, async () => {
        const res = await alarmsService.acknowledgeByToken(deps, req.params.token);
        void monitoring.kick();
        return res;
      }),
  );
  r.post(
    monitoringApi.acknowledgeByToken.path,
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '通过一次性确认链接中的令牌叫应确认 (无需登录)',
        body: Token,
        response: responses(
          monitoringApi.acknowledgeByToken.response,
          monitoringApi.acknowledgeByToken.status,
        ),
      },
    },
    (req) => alarmsService.acknowledgeByToken(deps, req.body.token),
  );

  // Ingest: the body arrives as text and is parsed by format, so a bad record is reported, not fatal.
  void app.register((child, _opts, done) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser(
      [
        'application/json',
        'application/x-ndjson',
        'application/ndjson',
        'application/jsonl',
        'text/csv',
      ],
      { parseAs: 'string', bodyLimit: IngestLimits.bytesMax },
      (_req, body, done) => done(null, body),
    );
    child.withTypeProvider<ZodTypeProvider>().post(
      monitoringApi.ingest.path,
      {
        config: { permission: MonitoringPermission.Ingest },
        bodyLimit: IngestLimits.bytesMax,
        schema: {
          tags,
          summary:
            '上报监测数据 (网关令牌): application/json 数组, application/x-ndjson, text/csv (sensor,ts,value[,mine]); 按 (测点, 时间) 幂等; 逐条报告错误',
          response: responses(monitoringApi.ingest.response, monitoringApi.ingest.status),
        },
      },
      async (req) => {
        const format = formatOf(req.headers['content-type']);
        if (!format) {
          throw new AppError(AppErrorCode.UnsupportedMediaType, '仅支持 JSON、NDJSON 与 CSV', [
            { path: 'content-type', message: String(req.headers['content-type'] ?? '') },
          ]);
        }
        const { records, rejected } = parseBatch(
          format,
          typeof req.body === 'string' ? req.body : '',
        );
        return monitoring.engine.ingest(principalOf(req), records, rejected);
      },
    );
    done();
  });
}
