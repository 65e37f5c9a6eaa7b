/**
 * @module The demo province's three-year plan (issue 8 §6): 山西省 安委〔2024〕1号-style 攻坚清单 with
 * tasks for the city and county units, in every state — not started, in progress, done, overdue —
 * written through the service layer as the units' own users.
 */
import {
  createPlan,
  createTask,
  reportProgress,
} from '../modules/action-plans/work-plan.service.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { principal } from './demo-enforcement.ts';

export async function seedDemoPlans(deps: ServiceDeps): Promise<number> {
  const province = await principal(deps, 'sx.admin');
  const yp = await principal(deps, 'yp.admin');
  const dx = await principal(deps, 'dx.admin');
  const xn = await principal(deps, 'xn.admin');
  const plan = await createPlan(deps, province, {
    title: '山西省矿山安全生产治本攻坚三年行动 (2024—2026年)',
    fromYear: 2024,
    toYear: 2026,
    source:
      '国家矿山安全监察局《矿山安全生产治本攻坚三年行动方案（2024—2026年）》; 安委〔2024〕1号',
  });
  const tasks: {
    lead: typeof yp;
    co?: (typeof yp)[];
    content: string;
    deadline: string | null;
    target: string;
    kind: '一次性' | '持续推动';
    progress?: [string, number][];
  }[] = [
    {
      lead: yp,
      content: '开展重大事故隐患专项排查整治, 2024年底前动态清零存量隐患',
      deadline: '2024-12-31',
      target:
        '2024年前存量重大事故隐患全部整改销号 (《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条)',
      kind: '一次性',
      progress: [
        ['完成全部存量隐患排查', 60],
        ['全部整改销号', 100],
      ],
    },
    {
      lead: yp,
      co: [dx],
      content: '推进非煤矿山安全生产标准化建设, 二级及以上企业占比达到目标',
      deadline: '2026-12-31',
      target:
        '生产非煤矿山标准化二级及以上占比 ≥ 80% (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标)',
      kind: '一次性',
      progress: [['已有 9 座矿山通过二级评审', 45]],
    },
    {
      lead: dx,
      content: '地下矿山、尾矿库、边坡高度 150 米以上露天矿山监测预警系统全覆盖',
      deadline: '2025-12-31',
      target: '监测预警系统覆盖率 100% (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第15条)',
      kind: '一次性',
      progress: [['完成 60% 的矿山联网', 60]],
    },
    {
      lead: xn,
      content: '压减井下作业人员, 推进机械化换人、自动化减人',
      deadline: '2026-12-31',
      target:
        '井下作业人员较 2023 年减少 10% (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标)',
      kind: '一次性',
    },
    {
      lead: yp,
      co: [xn],
      content: '严格执行 四不两直 执法检查, 落实 一案双罚',
      deadline: null,
      target:
        '执法检查全覆盖, 杜绝 零处罚 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条)',
      kind: '持续推动',
      progress: [['全年开展 四不两直 检查 30 次', 30]],
    },
  ];
  let n = 0;
  for (const [i, task] of tasks.entries()) {
    const created = await createTask(deps, province, plan.id, {
      number: String(i + 1),
      content: task.content,
      leadUnitId: task.lead.organisationId,
      coUnitIds: (task.co ?? []).map((c) => c.organisationId),
      deadline: task.deadline,
      target: task.target,
      kind: task.kind,
    });
    for (const [text, percent] of task.progress ?? []) {
      await reportProgress(deps, task.lead, created.id, { text, percent });
    }
    n++;
  }
  return n;
}
