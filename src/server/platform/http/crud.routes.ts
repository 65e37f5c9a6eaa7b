/**
 * @module Registers the usual routes of a registry entity (list, export, create, read, update, archive)
 * over its service functions, from the entity's endpoint contracts (`crudEndpoints` in
 * shared/api.contract.ts: paths and response schemas), so that each entity's route file only states
 * what differs. The export is a file download beside the list (`<list path>/export`).
 */
import type { FastifyInstance } from 'fastify';
import type { FastifyRequest, FastifySchema } from 'fastify';
import type { z } from 'zod';
import type { CrudEndpoints } from '../../../shared/api.contract.ts';
import { ExportFormat } from '../../../shared/common.schemas.ts';
import { RegistryValidation } from '../../../shared/limits.ts';
import type { Permission } from '../auth/permissions.ts';
import type { Principal } from '../auth/scope.ts';
import { principalOf } from './auth.http.ts';
import { IdParams, responses, sendFile } from './route-helpers.ts';
import { writeTable, type ExportColumn } from '../tabular/write-table.ts';

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface CrudSpec<
  Q extends AnyObject,
  C extends z.ZodType,
  U extends z.ZodType,
  R extends z.ZodType,
> {
  /** The entity's contracts, e.g. `peopleApi` (`/api/people`, `/api/people/:id`). */
  api: CrudEndpoints<R>;
  tags: string[];
  /** Chinese noun used in summaries and export file names, e.g. `人员`. */
  label: string;
  listQuery: Q;
  create: C;
  update: U;
  /** Permission per route; `write` covers create, update and archive unless those are named. */
  permissions: { read: Permission; write: Permission; update?: Permission; archive?: Permission };
  exportColumns: ExportColumn<z.infer<R>>[];
  service: {
    list(
      p: Principal,
      q: z.infer<Q>,
    ): Promise<{ items: z.infer<R>[]; total: number; nextCursor: string | null }>;
    all(p: Principal, q: Omit<z.infer<Q>, 'limit' | 'cursor'>, max: number): Promise<z.infer<R>[]>;
    create(p: Principal, input: z.infer<C>): Promise<z.infer<R>>;
    get(p: Principal, id: string): Promise<z.infer<R>>;
    update(p: Principal, id: string, input: z.infer<U>): Promise<z.infer<R>>;
    archive(p: Principal, id: string): Promise<z.infer<R>>;
  };
}

/** Schemas typed loosely: the generic spec cannot carry reply types through Fastify's inference. */
const loose = (s: FastifySchema): FastifySchema => s;

function idOf(req: FastifyRequest): string {
  return (req.params as { id: string }).id;
}

export function registerCrudRoutes<
  Q extends AnyObject,
  C extends z.ZodType,
  U extends z.ZodType,
  R extends z.ZodType,
>(app: FastifyInstance, spec: CrudSpec<Q, C, U, R>): void {
  // Route types cannot be inferred through the generic spec; the schemas still validate every request.
  const r = app;
  const { api, tags, label, service, permissions } = spec;
  r.get(
    api.list.path,
    {
      config: { permission: permissions.read },
      schema: loose({
        tags,
        summary: `${label}列表`,
        querystring: spec.listQuery,
        response: responses(api.list.response, api.list.status),
      }),
    },
    (req) => service.list(principalOf(req), req.query as z.infer<Q>),
  );
  r.get(
    `${api.list.path}/export`,
    {
      config: { permission: permissions.read },
      schema: loose({
        tags,
        summary: `导出${label}列表 (CSV 或 xlsx)`,
        querystring: spec.listQuery
          .omit({ limit: true, cursor: true })
          .extend({ format: ExportFormat.default('xlsx') }),
      }),
    },
    async (req, reply) => {
      const { format, ...q } = req.query as { format: 'csv' | 'xlsx' } & Record<string, unknown>;
      const items = await service.all(
        principalOf(req),
        q as Omit<z.infer<Q>, 'limit' | 'cursor'>,
        RegistryValidation.exportRowsMax,
      );
      return sendFile(
        reply,
        await writeTable(items, spec.exportColumns, format, label),
        format,
        label,
      );
    },
  );
  r.post(
    api.create.path,
    {
      config: { permission: permissions.write },
      schema: loose({
        tags,
        summary: `新增${label}`,
        body: spec.create,
        response: responses(api.create.response, api.create.status),
      }),
    },
    async (req, reply) =>
      reply.status(201).send(await service.create(principalOf(req), req.body as z.infer<C>)),
  );
  r.get(
    api.get.path,
    {
      config: { permission: permissions.read },
      schema: loose({
        tags,
        summary: `${label}详情`,
        params: IdParams,
        response: responses(api.get.response, api.get.status),
      }),
    },
    (req) => service.get(principalOf(req), idOf(req)),
  );
  r.patch(
    api.update.path,
    {
      config: { permission: permissions.update ?? permissions.write },
      schema: loose({
        tags,
        summary: `修改${label}`,
        params: IdParams,
        body: spec.update,
        response: responses(api.update.response, api.update.status),
      }),
    },
    (req) => service.update(principalOf(req), idOf(req), req.body as z.infer<U>),
  );
  r.delete(
    api.archive.path,
    {
      config: { permission: permissions.archive ?? permissions.write },
      schema: loose({
        tags,
        summary: `归档${label}`,
        params: IdParams,
        response: responses(api.archive.response, api.archive.status),
      }),
    },
    (req) => service.archive(principalOf(req), idOf(req)),
  );
}
