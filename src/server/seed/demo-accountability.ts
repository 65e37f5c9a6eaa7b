/**
 * @module The demo province's accountability data (issue 9 §6): a year of accidents in 原平, 代县 and
 * 乡宁 (涉险 and 一般 ones; one death at a mine that was already under 停产整顿), with the reporting
 * chain on time and late and the 约谈 they set off, and 举报 in every state, written through the
 * service layer as the units' own users on a clock set back to when each happened; and mines in 原平
 * breaking the contractor and qualification rules.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/dates.ts';
import type { AccidentKind } from '../../shared/accidents.ts';
import { recordChainNotice, reportAccident } from '../modules/accountability/accident.service.ts';
import { submitPublicReport } from '../modules/accountability/public-report.public.ts';
import {
  acceptCase,
  answerCase,
  handleCase,
  rewardCase,
  verifyCase,
} from '../modules/accountability/public-report.service.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { findCaseByCode } from '../modules/accountability/public-report.repository.ts';
import { minesOfCounties } from '../modules/registry/mine.repository.ts';
import { principal } from './demo-enforcement.ts';
import { completeCreditCode, completeIdNumber } from '../../shared/identifiers.ts';
import { createContractor } from '../modules/registry/contractor.service.ts';
import { createContractorStaff } from '../modules/registry/contractor-staff.service.ts';
import type { ContractorStaffCreateInput } from '../../shared/registry.schemas.ts';
import { MineKind, MineStatus, type ContractorStaffRole } from '../../shared/registry.enums.ts';
import { createMine } from '../modules/registry/mine.service.ts';
import { createPerson } from '../modules/registry/person.service.ts';

/**
 * Mines breaking the qualification and contractor rules (issue 9 §6), planted in 原平 through the
 * registry's services: three 采掘 contractors at a producing metal mine (and 采掘 contracted in
 * 原平 after 2025), blasting contracted out, their 项目部 with staff breaking 第18条, one 矿长
 * registered at two mines, and a special operator with 初中 whose certificate is also used at the other.
 */
async function plantComplianceBreaches(deps: ServiceDeps): Promise<void> {
  const admin = await principal(deps, 'yp.admin');
  const producing = (kinds: MineKind[]) =>
    minesOfCounties(
      deps.db,
      { counties: ['140981'], kinds, status: MineStatus.Producing, liveOnly: true },
      2,
    );
  const [second] = await producing([MineKind.CoalUnderground, MineKind.UndergroundMetal]);
  if (!second) {
    return;
  }
  // The contractor limits and 原平's ban on contracting out 采掘 are rules for producing non-coal mines
  // (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条):
  // the breaches are planted at a producing underground iron mine of 原平, added when it has none.
  const first =
    (await producing([MineKind.UndergroundMetal]))[0] ??
    (await createMine(deps, admin, {
      name: '山西原平宏达铁矿',
      enterpriseId: second.enterpriseId,
      countyCode: '140981',
      kind: MineKind.UndergroundMetal,
      scale: '小型',
      status: MineStatus.Producing,
      statusSince: '2023-05-01',
      standardizationLevel: '三级',
      depthM: 260,
      designCapacityTpa: 150000,
      approvedUndergroundStaff: 45,
    }));
  const firms: string[] = [];
  for (const [i, scopes] of [['采掘'], ['采掘', '支护'], ['掘进']].entries()) {
    const firm = await createContractor(deps, admin, {
      mineId: first.id,
      name:
        ['晋北宏远井巷工程有限公司', '汾河顺达井巷工程有限公司', '忻州鑫磊矿建工程有限公司'][i] ??
        '井巷工程有限公司',
      creditCode: completeCreditCode(`91140981MA0D7K10${i}`),
      scopes: scopes as ('采掘' | '支护' | '掘进')[],
      startsOn: '2025-03-01',
      endsOn: null,
    });
    firms.push(firm.id);
  }
  const blasting = await createContractor(deps, admin, {
    mineId: second.id,
    name: '忻州安达爆破服务有限公司',
    creditCode: completeCreditCode('91140981MA0D7K1B9'),
    scopes: ['爆破'],
    startsOn: '2025-06-01',
    endsOn: null,
  });
  await plantProjectStaff(deps, admin, firms, blasting.id);
  const idNumber = completeIdNumber('14098119780512301');
  for (const mine of [first, second]) {
    await createPerson(deps, admin, {
      mineId: mine.id,
      name: '段卫东',
      roles: ['矿长'],
      idNumber,
      education: '大专',
      miningYears: 12,
    });
  }
  // A first-time underground special operator (certified in 2025) with 初中 only, whose blasting
  // certificate is also registered to a man at the other mine (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第2条).
  const certificate = {
    kind: '特种作业操作证(爆破作业)',
    number: 'T140981250410',
    issuedOn: '2025-04-10',
    expiresOn: '2031-04-09',
  };
  for (const [i, mine] of [first, second].entries()) {
    await createPerson(deps, admin, {
      mineId: mine.id,
      name: i === 0 ? '贾小龙' : '薛春生',
      roles: ['特种作业人员'],
      idNumber: completeIdNumber(`14098120000214${String(700 + i)}`),
      education: i === 0 ? '初中及以下' : '高中/中专',
      certificates: [certificate],
    });
  }
}

