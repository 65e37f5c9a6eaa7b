/**
 * @module The one uploaded file of a multipart/form-data request (field `file`), or a 415/400 naming it.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, AppErrorCode } from '../errors.ts';

export async function uploadedFile(req: FastifyRequest, bytesMax: number): Promise<MultipartFile> {
  if (!req.isMultipart()) {
    throw new AppError(
      AppErrorCode.UnsupportedMediaType,
      '请以 multipart/form-data 上传文件 (字段 file)',
      [{ path: 'file', message: 'multipart/form-data required' }],
    );
  }
  const file = await req.file({ limits: { fileSize: bytesMax, files: 1 } });
  if (!file) {
    throw new AppError(AppErrorCode.ValidationFailed, '缺少上传文件', [
      { path: 'file', message: '缺少上传文件' },
    ]);
  }
  return file;
}
