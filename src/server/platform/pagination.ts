/**
 * @module Keyset pagination: the cursor carries the sort key and id of the last row, so pages stay
 * stable while rows are added or removed.
 */
import { z } from 'zod';
import { RegistryValidation } from '../../shared/limits.ts';
import { AppError, AppErrorCode } from './errors.ts';

export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What a list's sort key is: a calendar date, an instant, or text (a name). */
export type CursorKey = 'date' | 'timestamp' | 'text';

/**
 * The checks of a cursor's sort key by kind. A cursor comes back from the client, so it is input like
 * any other: a key the database would fail to cast (2026-02-30, a number, a NUL) is refused here.
 */
const keyChecks: Record<CursorKey, z.ZodType<string>> = {
  date: z.iso.date(),
  timestamp: z.iso.datetime({ offset: true }),
  text: z
    .string()
    .max(RegistryValidation.textMax)
    .refine((v) => !v.includes('\u0000')),
};

/**
 * Decodes a cursor of (sort key, id): two strings, the key of the given kind and the id a UUID; anything
 * else is a 400 naming the `cursor` field.
 */
export function decodeCursor(cursor: string, key: CursorKey): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      keyChecks[key].safeParse(v[0]).success &&
      z.uuid().safeParse(v[1]).success
    ) {
      return [v[0] as string, v[1] as string];
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
  /** The kind of the sort key, which a cursor handed back must match. */
  key: CursorKey;
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
  const after = q.cursor ? decodeCursor(q.cursor, source.key) : undefined;
  const rows = await source.rows(after, q.limit + 1);
  const items = await source.present(rows.slice(0, q.limit));
  const last = items[items.length - 1];
  return {
    items,
    total: await source.total(),
    nextCursor: rows.length > q.limit && last ? encodeCursor(source.keyOf(last)) : null,
  };
}
