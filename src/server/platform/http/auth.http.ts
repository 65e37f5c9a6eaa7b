/**
 * @module Authentication (session cookie or bearer token) and the per-route permission check. Every
 * API route must declare `config.permission`; the server refuses to start otherwise.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '../auth/permissions.ts';
import type { Principal } from '../auth/scope.ts';
import { forbidden, type ServiceDeps } from '../context.ts';
import { AppError, AppErrorCode } from '../errors.ts';
import { principalFromSession, principalFromToken } from '../../modules/access/access.service.ts';

export const SESSION_COOKIE = 'mw_session';

/** What a route requires: nobody, any signed-in caller, or a named permission. */
export type RouteAccess = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** One registered API route and what it requires (used by the jurisdiction test walker). */
export interface RouteEntry {
  method: string;
  url: string;
  permission: RouteAccess;
  /** The schema of the success body (200 or 201), when the route declares one. */
  response: unknown;
}

/** The principal of an authenticated request; routes behind a permission can rely on it. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) {
    throw new AppError(AppErrorCode.Unauthenticated, '请先登录');
  }
  return req.principal;
}

export function installAuth(
  app: FastifyInstance,
  deps: ServiceDeps,
  catalogue: RouteEntry[],
): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) {
      return;
    }
    const permission = route.config?.permission;
    if (!permission) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    }
    const responses = (route.schema?.response ?? {}) as Record<string, unknown>;
    const response = responses[200] ?? responses[201];
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') {
        catalogue.push({ method, url: route.url, permission, response });
      }
    }
  });
  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config?.permission;
    if (!access || access === 'public') {
      return;
    }
    const ip = req.ip ?? null;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const cookie = req.cookies?.[SESSION_COOKIE];
    req.principal = bearer
      ? await principalFromToken(deps, bearer, ip)
      : cookie
        ? await principalFromSession(deps, cookie, ip)
        : null;
    if (!req.principal) {
      throw new AppError(AppErrorCode.Unauthenticated, '请先登录或提供有效的 API 令牌');
    }
    if (access !== 'authenticated' && !req.principal.permissions.has(access)) {
      throw forbidden(req.principal, access);
    }
  });
}
