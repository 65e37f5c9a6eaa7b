import {
  fillPath,
  type Endpoint,
  type HttpMethod,
  type PathParamNames,
} from '../../shared/api.contract.ts';
import type { z } from 'zod';
import { ErrorResponse } from '../../shared/common.schemas.ts';
import { displayValue } from './format.ts';

export type { ResponseOf } from '../../shared/api.contract.ts';

/**
 * The HTTP client of the web app: JSON in and out, the session cookie, and the API's one error shape
 * turned into ApiError (with field-level details for forms).
 */

/** One problem of an API error: where (a body path, or a column and row of an import) and what. */
export type ApiErrorDetail = z.infer<typeof ErrorResponse>['details'][number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[],
  ) {
    super(message);
  }
}

/** Query string from an object, skipping empty values; arrays become comma lists. */
export function toQuery(params: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      continue;
    }
    q.set(k, Array.isArray(v) ? v.join(',') : displayValue(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Sends a request and answers the parsed JSON body, or throws ApiError with the API's error shape. */
async function request(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...headers, 'content-type': 'application/json' };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    // The API's one error shape; a proxy's or a crash's answer may carry only part of it, or none.
    const parsed = ErrorResponse.partial().safeParse(data);
    const e = parsed.success ? parsed.data : {};
    throw new ApiError(
      res.status,
      e.code ?? 'HTTP_ERROR',
      e.message ?? res.statusText,
      e.details ?? [],
    );
  }
  return data;
}

/** What a call names besides the endpoint: its path parameters (when it has any), query and body. */
export type CallInput<E extends Endpoint> = {
  query?: Record<string, unknown>;
  body?: unknown;
  /** Extra request headers (e.g. a 举报's tracking secret, which never travels in a URL). */
  headers?: Record<string, string>;
} & ([PathParamNames<E['path']>] extends [never]
  ? { params?: undefined }
  : { params: Record<PathParamNames<E['path']>, string> });

type CallArgs<E extends Endpoint> = [PathParamNames<E['path']>] extends [never]
  ? [input?: CallInput<E>]
  : [input: CallInput<E>];

/**
 * Calls an API endpoint through its contract (src/shared/*.api.ts): the answer is parsed with the same
 * response schema the server answers with, so its type is inferred from that schema and a server that
 * answers anything else is an ApiError here, not a wrong value on screen.
 */
export async function call<M extends HttpMethod, P extends string, R extends z.ZodType>(
  e: Endpoint<M, P, R>,
  ...[input]: CallArgs<Endpoint<M, P, R>>
): Promise<z.output<R>> {
  const url = fillPath(e.path, input?.params) + (input?.query ? toQuery(input.query) : '');
  const data = await request(e.method, url, input?.body, input?.headers);
  const parsed = e.response.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(500, 'BAD_RESPONSE', `${e.method} ${e.path}: 服务器返回了意外的数据`, [
      ...parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    ]);
  }
  return parsed.data;
}

/**
 * Form field errors from an API validation error: `body.name` → field `name`, `body.licences.0.number`
 * → field path `['licences', 0, 'number']`.
 */
export function fieldErrors(error: unknown): { name: (string | number)[]; errors: string[] }[] {
  if (!(error instanceof ApiError)) {
    return [];
  }
  const byField = new Map<string, string[]>();
  for (const d of error.details) {
    const path = d.path.replace(/^body\.?/, '');
    if (!path || path === 'request' || path === 'permission') {
      continue;
    }
    byField.set(path, [...(byField.get(path) ?? []), d.message]);
  }
  return [...byField].map(([path, errors]) => ({
    name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    errors,
  }));
}
