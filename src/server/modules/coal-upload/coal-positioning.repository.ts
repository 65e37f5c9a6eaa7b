/**
 * @module SQL of personnel positioning: cards, areas and stations (upserts that only a newer file
 * changes), where each card was last reported, descents, headcount snapshots, and the reads of who is
 * underground now and of leaders' descents.
 */
import { and, asc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import {
  coalAreas,
  coalCards,
  coalDescents,
  coalHeadcounts,
  coalPresence,
  coalStations,
} from './coal-positioning.table.ts';

const CHUNK = 2000;

/** Runs an upsert per chunk and returns how many rows it wrote (new or newer). */
async function upsertCount<T>(rows: T[], write: (chunk: T[]) => Promise<unknown[]>) {
  let n = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    n += (await write(rows.slice(i, i + CHUNK))).length;
  }
  return n;
}

/** Stores cards; a stored card changes only for a newer file with different content. */
export function upsertCards(tx: Db, rows: (typeof coalCards.$inferInsert)[]) {
  return upsertCount(rows, (chunk) =>
    tx
      .insert(coalCards)
      .values(chunk)
      .onConflictDoUpdate({
        target: [coalCards.mineId, coalCards.cardCode],
        set: {
          name: sql`excluded.name`,
          jobKind: sql`excluded.job_kind`,
          title: sql`excluded.title`,
          team: sql`excluded.team`,
          isLeader: sql`excluded.is_leader`,
          isSpecial: sql`excluded.is_special`,
          definedAt: sql`excluded.defined_at`,
        },
        setWhere: sql`excluded.defined_at > ${coalCards.definedAt} AND (excluded.name, excluded.job_kind,
          excluded.title, excluded.team, excluded.is_leader, excluded.is_special) IS DISTINCT FROM
          (${coalCards.name}, ${coalCards.jobKind}, ${coalCards.title}, ${coalCards.team},
           ${coalCards.isLeader}, ${coalCards.isSpecial})`,
      })
      .returning({ c: coalCards.cardCode }),
  );
}

/** Stores areas; a stored area changes only for a newer file with different content. */
export function upsertAreas(tx: Db, rows: (typeof coalAreas.$inferInsert)[]) {
  return upsertCount(rows, (chunk) =>
    tx
      .insert(coalAreas)
      .values(chunk)
      .onConflictDoUpdate({
        target: [coalAreas.mineId, coalAreas.areaCode],
        set: {
          areaType: sql`excluded.area_type`,
          name: sql`excluded.name`,
          quota: sql`excluded.quota`,
          definedAt: sql`excluded.defined_at`,
        },
        setWhere: sql`excluded.defined_at > ${coalAreas.definedAt} AND (excluded.area_type,
          excluded.name, excluded.quota) IS DISTINCT FROM (${coalAreas.areaType}, ${coalAreas.name},
          ${coalAreas.quota})`,
      })
      .returning({ c: coalAreas.areaCode }),
  );
}

/** Stores stations; a stored station changes only for a newer file with different content. */
export function upsertStations(tx: Db, rows: (typeof coalStations.$inferInsert)[]) {
  return upsertCount(rows, (chunk) =>
    tx
      .insert(coalStations)
      .values(chunk)
      .onConflictDoUpdate({
        target: [coalStations.mineId, coalStations.stationCode],
        set: {
          name: sql`excluded.name`,
          x: sql`excluded.x`,
          y: sql`excluded.y`,
          z: sql`excluded.z`,
          note: sql`excluded.note`,
          definedAt: sql`excluded.defined_at`,
        },
        setWhere: sql`excluded.defined_at > ${coalStations.definedAt} AND (excluded.name, excluded.x,
          excluded.y, excluded.z, excluded.note) IS DISTINCT FROM (${coalStations.name},
          ${coalStations.x}, ${coalStations.y}, ${coalStations.z}, ${coalStations.note})`,
      })
      .returning({ c: coalStations.stationCode }),
  );
}

/** Stores where cards are; a card's row changes only for a newer file. */
export function upsertPresence(tx: Db, rows: (typeof coalPresence.$inferInsert)[]) {
  const cols = [
    'name',
    'in_out',
    'in_at',
    'out_at',
    'area_code',
    'area_at',
    'station_code',
    'station_at',
    'shift_mode',
    'work_status',
    'is_leader',
    'is_special',
    'seen_at',
  ];
  return upsertCount(rows, (chunk) =>
    tx
      .insert(coalPresence)
      .values(chunk)
      .onConflictDoUpdate({
        target: [coalPresence.mineId, coalPresence.cardCode],
        set: Object.fromEntries(cols.map((c) => [toCamel(c), sql.raw(`excluded.${c}`)])),
        setWhere: sql`excluded.seen_at > ${coalPresence.seenAt}`,
      })
      .returning({ c: coalPresence.cardCode }),
  );
}

const toCamel = (c: string) => c.replace(/_(\w)/g, (_m, x: string) => x.toUpperCase());

/** Stores descents; a known one takes its 出井 time when the file has it. */
export async function upsertDescents(tx: Db, rows: (typeof coalDescents.$inferInsert)[]) {
  await upsertCount(rows, (chunk) =>
    tx
      .insert(coalDescents)
      .values(chunk)
      .onConflictDoUpdate({
        target: [coalDescents.mineId, coalDescents.cardCode, coalDescents.inAt],
        set: {
          outAt: sql`COALESCE(excluded.out_at, ${coalDescents.outAt})`,
          isLeader: sql`COALESCE(excluded.is_leader, ${coalDescents.isLeader})`,
        },
      })
      .returning({ c: coalDescents.cardCode }),
  );
}

