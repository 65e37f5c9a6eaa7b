/**
 * @module The demo province's 安全准入与分类处置 (issue 25 §5), written through the admission services as
 * 原平's regulator: four mines on the 三个一批 lists — a 关闭取缔 and an 升级改造 past their deadlines (findings
 * on the escalation ladder), a 整合重组 in time and an 升级改造 completed — and three applications for
 * 安全设施设计审查: one licensed after its 现场核查, one under construction with its one extension, one
 * awaiting review.
 */
import { addDays, todayIn } from '../../shared/dates.ts';
import type { DisposalCategory } from '../../shared/admission.ts';
import { MineKind } from '../../shared/registry.enums.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { listDisposal, stepDisposal } from '../modules/admission/disposal.service.ts';
import {
  applyPermit,
  checkPermitSite,
  extendPermit,
  issuePermit,
  reviewPermit,
} from '../modules/admission/permit.service.ts';
import { minesOfCounties } from '../modules/registry/mine.repository.ts';
import { principal } from './demo-enforcement.ts';

/** Each entry: its list, basis, days before today it was listed and its deadline, and its steps. */
const entries: {
  category: DisposalCategory;
  basis: string;
  listed: number;
  deadline: number;
  steps: { ago: number; text: string; completes?: boolean }[];
}[] = [
  {
    category: '关闭取缔',
    basis: '经停产整顿仍不具备安全生产条件 (原平第12条)',
    listed: 200,
    deadline: -30,
    steps: [{ ago: 150, text: '提请市政府按程序关闭, 已停止供电' }],
  },
  {
    category: '升级改造',
    basis: '达不到最小开采规模, 两年内完成整改 (拉萨 二(四)1 参照)',
    listed: 400,
    deadline: -100,
    steps: [{ ago: 300, text: '技改方案编制完成' }],
  },
  {
    category: '整合重组',
    basis: '同一矿体分属两个开采主体, 统一开采规划和生产系统 (西藏第11条 参照)',
    listed: 60,
    deadline: 300,
    steps: [],
  },
  {
    category: '升级改造',
    basis: '小型地下矿山机械化升级改造 (要点第28条)',
    listed: 300,
    deadline: 30,
    steps: [
      { ago: 200, text: '铲运机、凿岩台车到货安装' },
      { ago: 20, text: '机械化改造通过验收', completes: true },
    ],
  },
];

const EXPERTS = ['采矿专家', '地质专家', '机械专家', '电气专家', '安全专家'];

export async function seedDemoAdmission(deps: ServiceDeps): Promise<void> {
  const admin = await principal(deps, 'yp.admin');
  const today = todayIn(deps.clock);
  const day = (ago: number) => addDays(today, -ago);
  const mines = await minesOfCounties(deps.db, {
    counties: ['140981'],
    kinds: [MineKind.UndergroundMetal, MineKind.CoalUnderground, MineKind.OpenPitMetal],
    liveOnly: true,
  });
  for (const [i, e] of entries.entries()) {
    const mine = mines[i];
    if (!mine) {
      break;
    }
    const entry = await listDisposal(deps, admin, {
      mineId: mine.id,
      category: e.category,
      basis: e.basis,
      listedOn: day(e.listed),
      deadline: day(-e.deadline),
      note: '',
    });
    for (const s of e.steps) {
      await stepDisposal(deps, admin, entry.id, {
        steppedOn: day(s.ago),
        description: s.text,
        completes: s.completes ?? false,
      });
    }
  }
  const [licensed, building, waiting] = mines.slice(-3);
  const apply = (mineId: string, name: string, ago: number) =>
    applyPermit(deps, admin, {
      mineId,
      projectKind: '扩建',
      projectName: name,
      appliedOn: day(ago),
      designer: '中国有色金属长沙勘察设计研究院',
      miningMethod: '充填法',
      fillingJustification: '',
      mechanicalScaling: true,
      designCapacityTpa: 300_000,
      serviceLifeYears: 15,
      note: '',
    });
  if (licensed) {
    const p = await apply(licensed.id, '扩建工程 (已发证)', 700);
    await reviewPermit(deps, admin, p.id, {
      reviewedOn: day(650),
      approved: true,
      constructionDueOn: day(200),
      experts: EXPERTS,
      note: '设计实质内容审查通过',
    });
    await checkPermitSite(deps, admin, p.id, {
      checkedOn: day(150),
      passed: true,
      note: '周边环境、生产生活设施符合设计',
    });
    await issuePermit(deps, admin, p.id, {
      licenceNumber: '(晋)FM安许证字〔演示〕001',
      issuedOn: day(140),
      expiresOn: day(140 - 3 * 365),
    });
  }
  if (building) {
    const p = await apply(building.id, '深部开拓工程 (建设中)', 500);
    await reviewPermit(deps, admin, p.id, {
      reviewedOn: day(450),
      approved: true,
      constructionDueOn: day(30),
      experts: EXPERTS,
      note: '',
    });
    await extendPermit(deps, admin, p.id, {
      approvedOn: day(40),
      newDueOn: day(-300),
      reason: '井筒揭露含水层, 需探放水',
    });
  }
  if (waiting) {
    await apply(waiting.id, '技改扩能工程 (待审查)', 15);
  }
}
