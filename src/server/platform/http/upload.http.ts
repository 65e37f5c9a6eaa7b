/**
 * @module The one uploaded file of a multipart/form-data request (field `file`), read whole, or a
 * 415/400/413 naming it: a body that is not multipart, a malformed multipart body (no boundary, cut
 * short), a missing file, or a file over the limit.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, AppErrorCode } from '../errors.ts';

function malformed(e: unknown): never {
  // Fastify's own multipart errors carry their status (413 too large, 406 …); busboy's do not.
  if (e instanceof AppError || typeof (e as { statusCode?: unknown }).statusCode === 'number') {
    throw e;
  }
  throw new AppError(AppErrorCode.ValidationFailed, 'multipart/form-data 格式错误', [
    { path: 'file', message: (e as Error).message || 'malformed multipart body' },
  ]);
}

export async function readUpload(
  req: FastifyRequest,
  bytesMax: number,
): Promise<{ filename: string; data: Buffer }> {
  if (!req.isMultipart()) {
    throw new AppError(
      AppErrorCode.UnsupportedMediaType,
      '请以 multipart/form-data 上传文件 (字段 file)',
      [{ path: 'file', message: 'multipart/form-data required' }],
    );
  }
  try {
    const file = await req.file({ limits: { fileSize: bytesMax, files: 1 } });
    if (!file) {
      throw new AppError(AppErrorCode.ValidationFailed, '缺少上传文件', [
        { path: 'file', message: '缺少上传文件' },
      ]);
    }
    return { filename: file.filename, data: await file.toBuffer() };
  } catch (e) {
    return malformed(e);
  }
}
