/**
 * @module Qualification and contractor checks of the mines a caller may see (issue 9 §3–4): the
 * registry's active people, certificates and contractors run through the pure rules
 * (shared/compliance.rules.ts) on a date. The cross-mine comparisons (one certificate or one person at
 * two mines) look at the whole registry but never name the other mine.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  checkContractors,
  checkPeople,
  type ComplianceContractor,
  type ComplianceMine,
  type CompliancePerson,
  type Finding,
} from '../../../shared/compliance.rules.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import { groupBy } from '../../../shared/collections.ts';
import { queryRows } from '../../platform/db/client.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { loadVisibleMine } from '../registry/mine.service.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import { accountabilitySettings } from './accountability.settings.ts';
import { RegistryPermission } from '../registry/registry.permissions.ts';

interface MineRow {
  id: string;
  name: string;
  kind: string;
  scale: string;
  status: string;
  county_code: string;
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

async function evaluate(deps: ServiceDeps, where: SQL, date: string) {
  const mines = await queryRows<MineRow>(
    deps.db,
    sql`SELECT mines.id, mines.name, mines.kind, mines.scale, mines.status, mines.county_code FROM mines
         WHERE mines.archived_at IS NULL AND mines.status <> '关闭' AND ${where} ORDER BY mines.name`,
  );
  if (mines.length === 0) {
    return [];
  }
  const ids = sql.join(
    mines.map((m) => sql`${m.id}::uuid`),
    sql`, `,
  );
  const people = await queryRows<{
    id: string;
    mine_id: string;
    name: string;
    roles: string[];
    education: string | null;
    mining_years: number | null;
    also_at: number;
  }>(
    deps.db,
    sql`SELECT p.id, p.mine_id, p.name, p.roles, p.education, p.mining_years,
          ${otherMines(sql`p.id_number_digest`, sql`p.mine_id`, date)} AS also_at
        FROM people p WHERE p.archived_at IS NULL AND p.mine_id IN (${ids})`,
  );
  const certs = await queryRows<{
    person_id: string;
    kind: string;
    number: string;
    issued_on: string | null;
    expires_on: string;
    elsewhere: boolean;
  }>(
    deps.db,
    sql`SELECT c.person_id, c.kind, c.number, c.issued_on::text AS issued_on, c.expires_on::text AS expires_on,
          EXISTS (SELECT 1 FROM certificates c2 JOIN people p2 ON p2.id = c2.person_id
                   WHERE c2.kind = c.kind AND c2.number = c.number AND p2.mine_id <> p.mine_id
                     AND p2.archived_at IS NULL) AS elsewhere
        FROM certificates c JOIN people p ON p.id = c.person_id
       WHERE p.archived_at IS NULL AND p.mine_id IN (${ids})`,
  );
  const contractors = await queryRows<{
    id: string;
    mine_id: string;
    name: string;
    scopes: string[];
    starts_on: string;
    ends_on: string | null;
  }>(
    deps.db,
    sql`SELECT id, mine_id, name, scopes, starts_on::text AS starts_on, ends_on::text AS ends_on
        FROM contractors WHERE archived_at IS NULL AND mine_id IN (${ids})`,
  );
  const staff = await queryRows<{
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
    deps.db,
    sql`SELECT s.id, s.contractor_id, s.name, s.role, s.employment, s.education, s.related_major, s.title,
          ${otherMines(sql`s.id_number_digest`, sql`c.mine_id`, date)} AS also_at
        FROM contractor_staff s JOIN contractors c ON c.id = s.contractor_id
       WHERE s.archived_at IS NULL AND c.archived_at IS NULL AND c.mine_id IN (${ids})`,
  );
  const rules = await getSetting(deps.db, accountabilitySettings.contractorRules);
  const peopleOf = groupBy(people, (p) => p.mine_id);
  const certsOf = groupBy(certs, (c) => c.person_id);
  const contractorsOf = groupBy(contractors, (c) => c.mine_id);
  const staffOf = groupBy(staff, (x) => x.contractor_id);
  return mines.map((m) => {
    const mine: ComplianceMine = {
      id: m.id,
      kind: m.kind,
      scale: m.scale,
      status: m.status,
      countyCode: m.county_code,
    };
    const own = peopleOf.get(m.id) ?? [];
    const elsewhere = new Set<string>();
    const persons: CompliancePerson[] = own.map((p) => {
      const held = certsOf.get(p.id) ?? [];
      for (const c of held.filter((x) => x.elsewhere)) {
        elsewhere.add(`${c.kind}|${c.number}`);
      }
      return {
        id: p.id,
        name: p.name,
        roles: p.roles,
        education: p.education,
        miningYears: p.mining_years,
        certificates: held.map((c) => ({
          kind: c.kind,
          number: c.number,
          issuedOn: c.issued_on,
          expiresOn: c.expires_on,
        })),
        alsoAt: Array.from({ length: Number(p.also_at) }, () => '其他矿山'),
      };
    });
    const hired: ComplianceContractor[] = (contractorsOf.get(m.id) ?? []).map((c) => ({
      id: c.id,
      name: c.name,
      scopes: c.scopes,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      staff: (staffOf.get(c.id) ?? []).map((x) => ({
        id: x.id,
        name: x.name,
        role: x.role,
        employment: x.employment,
        education: x.education,
        relatedMajor: x.related_major,
        title: x.title,
        alsoAt: Number(x.also_at),
      })),
    }));
    const findings: Finding[] = [
      ...checkPeople(mine, persons, date, elsewhere),
      ...checkContractors(mine, hired, date, rules),
    ];
    return { mineId: m.id, mineName: m.name, countyCode: m.county_code, kind: m.kind, findings };
  });
}

/** One mine's findings on a date (default today). */
export async function mineCompliance(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  date?: string,
) {
  requirePermission(principal, RegistryPermission.Read);
  await loadVisibleMine(deps.db, principal, mineId);
  const on = date ?? todayIn(deps.clock);
  const [result] = await evaluate(deps, sql`mines.id = ${mineId}`, on);
  return { date: on, findings: result?.findings ?? [] };
}

/** The mines of the caller's jurisdiction (or a region inside it) with findings, most first. */
export async function regionCompliance(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
) {
  requirePermission(principal, RegistryPermission.Read);
  const date = todayIn(deps.clock);
  const where = allOf(mineScopeCondition(principal.scope), mineInRegion(q.region)) ?? sql`TRUE`;
  const all = await evaluate(deps, where, date);
  const byRule = new Map<string, number>();
  for (const m of all) {
    for (const f of m.findings) {
      byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    }
  }
  return {
    date,
    mines: all.length,
    byRule: [...byRule]
      .map(([rule, n]) => ({ rule, findings: n }))
      .sort((a, b) => b.findings - a.findings),
    withFindings: all
      .filter((m) => m.findings.length > 0)
      .map((m) => ({
        mineId: m.mineId,
        mineName: m.mineName,
        countyCode: m.countyCode,
        kind: m.kind,
        findings: m.findings.length,
        hazardCandidates: m.findings.filter((f) => f.criterion).length,
        rules: [...new Set(m.findings.map((f) => f.rule))],
      }))
      .sort((a, b) => b.hazardCandidates - a.hazardCandidates || b.findings - a.findings),
  };
}
