/**
 * @module The demo province's 企业主体责任 (issue 25 §4), written through the duty service as 原平's
 * regulator on behalf of the mines: at 原平's underground metal mine a 主要负责人, a 安全工程师 and the
 * 实际控制人, at two producing 排土场 a 主要负责人 and a 安全工程师, registered just before the last three
 * closed months and with dated records for them — some months below 《拉萨市关于加强非煤矿山安全生产工作的实施意见》
 * 二(二)1's minimum (带班下井 < 5, 在岗履职 < 15, 现场履职 < 10), the last month of the principal met — and
 * 矿长安全生产记分: one principal at the year's threshold, one below.
 */
import { inArray } from 'drizzle-orm';
import { addDays, addMonths, todayIn } from '../../shared/dates.ts';
import type { DutyKind } from '../../shared/duty.ts';
import { completeIdNumber } from '../../shared/identifiers.ts';
import { MineKind, MineStatus, type PersonRole } from '../../shared/registry.enums.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { fileRecord, fileScore } from '../modules/duty/duty.service.ts';
import { minesOfCounties } from '../modules/registry/mine.repository.ts';
import { createPerson } from '../modules/registry/person.service.ts';
import { people } from '../modules/registry/person.table.ts';
import { principal } from './demo-enforcement.ts';

interface Leader {
  name: string;
  role: PersonRole;
  major: string | null;
  kind: DutyKind;
  /** Days filed in each of the last three closed months, oldest first. */
  days: [number, number, number];
}

/** Per mine: its leaders and their months (a number below the role's minimum is a finding). */
const plan: Leader[][] = [
  [
    { name: '郝建国', role: '主要负责人', major: '采矿工程', kind: '带班下井', days: [4, 6, 5] },
    { name: '白雪峰', role: '安全工程师', major: '安全工程', kind: '在岗履职', days: [16, 15, 12] },
    { name: '李福生', role: '实际控制人', major: null, kind: '现场履职', days: [10, 12, 7] },
  ],
  [
    { name: '刘振华', role: '主要负责人', major: '采矿工程', kind: '带班下井', days: [2, 3, 2] },
    { name: '常志刚', role: '安全工程师', major: '安全工程', kind: '在岗履职', days: [20, 18, 15] },
  ],
  [
    { name: '任海军', role: '主要负责人', major: '地质工程', kind: '带班下井', days: [1, 2, 1] },
    { name: '高文斌', role: '安全工程师', major: '安全工程', kind: '在岗履职', days: [15, 14, 15] },
  ],
];

/** `n` distinct days of a month, spread over it. */
function daysOf(month: string, n: number): string[] {
  const step = Math.max(1, Math.floor(28 / Math.max(n, 1)));
  return Array.from(
    { length: n },
    (_, k) => `${month}-${String(1 + ((k * step) % 28)).padStart(2, '0')}`,
  );
}

export async function seedDemoDuty(deps: ServiceDeps): Promise<void> {
  const admin = await principal(deps, 'yp.admin');
  const today = todayIn(deps.clock);
  // 原平 has one underground metal mine (the principal's 带班下井 rule is 地下非煤矿山's); the 排土场 are held
  // to the 安全工程师's only.
  const mines = [
    ...(await minesOfCounties(
      deps.db,
      {
        counties: ['140981'],
        kinds: [MineKind.UndergroundMetal],
        status: MineStatus.Producing,
        liveOnly: true,
      },
      1,
    )),
    ...(await minesOfCounties(
      deps.db,
      {
        counties: ['140981'],
        kinds: [MineKind.WasteDump],
        status: MineStatus.Producing,
        liveOnly: true,
      },
      plan.length - 1,
    )),
  ];
  const thisMonth = `${today.slice(0, 7)}-01`;
  const months = [-3, -2, -1].map((k) => addMonths(thisMonth, k).slice(0, 7));
  const made: string[] = [];
  const principals: { mineId: string; personId: string }[] = [];
  for (const [i, mine] of mines.entries()) {
    for (const [j, l] of (plan[i] ?? []).entries()) {
      const person = await createPerson(deps, admin, {
        mineId: mine.id,
        name: l.name,
        roles: [l.role],
        idNumber: completeIdNumber(`140981${1970 + i}0${j + 1}15${String(300 + i * 10 + j)}`),
        education: '本科',
        miningYears: 15,
        major: l.major,
      });
      made.push(person.id);
      if (l.role === '主要负责人') {
        principals.push({ mineId: mine.id, personId: person.id });
      }
      for (const [m, month] of months.entries()) {
        for (const dutyOn of daysOf(month, l.days[m] ?? 0)) {
          await fileRecord(deps, admin, {
            mineId: mine.id,
            personId: person.id,
            kind: l.kind,
            dutyOn,
            note: l.kind === '带班下井' ? '带班下井, 跟班检查采掘工作面' : '',
          });
        }
      }
    }
  }
  if (made.length > 0) {
    // Registered in the month before the three: they are the months judged.
    await deps.db
      .update(people)
      .set({ createdAt: new Date(`${addDays(`${months[0] ?? ''}-01`, -10)}T00:00:00+08:00`) })
      .where(inArray(people.id, made));
  }
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const inYear = (d: number) => {
    const date = addDays(today, -d);
    return date < yearStart ? yearStart : date;
  };
  const scores: [number, number, number, string][] = [
    [0, 6, 100, '未按规定带班下井'],
    [0, 6, 20, '重大事故隐患未按期整改'],
    [2, 4, 40, '安全管理人员配备不足'],
  ];
  for (const [k, points, ago, reason] of scores) {
    const p = principals[k];
    if (p) {
      await fileScore(deps, admin, { ...p, deductedOn: inYear(ago), points, reason });
    }
  }
}
