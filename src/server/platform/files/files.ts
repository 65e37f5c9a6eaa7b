/**
 * @module Uploaded files, one way for every upload path (hazard evidence, inspection photos, task
 * evidence, 举报 photos): the accepted types recognised by their first bytes whatever the name says,
 * the size limit, the SHA-256 that identifies a file, a name safe to store and send back, and storing
 * a file once per holder (a hazard, an inspection, a progress report, a 举报) within a count.
 */
import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { EvidenceLimits } from '../../../shared/limits.ts';
import type { Db } from '../db/client.ts';
import { AppError, AppErrorCode } from '../errors.ts';

/** Every type an upload path may accept, each recognised by its content (sniffFileType). */
export const fileTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'video/mp4',
] as const;
export type FileType = (typeof fileTypes)[number];

/** The photo types (JPEG, PNG, WebP). */
export const imageTypes = ['image/jpeg', 'image/png', 'image/webp'] as const satisfies FileType[];

/** What one upload path accepts, and what its refusals call the file. */
export interface FilePolicy {
  /** The file as the refusals name it: 证据文件, 照片, 证明材料. */
  noun: string;
  /** The counter word of the count refusal: 个 (文件), 张 (照片). */
  measure: string;
  /** The accepted types as the 415 names them to the user, e.g. 'JPEG、PNG 或 WebP 图片'. */
  accepts: string;
  /** The accepted types. */
  types: readonly FileType[];
  /** Bytes one file may hold. */
  bytesMax: number;
}

/** Evidence (of a hazard, of a task's progress): photos, PDFs and MP4 videos within EvidenceLimits. */
export const evidencePolicy: FilePolicy = {
  noun: '证据文件',
  measure: '个',
  accepts: 'JPEG、PNG、WebP 图片, PDF 和 MP4 视频',
  types: EvidenceLimits.types,
  bytesMax: EvidenceLimits.bytesMax,
};

/** Photos (inspection photos, 举报 photos): JPEG, PNG or WebP within `bytesMax`. */
export function photoPolicy(bytesMax: number): FilePolicy {
  return {
    noun: '照片',
    measure: '张',
    accepts: 'JPEG、PNG 或 WebP 图片',
    types: imageTypes,
    bytesMax,
  };
}

/** A file that passed its policy, ready to store in the stored-file columns (db/columns.ts). */
export interface AcceptedFile {
  /** The uploader's name for it, cleaned (cleanFileName). */
  fileName: string;
  contentType: FileType;
  sizeBytes: number;
  /** Hex SHA-256 of the content: the file's identity (dedupe, ETag). */
  sha256: string;
  content: Buffer;
}

/** The type of a file from its first bytes; null when it is none of fileTypes. */
export function sniffFileType(data: Buffer): FileType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => data[at + i] === b);
  const ascii = (text: string, at: number) =>
    data.toString('latin1', at, at + text.length) === text;
  if (starts([0xff, 0xd8, 0xff])) {
    return 'image/jpeg';
  }
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return 'image/png';
  }
  if (ascii('RIFF', 0) && ascii('WEBP', 8)) {
    return 'image/webp';
  }
  if (ascii('%PDF-', 0)) {
    return 'application/pdf';
  }
  if (isMp4(data)) {
    return 'video/mp4';
  }
  return null;
}

/**
 * The brands of the MP4 family a file type box may name (ISO/IEC 14496-12 §4.3, 14496-14, and the
 * brands of AVC, Apple's M4V and DASH files); QuickTime ('qt  ') and others are not MP4.
 */
const mp4Brands = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'iso8',
  'iso9',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'mmp4',
  'dash',
  'MSNV',
]);

/**
 * Whether the bytes are an MP4 file (ISO base media file format, ISO/IEC 14496-12 §4.2): a chain of
 * boxes, each a 32-bit size (1: a 64-bit size follows; 0: to the end of the file) and a four-character
 * type, covering the file exactly; the first a file type box (§4.3) naming an MP4 brand, and a movie
 * (moov) and its media data (mdat) among them. Bytes that merely hold "ftyp" at offset 4 are not one.
 */
