/**
 * @module SQL of the qualification and contractor checks: the registry's active mines, people,
 * certificates, contractors and their project staff, each with what the cross-mine comparisons need
 * (how many other mines a person serves at, whether a certificate is registered at another mine).
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { MineKind } from '../../../shared/registry.enums.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { mines } from '../registry/mine.table.ts';
import { mineInRegion } from '../registry/registry.scope.ts';

export interface ComplianceMineFilter {
  mineScope: SQL | undefined;
  region?: string | undefined;
  mineId?: string | undefined;
}

/**
 * How many other mines the person with this ID digest serves at on the date: as one of a mine's active
 * people, or on the project staff of a contractor engaged at another mine (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》
 * 第1、18条).
 */
function otherMines(digest: SQL, mineId: SQL, date: string) {
  return sql`(SELECT count(DISTINCT x.mine_id) FROM (
      SELECT o.mine_id FROM people o
       WHERE o.id_number_digest = ${digest} AND o.archived_at IS NULL AND o.mine_id <> ${mineId}
      UNION
      SELECT c2.mine_id FROM contractor_staff s2 JOIN contractors c2 ON c2.id = s2.contractor_id
       WHERE s2.id_number_digest = ${digest} AND s2.archived_at IS NULL AND c2.archived_at IS NULL
         AND c2.mine_id <> ${mineId} AND c2.starts_on <= ${date}::date
         AND (c2.ends_on IS NULL OR c2.ends_on >= ${date}::date)) x)::int`;
}

/** The mines checked: not archived, not closed, within the filter, by name. */
export async function complianceMines(db: Db, f: ComplianceMineFilter) {
  const where =
    and(f.mineScope, mineInRegion(f.region), f.mineId ? eq(mines.id, f.mineId) : undefined) ??
    sql`TRUE`;
  return queryRows<{
    id: string;
    name: string;
    kind: MineKind;
    scale: string;
    status: string;
    county_code: string;
  }>(
    db,
    sql`SELECT mines.id, mines.name, mines.kind, mines.scale, mines.status, mines.county_code FROM mines
         WHERE mines.archived_at IS NULL AND mines.status <> '关闭' AND ${where} ORDER BY mines.name`,
  );
}

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** The active people of the mines, with how many other mines each serves at on the date. */
export async function compliancePeople(db: Db, mineIds: string[], date: string) {
  return queryRows<{
    id: string;
    mine_id: string;
    name: string;
    roles: string[];
    education: string | null;
    mining_years: number | null;
    major: string | null;
    also_at: number;
  }>(
    db,
    sql`SELECT p.id, p.mine_id, p.name, p.roles, p.education, p.mining_years, p.major,
          ${otherMines(sql`p.id_number_digest`, sql`p.mine_id`, date)} AS also_at
        FROM people p WHERE p.archived_at IS NULL AND p.mine_id IN (${idList(mineIds)})`,
  );
}

/** The certificates of the mines' active people, and whether each is registered at another mine. */
export async function complianceCertificates(db: Db, mineIds: string[]) {
  return queryRows<{
    person_id: string;
    kind: string;
    number: string;
    issued_on: string | null;
    expires_on: string;
    elsewhere: boolean;
  }>(
    db,
    sql`SELECT c.person_id, c.kind, c.number, c.issued_on::text AS issued_on, c.expires_on::text AS expires_on,
          EXISTS (SELECT 1 FROM certificates c2 JOIN people p2 ON p2.id = c2.person_id
                   WHERE c2.kind = c.kind AND c2.number = c.number AND p2.mine_id <> p.mine_id
                     AND p2.archived_at IS NULL) AS elsewhere
        FROM certificates c JOIN people p ON p.id = c.person_id
       WHERE p.archived_at IS NULL AND p.mine_id IN (${idList(mineIds)})`,
  );
}

/** The mines' contractors (not archived). */
export async function complianceContractors(db: Db, mineIds: string[]) {
  return queryRows<{
    id: string;
    mine_id: string;
    name: string;
    scopes: string[];
    starts_on: string;
    ends_on: string | null;
  }>(
    db,
    sql`SELECT id, mine_id, name, scopes, starts_on::text AS starts_on, ends_on::text AS ends_on
        FROM contractors WHERE archived_at IS NULL AND mine_id IN (${idList(mineIds)})`,
  );
}

/** The contractors' project staff, with how many other mines each serves at on the date. */
export async function complianceStaff(db: Db, mineIds: string[], date: string) {
  return queryRows<{
    id: string;
    contractor_id: string;
    name: string;
    role: string;
    employment: string;
    education: string | null;
    related_major: boolean;
    title: string | null;
    also_at: number;
  }>(
    db,
    sql`SELECT s.id, s.contractor_id, s.name, s.role, s.employment, s.education, s.related_major, s.title,
          ${otherMines(sql`s.id_number_digest`, sql`c.mine_id`, date)} AS also_at
        FROM contractor_staff s JOIN contractors c ON c.id = s.contractor_id
       WHERE s.archived_at IS NULL AND c.archived_at IS NULL AND c.mine_id IN (${idList(mineIds)})`,
  );
}
