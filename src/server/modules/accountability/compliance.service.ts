/**
 * @module Qualification and contractor checks of the mines a caller may see (issue 9 §3–4): the
 * registry's active people, certificates and contractors run through the pure rules
 * (shared/compliance.rules.ts) on a date. The cross-mine comparisons (one certificate or one person at
 * two mines) look at the whole registry but never name the other mine.
 */
import {
  checkContractors,
  checkPeople,
  type ComplianceContractor,
  type ComplianceMine,
  type CompliancePerson,
  type Finding,
} from '../../../shared/compliance.rules.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { todayIn } from '../../../shared/dates.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { groupBy } from '../../../shared/collections.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { emergencyComplianceFindings } from '../emergency/emergency.service.ts';
import { loadVisibleMine } from '../registry/mine.service.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import * as repo from './compliance.repository.ts';
import { presentRegionCompliance, type MineFindings } from './compliance.presenter.ts';
import { accountabilitySettings } from './accountability.settings.ts';
import { RegistryPermission } from '../registry/registry.permissions.ts';

/** Every checked mine of the filter with its findings on the date. */
async function evaluate(
  deps: ServiceDeps,
  filter: repo.ComplianceMineFilter,
  date: string,
): Promise<MineFindings[]> {
  const mines = await repo.complianceMines(deps.db, filter);
  if (mines.length === 0) {
    return [];
  }
  const ids = mines.map((m) => m.id);
  const people = await repo.compliancePeople(deps.db, ids, date);
  const certs = await repo.complianceCertificates(deps.db, ids);
  const contractors = await repo.complianceContractors(deps.db, ids);
  const staff = await repo.complianceStaff(deps.db, ids, date);
  const rules = await getSetting(deps.db, accountabilitySettings.contractorRules);
  // 应急准备与培训 (issue 25 §3): drills, rescue agreement, training, 两单两卡 out of date.
  const emergency = await emergencyComplianceFindings(deps.db, ids, date);
  const postMajors = await getSetting(deps.db, accountabilitySettings.postMajors);
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
        major: p.major,
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
      ...checkPeople(mine, persons, date, elsewhere, postMajors),
      ...checkContractors(mine, hired, date, rules),
      ...(emergency.get(m.id) ?? []),
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
  const [result] = await evaluate(deps, { mineScope: undefined, mineId }, on);
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
  const all = await evaluate(
    deps,
    { mineScope: mineScopeCondition(principal.scope), region: q.region },
    date,
  );
  return presentRegionCompliance(date, all);
}