function isMp4(data: Buffer): boolean {
  let at = 0;
  const seen = new Set<string>();
  while (at < data.length) {
    const left = data.length - at;
    if (left < 8) {
      return false;
    }
    const type = data.toString('latin1', at + 4, at + 8);
    if (!/^[\x20-\x7e]{4}$/.test(type)) {
      return false;
    }
    let size = data.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (left < 16) {
        return false;
      }
      const large = data.readBigUInt64BE(at + 8);
      size = large > BigInt(left) ? left + 1 : Number(large);
      header = 16;
    } else if (size === 0) {
      size = left;
    }
    if (size < header || size > left) {
      return false;
    }
    if (seen.size === 0) {
      // ftyp: major brand, minor version, then compatible brands, four bytes each.
      if (type !== 'ftyp' || size < 16 || (size - 16) % 4 !== 0) {
        return false;
      }
      const brands = [data.toString('latin1', at + 8, at + 12)];
      for (let b = at + 16; b < at + size; b += 4) {
        brands.push(data.toString('latin1', b, b + 4));
      }
      if (!brands.some((b) => mp4Brands.has(b))) {
        return false;
      }
    }
    seen.add(type);
    at += size;
  }
  return seen.has('moov') && seen.has('mdat');
}

/**
 * A file name safe to store and to send back: no path, at most 200 characters, and no control or
 * format characters — C0 and C1 controls, the bidirectional overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) and marks that let "gpj.exe" with a right-to-left override read as "exe.jpg", zero-width
 * characters, line and paragraph separators — nor quotes.
 */
export function cleanFileName(name: string, fallback = 'evidence'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"]/gu, '').trim();
  return (clean || fallback).slice(-200);
}

/** The hex SHA-256 of a content. */
export function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A byte limit in words: whole MiB as such, otherwise decimal megabytes. */
export function megabytes(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return `${Number.isInteger(mib) ? mib : bytes / 1_000_000} MB`;
}

/**
 * Checks an uploaded file against a policy — not empty (400), within the size (413), of an accepted
 * type by its content (415), each refusal naming the field `file` — and answers it ready to store.
 */
export function acceptFile(
  policy: FilePolicy,
  file: { fileName: string; data: Buffer },
): AcceptedFile {
  const refuse = (code: AppErrorCode, message: string, detail: string) =>
    new AppError(code, message, [{ path: 'file', message: detail, value: file.fileName }]);
  if (file.data.length === 0) {
    throw refuse(AppErrorCode.ValidationFailed, `${policy.noun}为空`, '文件没有内容');
  }
  if (file.data.length > policy.bytesMax) {
    throw refuse(
      AppErrorCode.PayloadTooLarge,
      `${policy.noun}过大`,
      `不能超过 ${megabytes(policy.bytesMax)}`,
    );
  }
  const contentType = sniffFileType(file.data);
  if (!contentType || !policy.types.includes(contentType)) {
    throw refuse(
      AppErrorCode.UnsupportedMediaType,
      `不支持的${policy.noun}类型`,
      `仅接受 ${policy.accepts} (按文件内容识别)`,
    );
  }
  return {
    fileName: cleanFileName(file.fileName),
    contentType,
    sizeBytes: file.data.length,
    sha256: sha256Of(file.data),
    content: file.data,
  };
}

/** A table of stored files: the stored-file columns (db/columns.ts) and the holder's column. */
type FileTable = PgTable & { sha256: PgColumn };

/** The holder a file is stored under, and how many files it may hold. */
export interface FileHolder {
  /** The table's column naming the holder (hazardId, reportId …). */
  column: PgColumn;
  id: string;
  /** Files the holder may hold. */
  max: number;
  /** The holder in the refusals, after 每/该: '项隐患', '份进展', '次检查'. */
  name: string;
}

/**
 * Stores an accepted file under its holder inside the caller's transaction: a 409 when the holder holds
 * its `max` files already or holds the same content (by SHA-256; the table's unique key on holder and
 * SHA-256 decides). `values` are the row: the accepted file's columns and the table's own.
 */
export async function storeFile<T extends FileTable>(
  tx: Db,
  table: T,
  policy: FilePolicy,
  holder: FileHolder,
  values: T['$inferInsert'] & { sha256: string; fileName?: string },
): Promise<T['$inferSelect']> {
  const refuse = (message: string, detail: string) =>
    new AppError(AppErrorCode.Conflict, message, [
      { path: 'file', message: detail, ...(values.fileName ? { value: values.fileName } : {}) },
    ]);
  const files: PgTable = table;
  const [held] = await tx.select({ n: count() }).from(files).where(eq(holder.column, holder.id));
  if ((held?.n ?? 0) >= holder.max) {
    throw refuse(
      `${policy.noun}数量已达上限`,
      `每${holder.name}最多 ${holder.max} ${policy.measure}${policy.noun}`,
    );
  }
  const [row] = (await tx
    .insert(table)
    .values(values as never)
    .onConflictDoNothing()
    .returning()) as T['$inferSelect'][];
  if (!row) {
    throw refuse(`同一${policy.noun}已上传`, `SHA-256 ${values.sha256} 已存在于该${holder.name}`);
  }
  return row;
}
