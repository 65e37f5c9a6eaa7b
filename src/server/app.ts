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
import type { ServiceDeps } from './platform/context.ts';
import type { Database } from './platform/db/client.ts';
import { AppError, AppErrorCode } from './platform/errors.ts';
import { installAuth, type RouteEntry } from './platform/http/auth.http.ts';
import { installErrorHandling, toAppError } from './platform/http/errors.http.ts';
import { registerHealthRoutes } from './platform/http/health.routes.ts';
import { registerAuditRoutes } from './platform/audit/audit.routes.ts';
import { registerSettingsRoutes } from './platform/settings/settings.routes.ts';
import { registerAccessRoutes } from './modules/access/access.routes.ts';
import { registerRegionRoutes } from './modules/registry/region.routes.ts';
import { registerEnterpriseRoutes } from './modules/registry/enterprise.routes.ts';
import { registerMineRoutes } from './modules/registry/mine.routes.ts';
import { registerPersonRoutes } from './modules/registry/person.routes.ts';
import { registerContractorRoutes } from './modules/registry/contractor.routes.ts';
import { registerContractorStaffRoutes } from './modules/registry/contractor-staff.routes.ts';
import { getContractorStaff } from './modules/registry/contractor-staff.service.ts';
import { registerHazardRoutes } from './modules/hazards/hazard.routes.ts';
import { registerNotificationRoutes } from './modules/notifications/notification.routes.ts';
import { getHazard } from './modules/hazards/hazard.service.ts';
import { reportVisible } from './modules/hazards/self-inspection.service.ts';
import { loadVisibleEnterprise } from './modules/registry/enterprise.service.ts';
import { getLicenceVisible, loadVisibleMine } from './modules/registry/mine.service.ts';
import { getPerson } from './modules/registry/person.service.ts';
import { getContractor } from './modules/registry/contractor.service.ts';
import { Permission } from './platform/auth/permissions.ts';
import { requirePermission } from './platform/context.ts';
import { getSetting } from './platform/settings/settings.service.ts';
import { recomputeTailingsGrades } from './modules/registry/mine.write.ts';
import { registerMonitoringRoutes } from './modules/monitoring/monitoring.routes.ts';
import { leadsVisibility, registerLeadRoutes } from './modules/leads/leads.routes.ts';
import { registerInspectionRoutes } from './modules/inspections/inspections.routes.ts';
import { registerRecordRoutes } from './modules/inspections/records.routes.ts';
import { plansVisibility, registerPlanRoutes } from './modules/plans/plans.routes.ts';
import { registerTargetRoutes } from './modules/plans/reports.routes.ts';
import { registerComplianceRoutes } from './modules/accountability/compliance.routes.ts';
import {
  publicReportsVisibility,
  registerPublicReportRoutes,
} from './modules/accountability/public-report.routes.ts';
import {
  accidentsVisibility,
  registerAccidentRoutes,
} from './modules/accountability/accident.routes.ts';
import { inspectionsVisibility } from './modules/inspections/inspections.visibility.ts';
import { auditVisibility as monitoringVisibility } from './modules/monitoring/alarm.service.ts';
import {
  createMonitoring,
  type MonitoringRuntime,
} from './modules/monitoring/monitoring.runtime.ts';

export interface AppOptions {
  database: Database;
  deps: ServiceDeps;
  /** pino level, or false to log nothing (tests). */
  logLevel: string | false;
  cookieSecure: boolean;
  version: string;
  /** Folder of the built web app to serve at `/` (absent in API-only tests). */
  webDir?: string | undefined;
  /** The monitoring engine and call loop; one is made (without a timer) when absent. */
  monitoring?: MonitoringRuntime | undefined;
}

export interface App {
  app: FastifyInstance;
  monitoring: MonitoringRuntime;
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

export async function buildApp(opts: AppOptions): Promise<App> {
  const { deps } = opts;
  const app = Fastify({
    logger: opts.logLevel === false ? false : { level: opts.logLevel },
    bodyLimit: HttpLimits.jsonBodyMax,
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
  registerAccessRoutes(app, deps, { cookieSecure: opts.cookieSecure });
  registerRegionRoutes(app, deps);
  registerEnterpriseRoutes(app, deps);
  registerMineRoutes(app, deps);
  registerPersonRoutes(app, deps);
  registerContractorRoutes(app, deps);
  registerContractorStaffRoutes(app, deps);
  registerHazardRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  const monitoring =
    opts.monitoring ?? createMonitoring(deps, { publicUrl: 'http://127.0.0.1:8080' });
  registerMonitoringRoutes(app, deps, monitoring);
  registerLeadRoutes(app, deps);
  registerInspectionRoutes(app, deps);
  registerRecordRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerTargetRoutes(app, deps);
  registerAccidentRoutes(app, deps);
  registerPublicReportRoutes(app, deps);
  registerComplianceRoutes(app, deps);
  if (!opts.monitoring) {
    app.addHook('onClose', (_app, done) => {
      monitoring.close();
      done();
    });
  }
  registerSettingsRoutes(app, deps, {
    'registry.tailingsGradeTable': async (tx) =>
      recomputeTailingsGrades(tx, await getSetting(tx, 'registry.tailingsGradeTable')),
  });
  const systemOnly = (p: Parameters<typeof requirePermission>[0]) =>
    Promise.resolve(requirePermission(p, Permission.UserManage));
  registerAuditRoutes(app, deps, {
    enterprise: (p, id) => loadVisibleEnterprise(deps.db, p, id),
    mine: (p, id) => loadVisibleMine(deps.db, p, id),
    licence: (p, id) => getLicenceVisible(deps, p, id),
    person: (p, id) => getPerson(deps, p, id),
    contractor: (p, id) => getContractor(deps, p, id),
    contractor_staff: (p, id) => getContractorStaff(deps, p, id),
    user: systemOnly,
    api_token: systemOnly,
    setting: systemOnly,
    hazard: (p, id) => getHazard(deps, p, id),
    hazard_standard: (p) => Promise.resolve(requirePermission(p, Permission.HazardRead)),
    // Report ids, or "<mineId>:<YYYY-MM>" for escalations of a missing report: visible with the mine.
    self_inspection_report: (p, id) => reportVisible(deps, p, id),
    ...monitoringVisibility(deps),
    ...leadsVisibility(deps),
    ...inspectionsVisibility(deps),
    ...plansVisibility(deps),
    ...accidentsVisibility(deps),
    ...publicReportsVisibility(deps),
  });
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
  return { app, routes, monitoring };
}
