/**
 * @module The demo province's register of open pits, dumps and tailings ponds (issue 25 §2), written
 * through the pits-ponds services as 原平's regulator: a pond with its checks in order, one never tested
 * (排洪构筑物 overdue, 拉萨 二(五)2), one whose 闭库 is late at 闭库施工, one closed through to 公告销号 (counted by
 * the targets' 闭库率); a high slope analysed in date and one analysed over a year ago (西藏第14条: 逐年).
 * Whatever else the registry asks of 原平's pits and ponds is left missing: overdue findings.
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
  const admin = await principal(deps, 'yp.admin');
  const today = todayIn(deps.clock);
  const mines = await listRegisterMines(deps, admin, { region: '140981' });
  const ponds = mines.filter((m) => m.kind === '尾矿库');
  for (const [i, pond] of ponds.entries()) {
    const records = pondRecords[i];
    const closure = closures[i - pondRecords.length];
    for (const [kind, days] of records ?? []) {
      await fileRecord(deps, admin, {
        mineId: pond.id,
        kind,
        slope: null,
        recordedOn: addDays(today, -days),
        document: `${kind}报告`,
        note: '',
      });
    }
    if (closure) {
      await closePond(deps, admin, pond.id, closure, today);
    }
  }
  const slopes = mines.filter((m) => m.obligations.some((o) => o.kind === '边坡稳定性分析'));
  for (const [i, days] of [100, 400].entries()) {
    const mine = slopes[i];
    const owed = mine?.obligations.find((o) => o.kind === '边坡稳定性分析');
    if (mine && owed) {
      await fileRecord(deps, admin, {
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