/**
 * The 项目部 of the planted contractors (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条): a 项目负责人 who is 资质挂靠 with 高中
 * only, a 项目部 without its 特种作业人员, and a 技术人员 who also serves the blasting contractor at another
 * mine.
 */
async function plantProjectStaff(
  deps: ServiceDeps,
  admin: Awaited<ReturnType<typeof principal>>,
  firms: string[],
  blastingFirm: string,
) {
  const [one, two, three] = firms;
  if (!one || !two || !three) {
    return;
  }
  const doubled = completeIdNumber('14098119850303402');
  const staff: [string, string, ContractorStaffRole, Partial<ContractorStaffCreateInput>][] = [
    [one, '阎宏伟', '项目负责人', { employment: '资质挂靠', education: '高中' }],
    [one, '周文斌', '技术人员', {}],
    [one, '吴海军', '特种作业人员', {}],
    [two, '郭振华', '项目负责人', { title: '中级' }],
    [two, '黄俊杰', '技术人员', {}],
    [three, '赵学军', '项目负责人', {}],
    [three, '杨志强', '技术人员', { idNumber: doubled }],
    [three, '刘春生', '特种作业人员', { employment: '劳务派遣' }],
    [blastingFirm, '杨志强', '技术人员', { idNumber: doubled }],
  ];
  for (const [i, [contractorId, name, role, o]] of staff.entries()) {
    await createContractorStaff(deps, admin, {
      contractorId,
      name,
      role,
      idNumber: completeIdNumber(`14098119900105${String(500 + i)}`),
      employment: '正式职工',
      education: '大专',
      relatedMajor: true,
      ...o,
    });
  }
}

/** What happened, where, by the kind of mine (the demo's accidents read as the mine's own). */
const accidentsAt: Partial<
  Record<MineKind, { kind: AccidentKind; place: string; description: string }[]>
> = {
  [MineKind.CoalUnderground]: [
    {
      kind: '冒顶片帮',
      place: '1201 回采工作面',
      description: '回采时工作面机尾顶板局部冒落, 砸伤 1 名支架工; 已停止作业、加强支护',
    },
    {
      kind: '运输',
      place: '+850 水平运输大巷',
      description: '电机车行驶中刮碰 1 名行人; 已整顿行车不行人制度',
    },
    {
      kind: '机电',
      place: '2103 掘进工作面',
      description: '检修带式输送机时未停电闭锁, 1 人手部被卷伤; 已停机排查',
    },
    {
      kind: '透水',
      place: '3306 掘进工作面',
      description: '掘进揭露老空积水, 涌水约 30 m³/h, 人员全部撤出; 已补打探放水钻孔',
    },
    {
      kind: '中毒窒息',
      place: '1201 回风巷盲巷',
      description: '1 名工人进入未通风的盲巷缺氧昏倒, 经救护队救出; 已封闭盲巷',
    },
  ],
  [MineKind.UndergroundMetal]: [
    {
      kind: '冒顶片帮',
      place: '-60 m 中段 3 号采场',
      description: '采场顶板浮石未及时撬除, 落石砸伤 1 名凿岩工; 已停止采场作业',
    },
    {
      kind: '坠落',
      place: '副井梯子间',
      description: '1 名工人攀爬梯子间时踏空坠落受伤; 已更换锈蚀踏步',
    },
    {
      kind: '中毒窒息',
      place: '-120 m 中段独头巷道',
      description: '爆破后通风时间不足即进入, 2 人炮烟中毒; 已送医并完善通风制度',
    },
    {
      kind: '运输',
      place: '+260 中段运输巷',
      description: '矿车掉道挤伤 1 名推车工; 已整修轨道',
    },
  ],
  [MineKind.OpenPitMetal]: [
    {
      kind: '坍塌',
      place: '南帮 +1020 台阶',
      description: '台阶坡面局部坍塌, 掩埋 1 台挖掘机, 司机轻伤; 已撤出人员、开展边坡检测',
    },
    {
      kind: '运输',
      place: '采场运输道路',
      description: '自卸车下坡制动失效冲出路面, 司机受伤; 已停用同型车辆检查制动',
    },
    {
      kind: '坠落',
      place: '+980 台阶边缘',
      description: '作业人员未系安全带在台阶边缘清理浮石时坠落受伤',
    },
    {
      kind: '机电',
      place: '粗碎站',
      description: '处理破碎机卡料时未停机, 1 人手臂受伤; 已加装急停装置',
    },
  ],
};

