/** @module A party's 涉险 accident at its tailings pond, reported by the enterprise, with its 约谈 (issue 9). */
import { reportAccident } from '../../src/server/modules/accountability/accident.service.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { principalOfUser } from './world-enforcement.ts';

export interface AccidentIds {
  accidentIds: string[];
  interviewIds: string[];
}

export async function buildAccidents(
  deps: ServiceDeps,
  p: { key: string; mines: { id: string }[]; users: { enterprise_admin: string } },
): Promise<AccidentIds> {
  const reporter = await principalOfUser(deps, p.users.enterprise_admin);
  const pond = p.mines[1] ?? p.mines[0];
  const occurred = new Date(deps.clock().getTime() - 20 * 60_000).toISOString();
  const accident = await reportAccident(deps, reporter, {
    mineId: pond?.id ?? '',
    occurredAt: occurred,
    kind: '坍塌',
    place: `${p.key}: 尾矿库初期坝下游坡`,
    deaths: 0,
    seriousInjuries: 0,
    directLossYuan: 20_000,
    description: `${p.key}: 坝坡局部坍塌, 无人员伤亡`,
  });
  return { accidentIds: [accident.id], interviewIds: accident.interviews.map((i) => i.id) };
}
