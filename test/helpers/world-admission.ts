/**
 * @module A party's 三个一批 entry on its coal mine (listed by its inspector, due in the future so nothing
 * escalates) and an application for 安全设施设计审查 filed by its enterprise (issue 25 §5).
 */
import { listDisposal } from '../../src/server/modules/admission/disposal.service.ts';
import { applyPermit } from '../../src/server/modules/admission/permit.service.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { principalOfUser } from './world-enforcement.ts';

export interface AdmissionIds {
  disposalIds: string[];
  permitIds: string[];
}

export async function buildAdmission(
  deps: ServiceDeps,
  p: {
    key: string;
    mines: { id: string }[];
    users: { enterprise_admin: string; inspector: string };
  },
): Promise<AdmissionIds> {
  const mineId = p.mines[0]?.id ?? '';
  const inspector = await principalOfUser(deps, p.users.inspector);
  const entry = await listDisposal(deps, inspector, {
    mineId,
    category: '升级改造',
    basis: `${p.key}: 机械化升级改造`,
    listedOn: '2026-10-01',
    deadline: '2027-06-30',
    note: '',
  });
  const filer = await principalOfUser(deps, p.users.enterprise_admin);
  const permit = await applyPermit(deps, filer, {
    mineId,
    projectKind: '扩建',
    projectName: `${p.key}: 扩建工程`,
    appliedOn: '2026-10-01',
    designer: `${p.key}设计院`,
    miningMethod: '其他',
    fillingJustification: '',
    mechanicalScaling: true,
    designCapacityTpa: 900_000,
    serviceLifeYears: 20,
    note: '',
  });
  return { disposalIds: [entry.id], permitIds: [permit.id] };
}