/** Informants who give their names (made up). */
const informants = ['李红梅', '王志刚', '张秀英', '刘建华'];

export async function seedDemoAccountability(deps: ServiceDeps): Promise<void> {
  await plantComplianceBreaches(deps);
  const now = deps.clock().getTime();
  const at = (t: number) => ({ ...deps, clock: () => new Date(t) });
  const mines = await minesOfCounties(deps.db, {
    counties: ['140981', '140923', '141029'],
    kinds: [MineKind.CoalUnderground, MineKind.UndergroundMetal, MineKind.OpenPitMetal],
  });
  const inspectorOf: Record<string, string> = {
    '140981': 'yp.inspector',
    '140923': 'dx.inspector',
    '141029': 'xn.inspector',
  };
  const producing = mines.filter((m) => m.status === '生产');
  for (let i = 0; i < 12 && producing.length > 0; i++) {
    const mine = producing[(i * 7) % producing.length];
    if (!mine) {
      continue;
    }
    const told = accidentsAt[mine.kind] ?? accidentsAt[MineKind.CoalUnderground] ?? [];
    const what = told[i % told.length] ?? {
      kind: '其他',
      place: '工业场地',
      description: '事故经过待补充',
    };
    const occurred = now - (20 + i * 28) * DAY_MS - (i % 5) * HOUR_MS;
    // Every third mine reported after the hour: 迟报.
    const delay = i % 3 === 0 ? 95 : 25;
    const reporter = await principal(deps, inspectorOf[mine.countyCode] ?? 'yp.inspector');
    const made = await reportAccident(at(occurred + delay * MINUTE_MS + MINUTE_MS), reporter, {
      mineId: mine.id,
      occurredAt: new Date(occurred).toISOString(),
      reportedAt: new Date(occurred + delay * MINUTE_MS).toISOString(),
      kind: what.kind,
      place: what.place,
      deaths: 0,
      seriousInjuries: i % 4 === 1 ? 1 + (i % 3) : 0,
      directLossYuan: [20_000, 350_000, 1_200_000][i % 3] ?? 0,
      description: what.description,
    });
    await recordChainNotice(at(occurred + (delay + 60) * MINUTE_MS), reporter, made.id, {
      step: 'countyToCity',
      reportedAt: new Date(occurred + (delay + (i % 2 ? 20 : 45)) * MINUTE_MS).toISOString(),
      channel: '电话',
    });
  }
  const suspended = mines.find((m) => m.status === '停产整顿');
  if (suspended) {
    const occurred = now - 45 * DAY_MS;
    await reportAccident(
      at(occurred + 40 * MINUTE_MS),
      await principal(deps, inspectorOf[suspended.countyCode] ?? 'yp.inspector'),
      {
        mineId: suspended.id,
        occurredAt: new Date(occurred).toISOString(),
        ...(suspended.kind === MineKind.OpenPitMetal
          ? {
              kind: '坍塌' as const,
              place: '停产整顿期间私自组织采剥的 +1050 台阶',
              description: '停产整顿期间违规组织采剥作业, 台阶坡面坍塌致 1 人死亡',
            }
          : {
              kind: '冒顶片帮' as const,
              place: '停产整顿期间私自组织生产的 1105 工作面',
              description: '停产整顿期间违规组织作业, 顶板冒落致 1 人死亡',
            }),
        deaths: 1,
        seriousInjuries: 0,
        directLossYuan: 1_800_000,
      },
    );
  }

  // 举报 in every state, in 原平 (handled by yp.admin) and 代县.
  const yp = await principal(deps, 'yp.admin');
  const dx = await principal(deps, 'dx.admin');
  const cases: {
    county: string;
    unit: typeof yp;
    daysAgo: number;
    upTo: number;
    named: boolean;
    text: string;
    /** Where the informant says it happens (as a citizen writes it). */
    place: string;
  }[] = [
    {
      county: '140981',
      unit: yp,
      daysAgo: 2,
      upTo: 0,
      named: false,
      text: '夜间有车辆从已关闭矿洞拉矿石',
      place: '原平市崞阳镇东山村北侧废弃矿洞',
    },
    {
      county: '140981',
      unit: yp,
      daysAgo: 12,
      upTo: 0,
      named: true,
      text: '井下通风设施损坏仍组织生产',
      place: '原平市轩岗镇西沟村煤矿',
    },
    {
      county: '140981',
      unit: yp,
      daysAgo: 20,
      upTo: 1,
      named: false,
      text: '停产整顿矿山夜间有爆破声',
      place: '原平市大牛店镇石岭村南山坡',
    },
    {
      county: '140981',
      unit: yp,
      daysAgo: 30,
      upTo: 2,
      named: true,
      text: '尾矿库坝体出现裂缝无人处理',
      place: '原平市子干乡黄家庄村尾矿库',
    },
    {
      county: '140981',
      unit: yp,
      daysAgo: 45,
      upTo: 3,
      named: false,
      text: '无证人员下井作业',
      place: '原平市轩岗镇红崖村煤矿',
    },
    {
      county: '140981',
      unit: yp,
      daysAgo: 70,
      upTo: 5,
      named: true,
      text: '越界开采, 巷道已进入相邻矿区',
      place: '原平市段家堡乡南峪村铁矿',
    },
    {
      county: '140923',
      unit: dx,
      daysAgo: 15,
      upTo: -1,
      named: false,
      text: '投诉邻居噪音 (不属于矿山安全)',
      place: '代县上馆镇北关村',
    },
  ];
  let n = 0;
  for (const c of cases) {
    const t0 = now - c.daysAgo * DAY_MS;
    const filed = await submitPublicReport(
      at(t0),
      {
        category:
          c.text.includes('越界') || c.text.includes('关闭矿洞') ? '非法违法开采' : '重大事故隐患',
        countyCode: c.county,
        location: c.place,
        content: c.text,
        anonymous: !c.named,
        ...(c.named
          ? { name: informants[n % informants.length], phone: `1390000000${n + 1}` }
          : {}),
      },
      `demo-${++n}`,
    );
    const id = (await findCaseByCode(deps.db, filed.trackingCode))?.id ?? '';
    const step = (d: number) => at(t0 + d * DAY_MS);
    if (c.upTo === -1) {
      await acceptCase(step(1), c.unit, id, {
        accept: false,
        note: '不属于矿山安全生产举报范围, 已告知向环保部门反映',
      });
      continue;
    }
    if (c.upTo >= 1) {
      await acceptCase(step(2), c.unit, id, { accept: true, note: '转执法队核实' });
    }
    if (c.upTo >= 2) {
      await verifyCase(step(8), c.unit, id, { result: '属实', note: '现场核实情况属实' });
    }
    if (c.upTo >= 3) {
      await handleCase(step(15), c.unit, id, {
        outcome: '无需处理',
        note: '企业已按要求整改完毕, 经复查无需另行处理',
      });
    }
    if (c.upTo >= 4) {
      await answerCase(step(18), c.unit, id, {
        feedback: '经核实举报属实, 已责令整改并依法处理, 感谢您的监督',
      });
    }
    if (c.upTo >= 5) {
      await rewardCase(step(25), c.unit, id, {
        amountYuan: 3000,
        // Paid on the day it is recorded: a payment date is never after the day it is entered.
        paidOn: new Date(t0 + 25 * DAY_MS).toISOString().slice(0, 10),
      });
    }
  }
}
