/**
 * @module HTTP adapter of the coal upload files: the gateways' POST of MT/T 1201 files (multipart: one
 * or more files, or ZIP archives of them; answered after commit with a report per file), and the reads of
 * what the mapped files show per mine (and per minewatch point) and for the regulator's overviews of
 * 数据接入 and 井下人数.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { coalUploadApi } from '../../../shared/coal-upload.api.ts';
import {
  CoalDaysQuery,
  CoalFindingQuery,
  CoalLeaderQuery,
  CoalRegionFeedsQuery,
  CoalUndergroundQuery,
} from '../../../shared/coal-upload.schemas.ts';
import { CoalUploadLimits } from '../../../shared/limits.ts';
import { readUploads } from '../../platform/files/files.http.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import type { ModuleContext } from '../module.ts';
import { openArchives } from './coal-archive.ts';
import { alarmOutages } from './coal-outage.service.ts';
import { ingestCoalFiles, type IncomingFile } from './coal-ingest.service.ts';
import * as read from './coal-read.service.ts';
import * as positioning from './coal-positioning.service.ts';
import { CoalUploadPermission } from './coal-upload.permissions.ts';

/** The files of a request, ZIP archives opened (their folders ignored). */
export async function incomingFiles(req: FastifyRequest): Promise<IncomingFile[]> {
  const parts = await readUploads(req, {
    filesMax: CoalUploadLimits.filesMax,
    fileBytesMax: CoalUploadLimits.fileBytesMax,
    totalBytesMax: CoalUploadLimits.requestBytesMax,
  });
  return openArchives(parts.map((p) => ({ name: p.filename, data: p.data })));
}

