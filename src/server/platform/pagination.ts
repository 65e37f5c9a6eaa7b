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

/** How one list fetches, presents and counts its rows for keysetPage. */
export interface KeysetSource<Row, Item> {
  /** Rows after the cursor's (sort key, id), at most `limit` of them. */
  rows(after: [string, string] | undefined, limit: number): Promise<Row[]>;
  present(rows: Row[]): Promise<Item[]> | Item[];
  total(): Promise<number>;
  /** The (sort key, id) of an item, stored in the next cursor. */
  keyOf(item: Item): [string, string];
}

/**
 * One page of a keyset-paginated list. It asks for one row more than the page holds to learn whether
 * another page follows.
 */
export async function keysetPage<Row, Item>(
  q: { limit: number; cursor?: string | undefined },
  source: KeysetSource<Row, Item>,
): Promise<{ items: Item[]; total: number; nextCursor: string | null }> {
  const after = q.cursor ? (decodeCursor(q.cursor, 2) as [string, string]) : undefined;
  const rows = await source.rows(after, q.limit + 1);
  const items = await source.present(rows.slice(0, q.limit));
  const last = items[items.length - 1];
  return {
    items,
    total: await source.total(),
    nextCursor: rows.length > q.limit && last ? encodeCursor(source.keyOf(last)) : null,
  };
}
