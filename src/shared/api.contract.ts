/**
 * @module Endpoint contracts: the method, path and response schema of an API route, declared once in
 * `src/shared/<module>.api.ts`. The server registers the route from the contract (its path, and
 * `responses(e.response, e.status)` from platform/http/route-helpers.ts) and the web calls it through
 * the contract (`call()` in web/app/api.ts), so the web's types are inferred from the very schema the
 * server answers with: a response schema that changes incompatibly is a type error in every screen that
 * reads it.
 */
import type { z } from 'zod';
import { pageOf } from './common.schemas.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One API route: how it is called and what it answers with (the success body). */
export interface Endpoint<
  M extends HttpMethod = HttpMethod,
  P extends string = string,
  R extends z.ZodType = z.ZodType,
> {
  method: M;
  path: P;
  response: R;
  /** The success status: 201 for creations, 200 otherwise. */
  status: 200 | 201;
}

/** Declares an endpoint. */
export function endpoint<const M extends HttpMethod, const P extends string, R extends z.ZodType>(
  method: M,
  path: P,
  response: R,
  status: 200 | 201 = 200,
): Endpoint<M, P, R> {
  return { method, path, response, status };
}

/**
 * The JSON routes of a registry-style entity over one response schema (server:
 * platform/http/crud.routes.ts): a page of the list, create, read, update and archive. The export beside
 * them is a file download, not a contract.
 */
export function crudEndpoints<const B extends string, R extends z.ZodType>(base: B, item: R) {
  return {
    list: endpoint('GET', base, pageOf(item)),
    create: endpoint('POST', base, item, 201),
    get: endpoint('GET', `${base}/:id`, item),
    update: endpoint('PATCH', `${base}/:id`, item),
    archive: endpoint('DELETE', `${base}/:id`, item),
  };
}

/** The contracts of a registry-style entity whose responses are `R`. */
export type CrudEndpoints<R extends z.ZodType> = ReturnType<typeof crudEndpoints<string, R>>;

/** The names of a path's parameters: `/api/mines/:id/people/:personId` → `'id' | 'personId'`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The body an endpoint answers with. */
export type ResponseOf<E extends Endpoint> = z.infer<E['response']>;

/** Fills a path's `:name` parameters (URI-encoded); throws on a missing one. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new Error(`path parameter ${name} of ${path} is missing`);
    }
    return encodeURIComponent(value);
  });
}
