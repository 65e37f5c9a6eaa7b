/**
 * @module SQL for people and their certificates.
 */
import {
  and,
  asc,
  arrayContains,
  count,
  eq,
  ilike,
  inArray,
  isNull,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { PersonRole } from '../../../shared/registry.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { mines } from './mine.table.ts';
import { certificates, people } from './person.table.ts';
import { likeText, mineRegionCondition } from './registry.scope.ts';

/** The entity's select with its joins (visibleByMine / visibleEnterprise take it). */
export function selectPeople(db: Db) {
  return db
    .select({ person: people, mineName: mines.name })
    .from(people)
    .innerJoin(mines, eq(mines.id, people.mineId));
}
export type PersonJoinedRow = Awaited<
  ReturnType<ReturnType<typeof selectPeople>['execute']>
>[number];

export async function findPerson(db: Db, id: string, mineScope: SQL | undefined) {
  const [row] = await selectPeople(db).where(and(eq(people.id, id), mineScope));
  return row;
}

/** The names of a mine's unarchived people who hold a role. */
export async function activeNamesWithRole(
  db: Db,
  mineId: string,
  role: PersonRole,
): Promise<string[]> {
  const rows = await db
    .select({ name: people.name })
    .from(people)
    .where(
      and(
        eq(people.mineId, mineId),
        sql`${role} = ANY(${people.roles})`,
        sql`${people.archivedAt} IS NULL`,
      ),
    );
  return rows.map((r) => r.name);
}

export interface PersonFilter {
  mineScope: SQL | undefined;
  regionPrefix?: string | undefined;
  mineId?: string | undefined;
  role?: PersonRole | undefined;
  q?: string | undefined;
  includeArchived?: boolean | undefined;
}

function filterCondition(f: PersonFilter) {
  return and(
    f.mineScope,
    mineRegionCondition(f.regionPrefix),
    f.mineId ? eq(people.mineId, f.mineId) : undefined,
    f.role ? arrayContains(people.roles, [f.role]) : undefined,
    f.q ? ilike(people.name, likeText(f.q)) : undefined,
    f.includeArchived ? undefined : isNull(people.archivedAt),
  );
}

export async function listPeople(
  db: Db,
  f: PersonFilter,
  page: { limit: number; after?: [string, string] | undefined },
) {
  return selectPeople(db)
    .where(
      and(
        filterCondition(f),
        page.after
          ? sql`(${people.name}, ${people.id}) > (${page.after[0]}, ${page.after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(people.name), asc(people.id))
    .limit(page.limit);
}

export async function countPeople(db: Db, f: PersonFilter) {
  const [row] = await db
    .select({ n: count() })
    .from(people)
    .innerJoin(mines, eq(mines.id, people.mineId))
    .where(filterCondition(f));
  return row?.n ?? 0;
}

export async function certificatesOf(db: Db, personIds: string[]) {
  if (personIds.length === 0) {
    return [];
  }
  return db
    .select()
    .from(certificates)
    .where(inArray(certificates.personId, personIds))
    .orderBy(asc(certificates.expiresOn));
}

export async function insertPeople(db: Db, values: (typeof people.$inferInsert)[]) {
  if (values.length === 0) {
    return [];
  }
  return (await db.insert(people).values(values).returning({ id: people.id })).map((r) => r.id);
}

export async function updatePersonRow(
  db: Db,
  id: string,
  set: Partial<typeof people.$inferInsert>,
  at: Date,
) {
  await db
    .update(people)
    .set({ ...set, updatedAt: at, version: sql`${people.version} + 1` })
    .where(eq(people.id, id));
}

/** Replaces a person's certificates with the given list. */
export async function replaceCertificates(
  db: Db,
  personId: string,
  list: Omit<typeof certificates.$inferInsert, 'personId'>[],
) {
  await db.delete(certificates).where(eq(certificates.personId, personId));
  if (list.length) {
    await db.insert(certificates).values(list.map((c) => ({ ...c, personId })));
  }
}

/** Inserts certificates in one statement (the demo seed). */
export async function insertCertificates(db: Db, values: (typeof certificates.$inferInsert)[]) {
  if (values.length) {
    await db.insert(certificates).values(values);
  }
}

/** The names of the people of the given mines who hold `role`. */
export async function namesWithRole(db: Db, mineIds: string[], role: PersonRole) {
  return db
    .select({ mineId: people.mineId, name: people.name })
    .from(people)
    .where(and(inArray(people.mineId, mineIds), sql`${role} = ANY(${people.roles})`));
}
