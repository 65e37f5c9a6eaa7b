/**
 * @module SQL of the sign-in back-off (login.table.ts): read, write and purge a name's row.
 */
import { and, isNull, lt, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { loginBackoff } from './login.table.ts';

export type LoginBackoffRow = typeof loginBackoff.$inferSelect;

export async function findBackoff(db: Db, nameDigest: string) {
  const [row] = await db.select().from(loginBackoff).where(eq(loginBackoff.nameDigest, nameDigest));
  return row;
}

/** Writes a name's row whole (insert or replace). */
export async function saveBackoff(db: Db, row: LoginBackoffRow): Promise<void> {
  const { nameDigest: _key, ...set } = row;
  await db.insert(loginBackoff).values(row).onConflictDoUpdate({
    target: loginBackoff.nameDigest,
    set,
  });
}

/** Rows of names that never signed in here and were last tried before `before`. */
export async function purgeBackoffBefore(db: Db, before: Date): Promise<number> {
  const gone = await db
    .delete(loginBackoff)
    .where(and(isNull(loginBackoff.trustedIpDigest), lt(loginBackoff.updatedAt, before)))
    .returning({ key: loginBackoff.nameDigest });
  return gone.length;
}
