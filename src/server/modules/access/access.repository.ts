/**
 * @module SQL for organisations, users, sessions and API tokens.
 */
import {
  and,
  asc,
  eq,
  exists,
  gt,
  inArray,
  isNull,
  like,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { LocaleValue } from '../../../shared/access.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Scope } from '../../platform/auth/scope.ts';
import { enterprises } from '../registry/enterprise.table.ts';
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

/**
 * The users of the organisations matching `orgCondition` (undefined: every organisation), with their
 * organisation's name and kind, by username.
 */
export async function listUsers(db: Db, orgCondition: SQL | undefined) {
  return db
    .select({ user: users, orgName: organisations.name, orgKind: organisations.kind })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(orgCondition)
    .orderBy(asc(users.username));
}

/** The organisations matching the condition (undefined: all), by kind and name. */
export async function listOrganisations(db: Db, condition: SQL | undefined) {
  return db
    .select()
    .from(organisations)
    .where(condition)
    .orderBy(asc(organisations.kind), asc(organisations.name));
}

/** A user with its organisation, when the organisation matches the condition (the jurisdiction). */
export async function findUserInOrganisations(db: Db, id: string, orgCondition: SQL | undefined) {
  const [row] = await db
    .select({ user: users, org: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, id), orgCondition));
  return row;
}

/** An organisation, when it matches the condition (the jurisdiction). */
export async function findOrganisationIn(db: Db, id: string, condition: SQL | undefined) {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, id), condition));
  return row;
}

/**
 * The organisations whose users the scope may manage: a regulator's region subtree holds the regulator
 * units of its regions and the organisations of the enterprises registered there (not those of
 * enterprises registered elsewhere that merely operate a mine in it); the system everything.
 */
export function organisationScopeCondition(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'region':
      return or(
        and(
          eq(organisations.kind, 'regulator'),
          like(organisations.regionCode, `${scope.prefix}%`),
        ),
        and(
          eq(organisations.kind, 'enterprise'),
          exists(
            sql`(SELECT 1 FROM ${enterprises} WHERE ${enterprises.id} = ${organisations.enterpriseId} AND ${like(enterprises.regionCode, `${scope.prefix}%`)})`,
          ),
        ),
      );
    case 'enterprise':
      return eq(organisations.enterpriseId, scope.enterpriseId);
    case 'mines':
      return sql`false`;
  }
}

export async function updateUser(
  db: Db,
  id: string,
  values: Partial<
    Pick<
      typeof users.$inferInsert,
      | 'displayName'
      | 'role'
      | 'organisationId'
      | 'mineId'
      | 'email'
      | 'phone'
      | 'disabledAt'
      | 'passwordHash'
    >
  >,
) {
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  if (!row) {
    throw new Error('update returned no row');
  }
  return row;
}

/** Ends every session of a user (a reset password, a disabled account). */
export async function deleteSessionsOf(db: Db, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
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

/** Records a token's use, at most once per `resolutionMs` (one write a minute, not one a request). */
export async function touchToken(db: Db, id: string, at: Date, resolutionMs: number) {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: at })
    .where(
      and(
        eq(apiTokens.id, id),
        or(
          isNull(apiTokens.lastUsedAt),
          lt(apiTokens.lastUsedAt, new Date(at.getTime() - resolutionMs)),
        ),
      ),
    );
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
