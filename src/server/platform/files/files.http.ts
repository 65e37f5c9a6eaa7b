/**
 * @module Uploaded files over HTTP: the one file of a multipart/form-data request (field `file`), read
 * whole or refused with a 415/400/413 naming it; and serving a stored file safely — under its own
 * UTF-8 name, images inline and the rest as attachments, never sniffed or run by the browser, with its
 * SHA-256 as ETag and Repr-Digest.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
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

/** The uploaded file (field `file`) of a multipart request, at most `bytesMax` bytes. */
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

/** How many files one multipart request may carry and how large they may be. */
export interface UploadsLimits {
  filesMax: number;
  /** Bytes one file may hold. */
  fileBytesMax: number;
  /** Bytes all files together may hold. */
  totalBytesMax: number;
}

/**
 * Every uploaded file of a multipart request (any file field), in the order sent, read whole; too many,
 * too large in one or together, or none at all is refused with a 413/400 naming it.
 */
export async function readUploads(
  req: FastifyRequest,
  limits: UploadsLimits,
): Promise<{ filename: string; data: Buffer }[]> {
  if (!req.isMultipart()) {
    throw new AppError(
      AppErrorCode.UnsupportedMediaType,
      '请以 multipart/form-data 上传文件 (字段 file, 可多个)',
      [{ path: 'file', message: 'multipart/form-data required' }],
    );
  }
  const out: { filename: string; data: Buffer }[] = [];
  let total = 0;
  try {
    for await (const part of req.files({
      limits: {
        fileSize: limits.fileBytesMax,
        files: limits.filesMax,
        parts: limits.filesMax + 10,
      },
    })) {
      const data = await part.toBuffer();
      total += data.length;
      if (total > limits.totalBytesMax) {
        throw new AppError(
          AppErrorCode.PayloadTooLarge,
          `上传文件合计超过 ${limits.totalBytesMax} 字节`,
          [
            {
              path: 'file',
              message: `合计超过 ${limits.totalBytesMax} 字节`,
              value: part.filename,
            },
          ],
        );
      }
      out.push({ filename: part.filename, data });
    }
  } catch (e) {
    return malformed(e);
  }
  if (out.length === 0) {
    throw new AppError(AppErrorCode.ValidationFailed, '缺少上传文件', [
      { path: 'file', message: '缺少上传文件' },
    ]);
  }
  return out;
}

/** Sends bytes under their own (UTF-8) name, as an attachment or inline. */
export function sendNamed(
  reply: FastifyReply,
  data: Buffer,
  contentType: string,
  name: string,
  inline = false,
) {
  return reply
    .header('content-type', contentType)
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename="file"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(data);
}

/**
 * Sends a stored (uploaded) file: images inline, the rest as attachments, never sniffed or run by the
 * browser, with its SHA-256 as ETag and Repr-Digest.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { contentType: string; fileName: string; sha256: string; content: Buffer },
) {
  reply
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('etag', `"${file.sha256}"`)
    .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`)
    .header('cache-control', 'private, max-age=0');
  return sendNamed(
    reply,
    file.content,
    file.contentType,
    file.fileName,
    file.contentType.startsWith('image/'),
  );
}
