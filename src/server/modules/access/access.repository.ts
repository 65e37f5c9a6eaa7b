/**
 * @module SQL for organisations, users, sessions and API tokens.
 */
import { and, asc, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { LocaleValue } from '../../../shared/access.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { apiTokens, organisations, sessions, users } from './access.table.ts';

export async function findUserWithOrg(db: Db, where: { id?: string; username?: string }) {
  const [row] = await db
    .select({ user: users, org: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where.id ? eq(users.id, where.id) : eq(users.username, where.username ?? ''));
  return row;
}
export type UserWithOrg = NonNullable<Awaited<ReturnType<typeof findUserWithOrg>>>;

export async function findOrganisation(db: Db, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function insertOrganisation(db: Db, values: typeof organisations.$inferInsert) {
  const [row] = await db.insert(organisations).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function listUsers(db: Db) {
  return db.select().from(users).orderBy(asc(users.username));
}

/** The display names of the users with these ids (unknown ids are left out). */
export async function displayNamesOf(db: Db, ids: string[]) {
  return ids.length === 0
    ? []
    : db
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(inArray(users.id, ids));
}

/** Removes the sessions that expired before `before`; returns how many. */
export async function deleteSessionsExpiredBefore(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, before))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export async function findLiveSession(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function insertToken(db: Db, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function findLiveToken(db: Db, tokenHash: string) {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row;
}

export async function tokensOf(db: Db, userId: string) {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.createdAt));
}

export async function findToken(db: Db, id: string) {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

export async function revokeTokenRow(db: Db, id: string, at: Date) {
  await db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id));
}

export async function updateUserLocale(db: Db, id: string, locale: LocaleValue) {
  await db.update(users).set({ locale }).where(eq(users.id, id));
}

/** Inserts users in one statement (the demo seed). */
export async function insertUsers(db: Db, values: (typeof users.$inferInsert)[]) {
  if (values.length) {
    await db.insert(users).values(values);
  }
}

/** Whether any organisation exists (a database that has been set up). */
export async function hasOrganisations(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).limit(1);
  return row !== undefined;
}
