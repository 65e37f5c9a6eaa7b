import { displayValue } from './format.ts';

/**
 * The HTTP client of the web app: JSON in and out, the session cookie, and the API's one error shape
 * turned into ApiError (with field-level details for forms).
 */

export interface ApiErrorDetail {
  path: string;
  message: string;
  row?: number;
  value?: unknown;
}

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

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; details?: ApiErrorDetail[] };
    throw new ApiError(
      res.status,
      e.code ?? 'HTTP_ERROR',
      e.message ?? res.statusText,
      e.details ?? [],
    );
  }
  return data as T;
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
