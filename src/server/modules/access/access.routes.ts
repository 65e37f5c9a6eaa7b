/**
 * @module HTTP adapter for login, the current user, users and API tokens.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  LocaleInput,
  LoginInput,
  TokenCreateInput,
  UserCreateInput,
} from '../../../shared/access.schemas.ts';
import { accessApi } from '../../../shared/access.api.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf, SESSION_COOKIE } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import * as service from './access.service.ts';
import { presentMe } from './access.presenter.ts';
import { AccessPermission } from './access.permissions.ts';

export function registerAccessRoutes(
  app: FastifyInstance,
  deps: ServiceDeps,
  opts: { cookieSecure: boolean },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['access'];
  r.post(
    accessApi.login.path,
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '用户名密码登录, 设置会话 Cookie',
        body: LoginInput,
        response: responses(accessApi.login.response, accessApi.login.status),
      },
    },
    async (req, reply) => {
      const { sessionToken, principal } = await service.login(deps, req.body, req.ip ?? null);
      void reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.cookieSecure,
        maxAge: service.SESSION_TTL_MS / 1000,
      });
      return presentMe(principal);
    },
  );
  r.post(
    accessApi.logout.path,
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '退出登录',
        response: responses(accessApi.logout.response, accessApi.logout.status),
      },
    },
    async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        await service.logout(deps, cookie);
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );
  r.get(
    accessApi.me.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '当前用户、角色、权限与管辖范围',
        response: responses(accessApi.me.response, accessApi.me.status),
      },
    },
    (req) => presentMe(principalOf(req)),
  );
  r.get(
    accessApi.users.path,
    {
      config: { permission: AccessPermission.UserManage },
      schema: {
        tags,
        summary: '用户列表',
        response: responses(accessApi.users.response, accessApi.users.status),
      },
    },
    (req) => service.listUsers(deps, principalOf(req)),
  );
  r.post(
    accessApi.createUser.path,
    {
      config: { permission: AccessPermission.UserManage },
      schema: {
        tags,
        summary: '创建用户',
        body: UserCreateInput,
        response: responses(accessApi.createUser.response, accessApi.createUser.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createUser(deps, principalOf(req), req.body)),
  );
  r.get(
    accessApi.tokens.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '我签发的 API 令牌',
        response: responses(accessApi.tokens.response, accessApi.tokens.status),
      },
    },
    (req) => service.listTokens(deps, principalOf(req)),
  );
  r.post(
    accessApi.createToken.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '签发 API 令牌 (user: 代表本人; gateway: 仅可为指定矿山上报监测数据)',
        body: TokenCreateInput,
        response: responses(accessApi.createToken.response, accessApi.createToken.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createToken(deps, principalOf(req), req.body)),
  );
  r.delete(
    accessApi.revokeToken.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '撤销 API 令牌',
        params: IdParams,
        response: responses(accessApi.revokeToken.response, accessApi.revokeToken.status),
      },
    },
    (req) => service.revokeToken(deps, principalOf(req), req.params.id),
  );
  r.put(
    accessApi.setPreferences.path,
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '保存当前用户的界面语言',
        body: LocaleInput,
        response: responses(accessApi.setPreferences.response, accessApi.setPreferences.status),
      },
    },
    async (req) => presentMe(await service.setLocale(deps, principalOf(req), req.body.locale)),
  );
}
