/**
 * @module Turns every error into the one error body `{ code, message, details[] }`.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { sqlState } from '../db/client.ts';
import { AppError, AppErrorCode, httpStatusByCode, type ErrorDetail } from '../errors.ts';

/** Maps any thrown value to an AppError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) {
    return error;
  }
  const fe = error as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = fe.validationContext ?? 'body';
    const details: ErrorDetail[] = error.validation.map((v) => {
      const path = [where, ...v.instancePath.split('/').filter(Boolean)].join('.');
      const keys =
        v.keyword === 'unrecognized_keys' ? (v.params as { keys?: string[] }).keys : undefined;
      return keys?.length
        ? { path: `${path}.${keys.join(',')}`, message: `未知字段: ${keys.join(', ')}` }
        : { path, message: v.message ?? 'invalid' };
    });
    return new AppError(
      AppErrorCode.ValidationFailed,
      details.map((d) => `${d.path}: ${d.message}`).join('; '),
      details,
    );
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError(AppErrorCode.PayloadTooLarge, '请求体过大', [
        { path: 'body', message: fe.message },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(AppErrorCode.UnsupportedMediaType, '不支持的内容类型', [
        { path: 'content-type', message: fe.message },
      ]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(AppErrorCode.ValidationFailed, 'JSON 格式错误', [
        { path: 'body', message: fe.message },
      ]);
    default:
      break;
  }
  if (fe.statusCode === 400 && fe instanceof SyntaxError) {
    return new AppError(AppErrorCode.ValidationFailed, 'JSON 格式错误', [
      { path: 'body', message: fe.message },
    ]);
  }
  switch (sqlState(error)) {
    case '23505':
      return new AppError(AppErrorCode.Conflict, '记录已存在 (唯一约束冲突)');
    case '23503':
      return new AppError(AppErrorCode.Conflict, '引用的记录不存在或仍被引用');
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new AppError(AppErrorCode.ValidationFailed, '值的格式或范围无效');
    case undefined:
    default:
      break;
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = (Object.entries(httpStatusByCode).find(([, s]) => s === fe.statusCode)?.[0] ??
      AppErrorCode.ValidationFailed) as AppErrorCode;
    return new AppError(code, fe.message, [{ path: 'request', message: fe.message }]);
  }
  return new AppError(AppErrorCode.Internal, '服务器内部错误');
}

/**
 * Installs the error handler and the not-found handler. With `spa`, unknown non-API GETs answer the web
 * app's index.html (client-side routes survive a reload); unknown API paths and files under assets/
 * stay a 404 error body.
 */
export function installErrorHandling(app: FastifyInstance, options: { spa: boolean }): void {
  app.setErrorHandler((error, req, reply) => {
    const e = toAppError(error);
    if (e.code === AppErrorCode.Internal) {
      req.log.error({ err: error }, 'unhandled error');
    } else {
      req.log.info({ code: e.code, message: e.message }, 'request refused');
    }
    void reply.status(e.status).send({ code: e.code, message: e.message, details: e.details });
  });
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    // A missing file of the build (a chunk of an earlier build asked for by an open tab) stays a 404:
    // the page would reach the browser as a script.
    if (
      options.spa &&
      req.method === 'GET' &&
      !url.startsWith('/api/') &&
      !url.startsWith('/assets/')
    ) {
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .sendFile('index.html');
    }
    return reply.status(404).send({
      code: AppErrorCode.NotFound,
      message: `no route ${req.method} ${req.url.split('?')[0] ?? ''}`,
      details: [],
    });
  });
}