/** Stores one upload time's headcounts (stored before: unchanged). */
export async function insertHeadcounts(tx: Db, rows: (typeof coalHeadcounts.$inferInsert)[]) {
  if (rows.length) {
    await tx.insert(coalHeadcounts).values(rows).onConflictDoNothing();
  }
}

/** The largest headcount of each area ('' = the mine) in the hours [from, to), with the area's name. */
export function hourlyPeaks(db: Db, mineId: string, from: Date, to: Date) {
  return queryRows<{ hour: Date | string; area_code: string; name: string | null; peak: number }>(
    db,
    sql`SELECT date_trunc('hour', h.at) AS hour, h.area_code, a.name, max(h.count)::int AS peak
        FROM coal_headcounts h
        LEFT JOIN coal_areas a ON a.mine_id = h.mine_id AND a.area_code = h.area_code
        WHERE h.mine_id = ${mineId} AND h.at >= ${from.toISOString()}::timestamptz
          AND h.at < ${to.toISOString()}::timestamptz
        GROUP BY 1, 2, 3`,
  );
}

/** The newest RYSS upload time of each mine (of these mines). */
export function latestPresence(db: Db, mineIds: string[]) {
  if (mineIds.length === 0) {
    return Promise.resolve([]);
  }
  return queryRows<{ mine_id: string; seen: Date | string }>(
    db,
    sql`SELECT mine_id, max(seen_at) AS seen FROM coal_presence
        WHERE mine_id IN (${sql.join(
          mineIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) GROUP BY mine_id`,
  );
}

/** Cards reported underground (入井) at a mine since `since`, by area and name. */
export function underground(db: Db, mineId: string, since: Date) {
  return db
    .select({ p: coalPresence, title: coalCards.title, jobKind: coalCards.jobKind })
    .from(coalPresence)
    .leftJoin(
      coalCards,
      and(eq(coalCards.mineId, coalPresence.mineId), eq(coalCards.cardCode, coalPresence.cardCode)),
    )
    .where(
      and(
        eq(coalPresence.mineId, mineId),
        eq(coalPresence.inOut, '1'),
        sql`${coalPresence.seenAt} >= ${since.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(coalPresence.areaCode), asc(coalPresence.name));
}

/** A mine's areas, by code. */
export function areasOf(db: Db, mineId: string) {
  return db
    .select()
    .from(coalAreas)
    .where(eq(coalAreas.mineId, mineId))
    .orderBy(asc(coalAreas.areaCode));
}

/**
 * The descents in [from, to) of the mine's leaders (是否矿领导 on the descent, else on the card), each
 * with the China calendar day it began.
 */
export function leaderDescents(db: Db, mineId: string, from: Date, to: Date) {
  return queryRows<{
    card_code: string;
    name: string;
    title: string | null;
    in_at: Date | string;
    out_at: Date | string | null;
    day: string;
  }>(
    db,
    sql`SELECT d.card_code, COALESCE(c.name, d.name) AS name, c.title, d.in_at, d.out_at,
          to_char(d.in_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
        FROM coal_descents d
        LEFT JOIN coal_cards c ON c.mine_id = d.mine_id AND c.card_code = d.card_code
        WHERE d.mine_id = ${mineId} AND d.in_at >= ${from.toISOString()}::timestamptz
          AND d.in_at < ${to.toISOString()}::timestamptz
          AND COALESCE(d.is_leader, c.is_leader, false)
        ORDER BY d.card_code, d.in_at`,
  );
}

/** The cards marked as leaders (to list the leaders who did not go down at all). */
export function leaderCards(db: Db, mineId: string) {
  return db
    .select({ cardCode: coalCards.cardCode, name: coalCards.name, title: coalCards.title })
    .from(coalCards)
    .where(and(eq(coalCards.mineId, mineId), eq(coalCards.isLeader, true)))
    .orderBy(asc(coalCards.cardCode));
}

/** The coal mines with a 煤矿编码 that the scope may see (of a region subtree if given), by name. */
export function coalMinesIn(db: Db, scope: SQL | undefined, region: SQL | undefined) {
  return db
    .select({ id: mines.id, name: mines.name, countyCode: mines.countyCode })
    .from(mines)
    .where(and(scope, region, isNotNull(mines.coalCode), isNull(mines.archivedAt)))
    .orderBy(asc(mines.name))
    .limit(5000);
}

/** The latest headcount per area of each mine (at its newest RYSS upload time). */
export function latestHeadcounts(db: Db, mineIds: string[]) {
  if (mineIds.length === 0) {
    return Promise.resolve([]);
  }
  return queryRows<{
    mine_id: string;
    at: Date | string;
    area_code: string;
    count: number;
    quota: number | null;
  }>(
    db,
    sql`SELECT h.mine_id, h.at, h.area_code, h.count, a.quota FROM coal_headcounts h
        LEFT JOIN coal_areas a ON a.mine_id = h.mine_id AND a.area_code = h.area_code
        WHERE h.mine_id IN (${sql.join(
          mineIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
          AND h.at = (SELECT max(x.at) FROM coal_headcounts x WHERE x.mine_id = h.mine_id)`,
  );
}

/** Whether the mine's positioning reported anyone underground at any time in [from, to). */
export async function hasHeadcounts(db: Db, mineId: string, from: Date, to: Date) {
  const rows = await queryRows<{ x: number }>(
    db,
    sql`SELECT 1 AS x FROM coal_headcounts WHERE mine_id = ${mineId}
          AND at >= ${from.toISOString()}::timestamptz AND at < ${to.toISOString()}::timestamptz LIMIT 1`,
  );
  return rows.length > 0;
}
