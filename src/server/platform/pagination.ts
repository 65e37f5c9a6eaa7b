/**
 * @module Keyset pagination: the cursor carries the sort key and id of the last row, so pages stay
 * stable while rows are added or removed.
 */
import { AppError, AppErrorCode } from './errors.ts';

export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor of `n` values; a malformed one is a 400 naming the `cursor` field. */
export function decodeCursor(cursor: string, n: number): (string | number | null)[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === n &&
      v.every((x) => x === null || typeof x === 'string' || typeof x === 'number')
    ) {
      return v as (string | number | null)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError(AppErrorCode.ValidationFailed, 'cursor is malformed', [
    { path: 'cursor', message: '分页游标无效, 请从第一页重新查询' },
  ]);
}
