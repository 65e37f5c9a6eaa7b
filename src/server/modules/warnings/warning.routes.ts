/**
 * @module HTTP adapter of regulators' warnings: issue, list, one warning with its calls per mine, the calls
 * to the caller's mines, acknowledge and respond. Jurisdiction is decided in the service.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { warningsApi as api } from '../../../shared/warnings.api.ts';
import {
  WarningIssueInput,
  WarningListQuery,
  WarningRespondInput,
} from '../../../shared/warnings.schemas.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { z } from 'zod';
import type { ModuleContext } from '../module.ts';
import { ackPage, sendAckOutcome } from '../monitoring/ack-page.ts';
import { WarningPermission } from './warnings.permissions.ts';
import * as service from './warning.service.ts';

export function registerWarningRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const { deps } = ctx;
  const callOptions = { publicUrl: ctx.config.publicUrl, smtp: ctx.config.email !== undefined };
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['warnings'];
  const read = { permission: WarningPermission.Read };
  const answer = { permission: WarningPermission.Answer };

  r.post(
    api.issue.path,
    {
      config: { permission: WarningPermission.Issue },
      schema: {
        tags,
        summary: '发布预警 (暴雨、洪水、地震、极端天气、汛期) 或严禁入井、停产撤人指令, 逐矿叫应',
        body: WarningIssueInput,
        response: responses(api.issue.response, api.issue.status),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.issueWarning(deps, callOptions, principalOf(req), req.body)),
  );
  r.get(
    api.list.path,
    {
      config: read,
      schema: {
        tags,
        summary: '预警 (发往管辖范围内矿山的)',
        querystring: WarningListQuery,
        response: responses(api.list.response),
      },
    },
    (req) => service.listWarnings(deps, principalOf(req), req.query),
  );
  r.get(
    api.calls.path,
    {
      config: read,
      schema: {
        tags,
        summary: '本矿收到的预警及叫应、回应情况',
        querystring: WarningListQuery,
        response: responses(api.calls.response),
      },
    },
    (req) => service.listCalls(deps, principalOf(req), req.query),
  );
  r.get(
    api.get.path,
    {
      config: read,
      schema: {
        tags,
        summary: '预警详情: 逐矿叫应、回应及井下人数',
        params: IdParams,
        response: responses(api.get.response),
      },
    },
    (req) => service.getWarning(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.acknowledge.path,
    {
      config: answer,
      schema: {
        tags,
        summary: '确认收到预警 (叫应)',
        params: IdParams,
        response: responses(api.acknowledge.response),
      },
    },
    (req) => service.acknowledgeCall(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.respond.path,
    {
      config: answer,
      schema: {
        tags,
        summary: '回报响应情况: 撤出人数、撤人完成时间、采取的措施 (回应)',
        params: IdParams,
        body: WarningRespondInput,
        response: responses(api.respond.response),
      },
    },
    (req) => service.respondCall(deps, principalOf(req), req.params.id, req.body),
  );

  // The one-time link in a warning's call: GET shows a button (link scanners must not acknowledge), POST
  // acknowledges.
  const Token = z.strictObject({ token: z.string().min(10).max(200) });
  r.get(
    '/ack/warning/:token',
    { config: { permission: 'public' }, schema: { hide: true, params: Token } },
    (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          ackPage(
            '监管预警叫应确认',
            `<p>确认本矿已收到该预警, 立即落实。</p><form method="post"><button type="submit">确认收到 (叫应)</button></form>`,
          ),
        ),
  );
  r.post(
    '/ack/warning/:token',
    { config: { permission: 'public' }, schema: { hide: true, params: Token } },
    (req, reply) => sendAckOutcome(reply, () => service.acknowledgeByToken(deps, req.params.token)),
  );
}
