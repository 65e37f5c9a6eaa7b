/**
 * @module Demo hazards for the demo province: every state of the loop, some under 挂牌督办, some past
 * their deadline by different spans so that the escalation job has steps to take on first start.
 */
import {
  HazardSource,
  HazardState,
  type HazardSource as Source,
  type HazardState as State,
} from '../../shared/hazard.enums.ts';
import { recordAudit } from '../modules/hazards/hazards.audit.ts';
import { todayIn, addDays, addMonths } from '../../shared/dates.ts';
import { type ServiceDeps } from '../platform/context.ts';
import type { selfInspectionReports } from '../modules/hazards/hazard.table.ts';
import {
  allCriteria,
  foundDates,
  insertHazard,
  insertHazardEvents,
  insertSelfInspectionReports,
} from '../modules/hazards/hazard.repository.ts';
import { namesWithRole } from '../modules/registry/person.repository.ts';
import { idsWithStatus, kindsAndStatuses } from '../modules/registry/mine.repository.ts';
import { MineStatus } from '../../shared/registry.enums.ts';
import { createRng } from '../platform/random.ts';
import { hazardTextsFor } from './demo-hazard-texts.ts';

/** Who finds a hazard, by its source (the finder agrees with the source). */
const finders: Partial<Record<Source, string[]>> = {
  [HazardSource.SelfInspection]: ['矿安全科', '矿月度自查组'],
  [HazardSource.Enforcement]: ['县局执法检查组', '市局专项检查组'],
  [HazardSource.ParentCompany]: ['集团公司安全检查组', '集团公司季度检查组'],
  [HazardSource.PublicReport]: ['县局举报核查组', '市局举报核查组'],
};