export function registerCoalUploadRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['coal-upload'];
  const { deps } = ctx;

  r.post(
    coalUploadApi.upload.path,
    {
      config: { permission: CoalUploadPermission.Upload },
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        summary:
          '上报煤矿安全监控与人员位置文件 (MT/T 1201.1/.3-2023, 网关令牌): multipart, 一个或多个文件, 或其 ZIP 压缩包; 每个文件单独处理, 同一文件重复上报不重复保存; 提交后逐文件报告',
        response: responses(coalUploadApi.upload.response, coalUploadApi.upload.status),
      },
    },
    async (req) => {
      const files = await incomingFiles(req);
      return {
        files: await ingestCoalFiles(deps, ctx.monitoring.engine, principalOf(req), files, 'http'),
      };
    },
  );
  r.get(
    coalUploadApi.feeds.path,
    {
      config: { permission: CoalUploadPermission.Read },
      schema: {
        tags,
        summary: '煤矿数据接入情况: 各类文件的最新时间、延迟、近一天的文件与拒收',
        params: IdParams,
        querystring: CoalDaysQuery,
        response: responses(coalUploadApi.feeds.response),
      },
    },
    (req) => read.coalFeeds(deps, principalOf(req), req.params.id, req.query.days),
  );
  r.get(
    coalUploadApi.regionFeeds.path,
    {
      config: { permission: CoalUploadPermission.Read },
      schema: {
        tags,
        summary:
          '数据接入: 辖区内各煤矿各类文件的最新时间、延迟、近1小时与近1天的文件数、拒收文件及原因; 未上传或延迟的煤矿在前',
        querystring: CoalRegionFeedsQuery,
        response: responses(coalUploadApi.regionFeeds.response),
      },
    },
    (req) => read.regionFeeds(deps, principalOf(req), req.query),
  );
  r.get(
    coalUploadApi.sensorPoint.path,
    {
      config: { permission: CoalUploadPermission.Read },
      schema: {
        tags,
        summary:
          '监测点对应的煤矿测点定义: 煤矿自身的报警/解报/断电/复电值与本平台阈值, 适用哪一个, 以及最近的测点状态',
        params: IdParams,
        response: responses(coalUploadApi.sensorPoint.response),
      },
    },
    (req) => read.sensorPoint(deps, principalOf(req), req.params.id),
  );
  r.get(
    coalUploadApi.points.path,
    {
      config: { permission: CoalUploadPermission.Read },
      schema: {
        tags,
        summary: '煤矿测点定义: 煤矿自身阈值与本平台阈值, 以及适用的 (较严的) 报警值',
        params: IdParams,
        response: responses(coalUploadApi.points.response),
      },
    },
    (req) => read.coalPoints(deps, principalOf(req), req.params.id),
  );
  r.get(
    coalUploadApi.episodes.path,
    {
      config: { permission: CoalUploadPermission.Review },
      schema: {
        tags,
        summary: '测点状态段: 标校、不巡检、暂停、数据异常, 以及煤矿报警状态与本平台判定不一致',
        params: IdParams,
        querystring: CoalDaysQuery,
        response: responses(coalUploadApi.episodes.response),
      },
    },
    (req) => read.coalEpisodes(deps, principalOf(req), req.params.id, req.query.days),
  );
  r.get(
    coalUploadApi.findings.path,
    {
      config: { permission: CoalUploadPermission.Review },
      schema: {
        tags,
        summary: '数据质量问题: 异常报警未填处理措施、超限未报异常报警、统计值不符',
        params: IdParams,
        querystring: CoalFindingQuery,
        response: responses(coalUploadApi.findings.response),
      },
    },
    (req) => read.coalFindings(deps, principalOf(req), req.params.id, req.query),
  );
  r.get(
    coalUploadApi.abnormalAlarms.path,
    {
      config: { permission: CoalUploadPermission.Review },
      schema: {
        tags,
        summary: '煤矿上报的异常报警 (异常原因、处理措施) 及其对应的本平台告警',
        params: IdParams,
        querystring: CoalDaysQuery,
        response: responses(coalUploadApi.abnormalAlarms.response),
      },
    },
    (req) => read.coalAbnormalAlarms(deps, principalOf(req), req.params.id, req.query.days),
  );
  r.get(
    coalUploadApi.alarmAbnormals.path,
    {
      config: { permission: CoalUploadPermission.Review },
      schema: {
        tags,
        summary: '与本平台告警对应的煤矿异常报警',
        params: IdParams,
        response: responses(coalUploadApi.alarmAbnormals.response),
      },
    },
    (req) => read.alarmAbnormalAlarms(deps, principalOf(req), req.params.id),
  );
  r.get(
    coalUploadApi.alarmOutages.path,
    {
      config: { permission: CoalUploadPermission.Read },
      schema: {
        tags,
        summary: '断线/断网告警期间煤矿上报的分站通信中断 (分站实时数据), 及其能否解释测点无数据',
        params: IdParams,
        response: responses(coalUploadApi.alarmOutages.response),
      },
    },
    (req) => alarmOutages(deps, principalOf(req), req.params.id),
  );
  r.get(
    coalUploadApi.substations.path,
    {
      config: { permission: CoalUploadPermission.Read },
      schema: {
        tags,
        summary: '分站及其状态, 通信中断时段 (解释其测点无数据)',
        params: IdParams,
        querystring: CoalDaysQuery,
        response: responses(coalUploadApi.substations.response),
      },
    },
    (req) => read.coalSubstations(deps, principalOf(req), req.params.id, req.query.days),
  );
  r.get(
    coalUploadApi.underground.path,
    {
      config: { permission: CoalUploadPermission.Read },
      schema: {
        tags,
        summary: '井下人员: 当前井下人数, 各区域人数与核定人数, 矿领导与特种作业人员',
        params: IdParams,
        response: responses(coalUploadApi.underground.response),
      },
    },
    (req) => positioning.undergroundNow(deps, principalOf(req), req.params.id),
  );
  r.get(
    coalUploadApi.undergroundOverview.path,
    {
      config: { permission: CoalUploadPermission.Read },
      schema: {
        tags,
        summary: '辖区内各煤矿当前井下人数',
        querystring: CoalUndergroundQuery,
        response: responses(coalUploadApi.undergroundOverview.response),
      },
    },
    (req) => positioning.undergroundOverview(deps, principalOf(req), req.query),
  );
  r.get(
    coalUploadApi.leaderDescents.path,
    {
      config: { permission: CoalUploadPermission.Read },
      schema: {
        tags,
        summary: '矿领导带班下井: 每人当月下井天数与规定天数',
        params: IdParams,
        querystring: CoalLeaderQuery,
        response: responses(coalUploadApi.leaderDescents.response),
      },
    },
    (req) => positioning.leaderDescents(deps, principalOf(req), req.params.id, req.query.month),
  );
}
