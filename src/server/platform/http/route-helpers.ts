/**
 * @module Small helpers shared by the route files.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ErrorResponse } from '../../../shared/common.schemas.ts';

/** Response schemas for OpenAPI: the success body plus the one error body for each failure status. */
export function responses<T extends z.ZodType>(ok: T, status: 200 | 201 = 200) {
  return {
    [status]: ok,
    400: ErrorResponse,
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
    409: ErrorResponse,
  } as const;
}

export const IdParams = z.strictObject({ id: z.uuid() });

/** Sends an exported file with a UTF-8 file name. */
export function sendFile(
  reply: FastifyReply,
  data: Buffer,
  format: 'csv' | 'xlsx',
  baseName: string,
) {
  const type =
    format === 'csv'
      ? 'text/csv; charset=utf-8'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const name = `${baseName}.${format}`;
  return reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(data);
}
