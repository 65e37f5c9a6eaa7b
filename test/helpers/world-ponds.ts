/**
 * @module A party's tailings pond in the pits-and-ponds register (issue 25 §2): a 汛前检查 filed by the
 * enterprise and a 闭库 opened with its 闭库设计 done (so the walker has a record and a 闭库 to aim at).
 */
import {
  fileClosureStep,
  openClosure,
} from '../../src/server/modules/pits-ponds/closure.service.ts';
import { fileRecord } from '../../src/server/modules/pits-ponds/pit-pond.service.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { principalOfUser } from './world-enforcement.ts';

export interface PitPondIds {
  pitPondRecordIds: string[];
  pondClosureIds: string[];
}

export async function buildPitsPonds(
  deps: ServiceDeps,
  p: { key: string; mines: { id: string }[]; users: { enterprise_admin: string } },
): Promise<PitPondIds> {
  const filer = await principalOfUser(deps, p.users.enterprise_admin);
  const mineId = p.mines[1]?.id ?? '';
  const record = await fileRecord(deps, filer, {
    mineId,
    kind: '汛前检查',
    slope: null,
    recordedOn: '2026-05-20',
    document: `${p.key}: 汛前安全检查记录`,
    note: '',
  });
  const closure = await openClosure(deps, filer, {
    mineId,
    reason: '不再进行排尾作业',
    openedOn: '2026-03-01',
    note: '',
  });
  await fileClosureStep(deps, filer, closure.id, {
    step: '闭库设计',
    on: '2026-04-01',
    document: `${p.key}: 闭库设计批复`,
    note: '',
  });
  return { pitPondRecordIds: [record.id], pondClosureIds: [closure.id] };
}
