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
  UserUpdateInput,
} from '../../../shared/access.schemas.ts';
import { accessApi } from '../../../shared/access.api.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf, SESSION_COOKIE } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import * as service from './access.service.ts';
import * as admin from './user-admin.service.ts';
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
    (req) => admin.listUsers(deps, principalOf(req)),
  );
  r.get(
    accessApi.organisations.path,
    {
      config: { permission: AccessPermission.UserManage },
      schema: {
        tags,
        summary: '管辖范围内的组织 (用于创建和调整用户)',
        response: responses(accessApi.organisations.response, accessApi.organisations.status),
      },
    },
    (req) => admin.listOrganisations(deps, principalOf(req)),
  );
  r.patch(
    accessApi.updateUser.path,
    {
      config: { permission: AccessPermission.UserManage },
      schema: {
        tags,
        summary: '修改用户的姓名、角色、组织、矿山或邮箱',
        params: IdParams,
        body: UserUpdateInput,
        response: responses(accessApi.updateUser.response, accessApi.updateUser.status),
      },
    },
    (req) => admin.updateUser(deps, principalOf(req), req.params.id, req.body),
  );
  for (const [contract, disabled, summary] of [
    [accessApi.disableUser, true, '停用账号 (其会话随即失效)'],
    [accessApi.enableUser, false, '启用账号'],
  ] as const) {
    r.post(
      contract.path,
      {
        config: { permission: AccessPermission.UserManage },
        schema: {
          tags,
          summary,
          params: IdParams,
          response: responses(contract.response, contract.status),
        },
      },
      (req) => admin.setUserDisabled(deps, principalOf(req), req.params.id, disabled),
    );
  }
  r.post(
    accessApi.resetPassword.path,
    {
      config: { permission: AccessPermission.UserManage },
      schema: {
        tags,
        summary: '重置密码为临时密码 (只在本次应答中显示), 并结束该用户的会话',
        params: IdParams,
        response: responses(accessApi.resetPassword.response, accessApi.resetPassword.status),
      },
    },
    (req) => admin.resetPassword(deps, principalOf(req), req.params.id),
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
