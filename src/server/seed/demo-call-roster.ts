/**
 * @module The demo's 叫应 roster (issue 23 §9): every step of every call policy reaches a named person with
 * a phone at every mine with monitoring — a duty officer on each such mine, a safety officer in each of
 * their enterprises, and a regulator on duty in their county, city and the province (units made where
 * the demo has none). The names and phone numbers are made up and the same on every machine.
 */
import type { Db } from '../platform/db/client.ts';
import type { users } from '../modules/access/access.table.ts';
import { insertOrganisation, insertUsers } from '../modules/access/access.repository.ts';
import { findRegions } from '../modules/registry/region.repository.ts';

/** A made-up mobile number, the same for the same `n`. */
export function demoPhone(n: number): string {
  const prefixes = ['135', '138', '139', '150', '152', '158', '186', '187'];
  const body = String((n * 48_271 + 12_345_678) % 100_000_000).padStart(8, '0');
  return `${prefixes[n % prefixes.length] ?? '139'}${body}`;
}

export interface RosterMine {
  id: string;
  enterpriseId: string;
  countyCode: string;
}

export interface RosterInput {
  /** The mines with monitoring (their own points or the coal upload's), in a stable order. */
  mines: RosterMine[];
  /** Organisation ids already made, by enterprise id and by regulator unit's region code. */
  enterpriseOrgs: Map<string, string>;
  regulatorOrgs: Map<string, string>;
  enterpriseNames: Map<string, string>;
  passwordHash: string;
  at: Date;
  /** A person's name (the caller's own seeded source). */
  personName: () => string;
  /** The first phone index to use (those below are the caller's). */
  firstPhone: number;
}

/** Makes the units and users of the roster; returns how many users it made. */
export async function seedDemoCallRoster(tx: Db, input: RosterInput): Promise<number> {
  const { at, passwordHash } = input;
  let phone = input.firstPhone;
  const rows: (typeof users.$inferInsert)[] = [];
  const add = (username: string, role: string, organisationId: string, mineId?: string) =>
    rows.push({
      username,
      displayName: input.personName(),
      role: role as (typeof users.$inferInsert)['role'],
      organisationId,
      mineId: mineId ?? null,
      passwordHash,
      createdAt: at,
      email: `${username}@minewatch.example`,
      phone: demoPhone(phone++),
    });

  const enterpriseOrg = async (enterpriseId: string) => {
    let id = input.enterpriseOrgs.get(enterpriseId);
    if (!id) {
      id = (
        await insertOrganisation(tx, {
          name: input.enterpriseNames.get(enterpriseId) ?? '企业',
          kind: 'enterprise',
          regionCode: null,
          enterpriseId,
          createdAt: at,
        })
      ).id;
      input.enterpriseOrgs.set(enterpriseId, id);
    }
    return id;
  };

  // A duty officer on every mine (a second one, on the other shift, where the demo has one).
  for (const [i, m] of input.mines.entries()) {
    add(
      `duty.m${String(i + 1).padStart(2, '0')}`,
      'mine_duty_officer',
      await enterpriseOrg(m.enterpriseId),
      m.id,
    );
  }
  // A safety officer in every enterprise of those mines.
  const enterprises = [...new Set(input.mines.map((m) => m.enterpriseId))];
  for (const [i, e] of enterprises.entries()) {
    add(`safety.e${String(i + 1).padStart(2, '0')}`, 'safety_officer', await enterpriseOrg(e));
  }
  // A regulator on duty in each county, city and the province above them.
  const regions = [
    ...new Set(
      input.mines.flatMap((m) => [
        m.countyCode,
        `${m.countyCode.slice(0, 4)}00`,
        `${m.countyCode.slice(0, 2)}0000`,
      ]),
    ),
  ];
  const names = new Map((await findRegions(tx, regions)).map((r) => [r.code, r.name]));
  // Usernames carry a number, not the region's code: a code is nobody's name on a screen.
  for (const [i, code] of regions.entries()) {
    let org = input.regulatorOrgs.get(code);
    if (!org) {
      org = (
        await insertOrganisation(tx, {
          name: `${names.get(code) ?? code}应急管理局`,
          kind: 'regulator',
          regionCode: code,
          enterpriseId: null,
          createdAt: at,
        })
      ).id;
      input.regulatorOrgs.set(code, org);
    }
    add(`duty.r${String(i + 1).padStart(2, '0')}`, 'inspector', org);
  }
  await insertUsers(tx, rows);
  return rows.length;
}
