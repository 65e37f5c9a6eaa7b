/**
 * @module All SQL of leads and their timeline: the joined select (visibleByMine takes it), the list
 * filter and keyset page, the summary counts, the writes of the lead loop and of the evaluation job,
 * and the inspectors a lead may be assigned to.
 */
import {
  aliasedTable,
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { LeadRule, LeadStatus } from '../../../shared/leads.enums.ts';
import { Role } from '../../platform/auth/permissions.ts';
import type { Db } from '../../platform/db/client.ts';
import { organisations, users } from '../access/access.table.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf, likeText, mineInRegion } from '../registry/registry.scope.ts';
import { regions } from '../registry/region.table.ts';
import { leadEvents, leads } from './leads.table.ts';

const assignee = aliasedTable(users, 'assignee');

/** A lead with its mine's name, county and status and its assignee's name. */
export function selectLeads(db: Db) {
  return db
    .select({
      l: leads,
      mineName: mines.name,
      countyCode: mines.countyCode,
      countyName: regions.name,
      mineStatus: mines.status,
      assigneeName: assignee.displayName,
    })
    .from(leads)
    .innerJoin(mines, eq(mines.id, leads.mineId))
    .innerJoin(regions, eq(regions.code, mines.countyCode))
    .leftJoin(assignee, eq(assignee.id, leads.assigneeId));
}

export type LeadRow = typeof leads.$inferSelect;

/** Which leads a list, count or export takes. */
export interface LeadFilter {
  /** The caller's jurisdiction (mineScopeCondition). */
  mineScope: SQL | undefined;
  /** A region code (GB/T 2260): mines in its subtree. */
  region?: string | undefined;
  mineId?: string | undefined;
  rules?: LeadRule[] | undefined;
  statuses?: LeadStatus[] | undefined;
  /** true: open only; false: closed only. */
  open?: boolean | undefined;
  assigneeId?: string | undefined;
  /** Text in the mine's name or the lead's summary. */
  q?: string | undefined;
  /** Detected at or after / before these instants. */
  detectedFrom?: Date | undefined;
  detectedBefore?: Date | undefined;
}

function filterCondition(f: LeadFilter): SQL | undefined {
  return allOf(
    f.mineScope,
    mineInRegion(f.region),
    f.mineId ? eq(leads.mineId, f.mineId) : undefined,
    f.rules?.length ? inArray(leads.rule, f.rules) : undefined,
    f.statuses?.length ? inArray(leads.status, f.statuses) : undefined,
    f.open === true
      ? isNull(leads.closedAt)
      : f.open === false
        ? sql`${leads.closedAt} IS NOT NULL`
        : undefined,
    f.assigneeId ? eq(leads.assigneeId, f.assigneeId) : undefined,
    f.q ? or(ilike(mines.name, likeText(f.q)), ilike(leads.summary, likeText(f.q))) : undefined,
    f.detectedFrom ? gte(leads.detectedAt, f.detectedFrom) : undefined,
    f.detectedBefore ? lt(leads.detectedAt, f.detectedBefore) : undefined,
  );
}

/** A page ordered by (detected at, id), newest first. */
export async function listLeads(
  db: Db,
  f: LeadFilter,
  page: { limit: number; after?: [string, string] | undefined },
) {
  const { after } = page;
  return selectLeads(db)
    .where(
      allOf(
        filterCondition(f),
        after
          ? or(
              lt(leads.detectedAt, new Date(after[0])),
              and(eq(leads.detectedAt, new Date(after[0])), lt(leads.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(leads.detectedAt), desc(leads.id))
    .limit(page.limit);
}

export async function countLeads(db: Db, f: LeadFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(leads)
    .innerJoin(mines, eq(mines.id, leads.mineId))
    .where(filterCondition(f));
  return row?.n ?? 0;
}

/** Every matching lead up to `limit`, newest first (the export). */
export async function allLeads(db: Db, f: LeadFilter, limit: number) {
  return selectLeads(db)
    .where(filterCondition(f))
    .orderBy(desc(leads.detectedAt), desc(leads.id))
    .limit(limit);
}

/** Lead counts by status and rule (the dashboard card). */
export async function countByStatusAndRule(db: Db, f: LeadFilter) {
  return db
    .select({ status: leads.status, rule: leads.rule, n: count() })
    .from(leads)
    .innerJoin(mines, eq(mines.id, leads.mineId))
    .where(filterCondition(f))
    .groupBy(leads.status, leads.rule);
}

/** How many matching leads were detected at or after `since`. */
export async function countDetectedSince(db: Db, f: LeadFilter, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(leads)
    .innerJoin(mines, eq(mines.id, leads.mineId))
    .where(allOf(filterCondition(f), gte(leads.detectedAt, since)));
  return row?.n ?? 0;
}

/**
 * A lead's timeline, oldest first, with the display name of the user who acted where the event names
 * one by username (the system's steps name a job instead).
 */
export async function eventsOf(db: Db, leadId: string) {
  return db
    .select({ ...getTableColumns(leadEvents), actorName: users.displayName })
    .from(leadEvents)
    .leftJoin(users, eq(users.username, leadEvents.actor))
    .where(eq(leadEvents.leadId, leadId))
    .orderBy(asc(leadEvents.id));
}

/** The open lead of a mine and rule, taken FOR UPDATE (the caller extends it in its transaction). */
export async function lockOpenLead(tx: Db, mineId: string, rule: LeadRule) {
  const [row] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.mineId, mineId), eq(leads.rule, rule), isNull(leads.closedAt)))
    .for('update');
  return row;
}

/**
 * Whether a closed lead of the mine and rule has already judged evidence ending at `end`: its window
 * holds that end (the same evidence found again, or less of it). Evidence ending before every closed
 * window — history imported later — or after them is new.
 */
export async function closedLeadCovers(
  db: Db,
  mineId: string,
  rule: LeadRule,
  end: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.mineId, mineId),
        eq(leads.rule, rule),
        isNotNull(leads.closedAt),
        lt(leads.windowStart, end),
        gte(leads.windowEnd, end),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Inserts a lead; returns its id. */
export async function insertLead(
  db: Db,
  values: typeof leads.$inferInsert,
): Promise<string | undefined> {
  const [row] = await db.insert(leads).values(values).returning({ id: leads.id });
  return row?.id;
}

/** Writes the given columns of one lead (the caller sets updatedAt and the next version). */
export async function updateLeadRow(db: Db, id: string, set: Partial<typeof leads.$inferInsert>) {
  await db.update(leads).set(set).where(eq(leads.id, id));
}

export async function insertLeadEvent(db: Db, values: typeof leadEvents.$inferInsert) {
  await db.insert(leadEvents).values(values);
}

/** A user with the region of their unit (whether they may be assigned a lead). */
export async function findUserWithRegion(db: Db, id: string) {
  const [row] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: users.role,
      regionCode: organisations.regionCode,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, id));
  return row;
}

/** Every active inspector with their unit's name and region, by display name. */
export async function activeInspectors(db: Db) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      organisationName: organisations.name,
      regionCode: organisations.regionCode,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.role, Role.Inspector), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName));
}
export type InspectorRow = Awaited<ReturnType<typeof activeInspectors>>[number];

/** The mine facts a new lead's notice needs (name, enterprise, county). */
export async function findMineToNotify(db: Db, mineId: string) {
  const [row] = await db
    .select({ name: mines.name, enterpriseId: mines.enterpriseId, countyCode: mines.countyCode })
    .from(mines)
    .where(eq(mines.id, mineId));
  return row;
}
