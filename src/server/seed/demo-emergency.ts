/**
 * @module The demo province's 应急准备与培训 (issue 25 §3), written through the emergency service as 原平's
 * regulator: one underground mine with every register in date; one whose 紧急撤离 drill is more than half a
 * year old and whose 反风演习 is more than a year old (西藏第4条, 原平第5条; 重大隐患判定标准 (二十)6); one
 * whose rescue agreement has run out and whose 应急预案 is four years old; the other mines of 原平 have
 * recorded nothing and are findings on every register.
 */
import { addDays, todayIn } from '../../shared/dates.ts';
import { MineKind } from '../../shared/registry.enums.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { activePeople } from '../modules/emergency/emergency.repository.ts';
import * as emergency from '../modules/emergency/emergency.service.ts';
import { minesOfCounties } from '../modules/registry/mine.repository.ts';
import { principal } from './demo-enforcement.ts';

/** Days before today of each mine's last drill, 反风演习, plan revision and the end of its agreement. */
const plan = [
  { drill: 40, reverseAir: 90, planRevised: 200, agreementEnds: -400 },
  { drill: 220, reverseAir: 420, planRevised: 300, agreementEnds: -200 },
  { drill: 60, reverseAir: 120, planRevised: 1500, agreementEnds: 15 },
];

export async function seedDemoEmergency(deps: ServiceDeps): Promise<void> {
  const admin = await principal(deps, 'yp.admin');
  const today = todayIn(deps.clock);
  const ago = (days: number) => addDays(today, -days);
  const mines = await minesOfCounties(
    deps.db,
    {
      counties: ['140981'],
      kinds: [MineKind.CoalUnderground, MineKind.UndergroundMetal],
      liveOnly: true,
    },
    plan.length,
  );
  for (const [i, mine] of mines.entries()) {
    const p = plan[i];
    if (!p) {
      break;
    }
    const mineId = mine.id;
    await emergency.recordPlan(deps, admin, {
      mineId,
      title: '生产安全事故综合应急预案',
      revisedOn: ago(p.planRevised),
      note: '',
    });
    await emergency.recordDrill(deps, admin, {
      mineId,
      kind: '紧急撤离和逃生避险',
      drilledOn: ago(p.drill),
      participants: 60 + i * 15,
      findings: i === 1 ? '部分人员不熟悉二号安全出口' : '',
    });
    await emergency.recordDrill(deps, admin, {
      mineId,
      kind: '反风演习',
      drilledOn: ago(p.reverseAir),
      participants: 12,
      findings: '',
    });
    await emergency.recordRescue(deps, admin, {
      mineId,
      kind: '救护协议',
      teamName: '忻州市矿山救护大队',
      signedOn: addDays(ago(p.agreementEnds), -730),
      validUntil: ago(p.agreementEnds),
    });
    const people = await activePeople(deps.db, mineId);
    if (people.length > 0) {
      await emergency.recordSelfRescue(deps, admin, {
        mineId,
        practisedOn: ago(i === 0 ? 5 : 70),
        results: people.map((x, j) => ({
          personId: x.id,
          seconds: j === 0 && i > 0 ? 34 : 24 + j,
        })),
      });
      await emergency.recordTraining(deps, admin, {
        mineId,
        trainedOn: ago(20),
        topic: '新修订《矿山安全法》宣贯与应知应会',
        hours: 8,
        personIds: people.map((x) => x.id),
      });
    }
    for (const [post, done] of [
      ['采煤机司机', true],
      ['瓦斯检查工', true],
      ['井下电钳工', i === 0],
    ] as const) {
      const on = ago(100);
      await emergency.recordPostCard(deps, admin, {
        mineId,
        post,
        riskListOn: on,
        dutyListOn: on,
        operationCardOn: on,
        emergencyCardOn: done ? on : null,
      });
    }
  }
}
