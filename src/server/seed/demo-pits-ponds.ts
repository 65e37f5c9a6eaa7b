/**
 * @module The demo province's register of open pits, dumps and tailings ponds (issue 25 §2), written
 * through the pits-ponds services. 原平 (its regulator) has dumps above 100 m: one analysed in date, one
 * analysed over a year ago, the others never (西藏第14条: 逐年进行边坡稳定性分析) — overdue findings. 原平 has
 * no pond, so the province's regulator files for the first ponds of the province: one with its checks in
 * order, one never tested (排洪构筑物 overdue, 拉萨 二(五)2), one whose 闭库 is late at 闭库施工, one closed
 * through to 公告销号 (counted by the targets' 闭库率). Whatever else the registry asks is left missing.
 */
import { addDays, todayIn } from '../../shared/dates.ts';
import type { ClosureStep, RecordKind } from '../../shared/pits-ponds.ts';
import type { ServiceDeps } from '../platform/context.ts';
import type { Principal } from '../platform/auth/scope.ts';
import { fileClosureStep, openClosure } from '../modules/pits-ponds/closure.service.ts';
import { fileRecord, listRegisterMines } from '../modules/pits-ponds/pit-pond.service.ts';
import { principal } from './demo-enforcement.ts';

/** Records of each pond in order (days before today). */
const pondRecords: [RecordKind, number][][] = [
  [
    ['排洪构筑物质量检测', 200],
    ['汛前检查', 10],
    ['汛后检查', 5],
  ],
  [['汛前检查', 190]],
];

/** 闭库 of the next ponds: the days before today of its opening and of each step done. */
const closures: { opened: number; steps: [ClosureStep, number][] }[] = [
  { opened: 500, steps: [['闭库设计', 430]] },
  {
    opened: 400,
    steps: [
      ['闭库设计', 330],
      ['闭库施工', 200],
      ['闭库验收', 120],
      ['公告销号', 60],
    ],
  },
];

async function closePond(
  deps: ServiceDeps,
  admin: Principal,
  mineId: string,
  plan: (typeof closures)[number],
  today: string,
) {
  const c = await openClosure(deps, admin, {
    mineId,
    reason: '停用超过3年',
    openedOn: addDays(today, -plan.opened),
    note: '',
  });
  for (const [step, days] of plan.steps) {
    await fileClosureStep(deps, admin, c.id, {
      step,
      on: addDays(today, -days),
      document: step === '公告销号' ? '原平市人民政府尾矿库销号公告' : `${step}文件`,
      note: '',
    });
  }
}

export async function seedDemoPitsPonds(deps: ServiceDeps): Promise<void> {
  const today = todayIn(deps.clock);
  const province = await principal(deps, 'sx.admin');
  const ponds = (await listRegisterMines(deps, province, {})).filter((m) => m.kind === '尾矿库');
  for (const [i, pond] of ponds.entries()) {
    const records = pondRecords[i];
    const closure = closures[i - pondRecords.length];
    if (!records && !closure) {
      break;
    }
    for (const [kind, days] of records ?? []) {
      await fileRecord(deps, province, {
        mineId: pond.id,
        kind,
        slope: null,
        recordedOn: addDays(today, -days),
        document: `${kind}报告`,
        note: '',
      });
    }
    if (closure) {
      await closePond(deps, province, pond.id, closure, today);
    }
  }
  const yp = await principal(deps, 'yp.admin');
  const slopes = (await listRegisterMines(deps, yp, { region: '140981' })).filter((m) =>
    m.obligations.some((o) => o.kind === '边坡稳定性分析'),
  );
  for (const [i, days] of [100, 400].entries()) {
    const mine = slopes[i];
    const owed = mine?.obligations.find((o) => o.kind === '边坡稳定性分析');
    if (mine && owed) {
      await fileRecord(deps, yp, {
        mineId: mine.id,
        kind: '边坡稳定性分析',
        slope: owed.slope,
        recordedOn: addDays(today, -days),
        document: '边坡稳定性分析报告 (晋北岩土工程勘察院)',
        note: '',
      });
    }
  }
}