/** Adds about 60 hazards to a seeded demo province (inside the caller's transaction). */
export async function seedDemoHazards(
  tx: ServiceDeps['db'],
  deps: ServiceDeps,
  mineIds: string[],
): Promise<number> {
  const rng = createRng(20261122);
  const today = todayIn(deps.clock);
  const at = deps.clock();
  const mineRows = await kindsAndStatuses(tx, mineIds);
  const criteria = await allCriteria(tx);
  const heads = new Map(
    (await namesWithRole(tx, mineIds, '主要负责人')).map((h) => [h.mineId, h.name]),
  );
  const plan: { state: State; overdueDays?: number; supervised?: boolean; foundOn?: string }[] = [
    // Stock found before 2024 (《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条): two closed late, one still open and
    // long overdue.
    { state: HazardState.Closed, foundOn: '2023-05-12' },
    { state: HazardState.Closed, foundOn: '2023-09-20' },
    { state: HazardState.Rectifying, foundOn: '2023-11-08', overdueDays: 120 },
    ...Array.from({ length: 12 }, () => ({ state: HazardState.Reported })),
    ...[2, 10, 20, 40, 70].flatMap((d) => [
      { state: HazardState.Rectifying, overdueDays: d },
      { state: HazardState.Rectifying, overdueDays: d, supervised: d >= 20 },
    ]),
    ...Array.from({ length: 12 }, () => ({
      state: HazardState.Rectifying,
      overdueDays: -rng.int(5, 60),
    })),
    ...Array.from({ length: 8 }, () => ({ state: HazardState.AwaitingAcceptance })),
    ...Array.from({ length: 18 }, () => ({ state: HazardState.Closed })),
  ];
  const producing = mineRows.filter((m) => m.status !== MineStatus.Closed);
  let n = 0;
  for (const p of plan) {
    const mine = producing[rng.int(0, producing.length - 1)];
    if (!mine) {
      break;
    }
    // A finding written for this kind of mine, under the criterion it was written for.
    const text = rng.pick(hazardTextsFor(mine.kind));
    const criterion = criteria.find(
      (c) => c.code === text.code && c.applicableKinds.includes(mine.kind),
    );
    if (!criterion) {
      throw new Error(`demo seed: no criterion ${text.code} for ${mine.kind}`);
    }
    // A deadline in the past lies after the hazard was found: found 15–60 days before it.
    const fixedDeadline = p.overdueDays !== undefined ? addDays(today, -p.overdueDays) : undefined;
    const foundOn =
      p.foundOn ??
      (fixedDeadline
        ? addDays(fixedDeadline < today ? fixedDeadline : today, -rng.int(15, 60))
        : addDays(today, -rng.int(10, 120)));
    const deadline = fixedDeadline ?? addDays(foundOn, 30);
    const planned = p.state !== HazardState.Reported;
    const source = rng.pick([
      HazardSource.SelfInspection,
      HazardSource.Enforcement,
      HazardSource.Enforcement,
      HazardSource.ParentCompany,
      HazardSource.PublicReport,
    ]);
    const id = await insertHazard(tx, {
      mineId: mine.id,
      criterionId: criterion.id,
      description: text.description,
      location: text.location,
      source,
      foundBy: rng.pick(finders[source] ?? ['矿安全科']),
      foundOn,
      state: p.state,
      supervised: p.supervised ?? false,
      responsiblePerson: planned ? (heads.get(mine.id) ?? '矿长') : null,
      measures: planned ? '按五落实方案限期整改' : null,
      fundsYuan: planned ? rng.int(2, 80) * 10_000 : null,
      deadline: planned ? deadline : null,
      contingencyPlan: planned ? '整改期间停止相关区域作业, 撤出人员' : null,
      rectificationNote:
        p.state === HazardState.AwaitingAcceptance || p.state === HazardState.Closed
          ? '已按方案完成整改, 附照片与检测报告'
          : null,
      closedAt: p.state === HazardState.Closed ? at : null,
      createdAt: at,
      updatedAt: at,
    });
    const steps: [string, State | null, State][] = [['report', null, HazardState.Reported]];
    if (planned) {
      steps.push(['plan', HazardState.Reported, HazardState.Rectifying]);
    }
    if (p.state === HazardState.AwaitingAcceptance || p.state === HazardState.Closed) {
      steps.push(['submit', HazardState.Rectifying, HazardState.AwaitingAcceptance]);
    }
    if (p.state === HazardState.Closed) {
      steps.push(['accept', HazardState.AwaitingAcceptance, HazardState.Closed]);
    }
    await insertHazardEvents(
      tx,
      steps.map(([action, fromState, toState]) => ({
        hazardId: id,
        at,
        actorLabel: 'system:seed',
        action,
        fromState,
        toState,
      })),
    );
    await recordAudit(tx, { actorId: null, actorLabel: 'system:seed', ip: null }, at, {
      type: 'hazards.hazard.reported',
      entityId: id,
      after: { state: p.state, criterion: criterion.code },
    });
    n++;
  }
  return n;
}

/**
 * Monthly self-inspection reports of the last three months for the demo mines that must report, except
 * every 25th mine, so the 未报 list and its escalations have something to show.
 */
export async function seedDemoReports(
  tx: ServiceDeps['db'],
  deps: ServiceDeps,
  mineIds: string[],
): Promise<number> {
  const today = todayIn(deps.clock);
  const at = deps.clock();
  const reporting = await idsWithStatus(tx, mineIds, [
    MineStatus.Producing,
    MineStatus.Construction,
  ]);
  const heads = await namesWithRole(tx, mineIds, '主要负责人');
  const headOf = new Map(heads.map((h) => [h.mineId, h.name]));
  const found = await foundDates(tx);
  const rows: (typeof selfInspectionReports.$inferInsert)[] = [];
  reporting.forEach((m, i) => {
    if (i % 25 === 0) {
      return;
    }
    for (let back = 1; back <= 3; back++) {
      const period = addMonths(`${today.slice(0, 7)}-01`, -back).slice(0, 7);
      const count = found.filter((h) => h.mineId === m.id && h.foundOn.startsWith(period)).length;
      rows.push({
        mineId: m.id,
        period,
        zeroReport: count === 0,
        hazardCount: count,
        signedBy: headOf.get(m.id) ?? '主要负责人',
        submittedAt: at,
      });
    }
  });
  for (let i = 0; i < rows.length; i += 500) {
    await insertSelfInspectionReports(tx, rows.slice(i, i + 500));
  }
  return rows.length;
}
