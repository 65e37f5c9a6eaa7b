/**
 * @module Builds the HTTP application: plugins, error handling, authentication, OpenAPI and every
 * module's routes, over one set of service dependencies.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { serveWebApp } from './platform/http/web.http.ts';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { HttpLimits, RegistryValidation } from '../shared/limits.ts';
import type { Database } from './platform/db/client.ts';
import { AppError, AppErrorCode } from './platform/errors.ts';
import { installAuth, type RouteEntry } from './platform/http/auth.http.ts';
import { installOriginCheck } from './platform/http/origin.http.ts';
import type { Config } from './platform/config.ts';
import { installErrorHandling, toAppError } from './platform/http/errors.http.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { loggerOptions } from './platform/logging.ts';
import { registerHealthRoutes } from './platform/http/health.routes.ts';
import { registerAuditRoutes } from './platform/audit/audit.routes.ts';
import { registerSettingsRoutes } from './platform/settings/settings.routes.ts';
import { PlatformPermission } from './platform/auth/permissions.ts';
import { requirePermission } from './platform/context.ts';
import { modules } from './modules/index.ts';
import type { ModuleContext } from './modules/module.ts';
import { auditVisibilityOf, settingsCatalogueOf } from './composition.ts';
import { displayNames } from './modules/access/access.service.ts';

export interface AppOptions {
  database: Database;
  /** What the modules' routes run on: dependencies, options, the monitoring runtime. */
  ctx: ModuleContext;
  /** pino level, or false to log nothing (tests). */
  logLevel: string | false;
  /** Where log lines go instead of stdout (tests read them to check that no secret is logged). */
  logStream?: { write(line: string): void } | undefined;
  version: string;
  /** Folder of the built web app to serve at `/` (absent in API-only tests). */
  webDir?: string | undefined;
  /** Called when the app closes (e.g. to close a module context made only for this app). */
  onClose?: (() => void) | undefined;
  /** The audit anchor file `GET /api/audit/verify` checks against (absent in API-only tests). */
  auditAnchorFile?: string | undefined;
  /** Whose X-Forwarded-For to believe for the client address (TRUST_PROXY; default nobody's). */
  trustProxy?: Config['trustProxy'] | undefined;
}

export interface App {
  app: FastifyInstance;
  /** Every API route with the permission it declares. */
  routes: RouteEntry[];
}

/** Rejects JSON bodies that PostgreSQL could not store (NUL characters) before they reach a service. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') {
    return value.includes('\u0000');
  }
  if (Array.isArray(value)) {
    return value.some(containsNul);
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  }
  return false;
}

/** TRUST_PROXY as Fastify takes it (a hop count as the function Fastify itself would make of it). */
function trustProxyOption(t: Config['trustProxy'] | undefined) {
  return typeof t === 'number' ? (_address: string, hop: number) => hop < t : (t ?? false);
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const { ctx } = opts;
  const { deps } = ctx;
  const app = Fastify({
    logger: opts.logLevel === false ? false : loggerOptions(opts.logLevel, opts.logStream),
    bodyLimit: HttpLimits.jsonBodyMax,
    // req.ip, on which every per-address limit is keyed, is the client's only through trusted proxies.
    trustProxy: trustProxyOption(opts.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
    // Errors Fastify raises before routing (a malformed URL, a bad content type) get the one error shape.
    frameworkErrors: (error, _req, reply) => {
      const e = toAppError(error);
      const r = reply as unknown as FastifyReply;
      void r.status(e.status).send({ code: e.code, message: e.message, details: e.details });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const web =
    opts.webDir && existsSync(path.join(opts.webDir, 'index.html')) ? opts.webDir : undefined;
  installErrorHandling(app, { spa: Boolean(web) });
  installSecurityHeaders(app, { hsts: ctx.config.cookieSecure });
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    void jsonParser(req, String(body), (err, value) => {
      if (err) {
        return done(err);
      }
      if (containsNul(value)) {
        return done(
          new AppError(AppErrorCode.ValidationFailed, '文本不能包含空字符 (\\u0000)', [
            { path: 'body', message: 'NUL character' },
          ]),
        );
      }
      done(null, value);
    });
  });
  await app.register(fastifyCookie);
  installOriginCheck(app, { publicUrl: ctx.config.publicUrl });
  await app.register(fastifyMultipart, {
    limits: { fileSize: RegistryValidation.importBytesMax, files: 1, fields: 10, parts: 12 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'minewatch API — 矿山安全监测预警与隐患治理平台',
        version: opts.version,
        description:
          '所有读写均限定在调用者的管辖范围内。错误统一为 { code, message, details[] }。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'mw_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const routes: RouteEntry[] = [];
  installAuth(app, deps, routes);
  registerHealthRoutes(app, opts.database, opts.version);
  for (const m of modules) {
    m.routes(app, ctx);
  }
  const onClose = opts.onClose;
  if (onClose) {
    app.addHook('onClose', (_app, done) => {
      onClose();
      done();
    });
  }
  registerSettingsRoutes(app, deps, settingsCatalogueOf(modules));
  registerAuditRoutes(
    app,
    deps,
    {
      // Rule parameters: whoever may read them may read who changed them, when and why.
      setting: (p) => Promise.resolve(requirePermission(p, PlatformPermission.SettingsRead)),
      ...auditVisibilityOf(modules, deps),
    },
    opts.auditAnchorFile,
    (ids) => displayNames(deps.db, ids),
  );
  app.get(
    '/openapi.json',
    { config: { permission: 'public' }, schema: { hide: true } },
    (_req, reply) => reply.redirect('/api/openapi.json'),
  );
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, () =>
    app.swagger(),
  );
  if (web) {
    await serveWebApp(app, web);
  } else {
    app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>minewatch</title><h1>minewatch 矿山安全监测预警与隐患治理平台</h1><p><a href="/api/docs">API 文档</a> · <a href="/api/health">健康检查</a></p></html>',
        ),
    );
  }
  await app.ready();
  return { app, routes };
}
