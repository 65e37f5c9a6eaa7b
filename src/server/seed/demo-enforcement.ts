/**
 * @module A year of enforcement in the demo province (issue 7 §7), written through the service layer
 * as the units' own users: each unit's inspection schedule for this year, inspections over the last
 * twelve months (this year's follow the schedule's visits), checklists, findings (a few major hazards into the ledger),
 * rechecks, signed 现场检查记录 and 责令限期整改指令书, penalties with 一案双罚 and payments, and a
 * typical case. 原平市 and 乡宁县 penalise; 代县 inspects and finds but never penalises, so the
 * statistics flag it (零处罚, 只检查不处罚).
 */
import { findUserWithOrg } from '../modules/access/access.repository.ts';
import { userPrincipal } from '../modules/access/principal.ts';
import {
  createDocument,
  reviseDocument,
  signDocument,
} from '../modules/inspections/documents/document.service.ts';
import { decidePenalty, updatePenalty } from '../modules/inspections/penalties/penalty.service.ts';
import { addFinding } from '../modules/inspections/records/finding.service.ts';
import {
  createInspection,
  getInspection,
  markTypical,
  recordRecheck,
  updateInspection,
} from '../modules/inspections/records/inspection.service.ts';
import { saveSchedule } from '../modules/inspections/schedules/schedule.service.ts';
import type { Principal } from '../platform/auth/scope.ts';
import { todayIn, addDays } from '../../shared/dates.ts';
import { type ServiceDeps } from '../platform/context.ts';
import { criterionIdFor } from '../modules/hazards/hazard.repository.ts';
import { MineKind, type PersonRole } from '../../shared/registry.enums.ts';
import { namesWithRole } from '../modules/registry/person.repository.ts';
import { hazardTextsFor } from './demo-hazard-texts.ts';
import { firstPenalisedInspection } from '../modules/inspections/penalties/penalty.repository.ts';
import { findMineWithEnterprise, openMinesOfCounty } from '../modules/registry/mine.repository.ts';
import { createRng, type Rng } from '../platform/random.ts';

interface Unit {
  county: string;
  admin: string;
  inspectors: string[];
  penalises: boolean;
}

const units: Unit[] = [
  {
    county: '140981',
    admin: 'yp.admin',
    inspectors: ['yp.inspector', 'yp.inspector2'],
    penalises: true,
  },
  { county: '140923', admin: 'dx.admin', inspectors: ['dx.inspector'], penalises: false },
  { county: '141029', admin: 'xn.admin', inspectors: ['xn.inspector'], penalises: true },
];

/** What an inspection checks, finds and where, by the ground it is on (underground, open pit, tailings pond). */
interface Ground {
  checks: string[];
  violations: string[];
  locations: string[];
}
const underground: Ground = {
  checks: ['安全出口是否畅通', '通风系统是否完好', '特种作业人员持证上岗', '应急预案及演练记录'],
  violations: [
    '安全出口堆放杂物',
    '部分特种作业人员证件过期',
    '未按规定开展应急演练',
    '井下消防器材不足',
    '安全培训记录不全',
  ],
  locations: ['主井', '副井', '1101 工作面', '井下变电所', '地面'],
};
const openPit: Ground = {
  checks: [
    '台阶与安全平台是否符合设计',
    '边坡监测是否正常',
    '特种作业人员持证上岗',
    '应急预案及演练记录',
  ],
  violations: [
    '爆破警戒范围内未清场',
    '部分特种作业人员证件过期',
    '未按规定开展应急演练',
    '运输道路挡车设施不全',
    '安全培训记录不全',
  ],
  locations: ['采场', '+1020 台阶', '运输道路', '爆破器材库', '地面'],
};
const tailings: Ground = {
  checks: ['坝体有无裂缝、渗漏', '排洪设施是否畅通', '在线监测系统运行情况', '应急预案及演练记录'],
  violations: [
    '坝体巡查记录不全',
    '部分岗位人员证件过期',
    '未按规定开展汛前应急演练',
    '库区警示标志缺失',
    '安全培训记录不全',
  ],
  locations: ['初期坝', '堆积坝', '排水井', '库区', '值班室'],
};
const grounds: Record<MineKind, Ground> = {
  [MineKind.CoalUnderground]: underground,
  [MineKind.UndergroundMetal]: underground,
  [MineKind.CoalOpenPit]: openPit,
  [MineKind.OpenPitMetal]: openPit,
  [MineKind.WasteDump]: openPit,
  [MineKind.TailingsPond]: tailings,
};
const groundOf = (kind: string): Ground => grounds[kind as MineKind] ?? underground;

/** A demo user as the principal the services act for. */
export async function principal(deps: ServiceDeps, username: string): Promise<Principal> {
  const u = await findUserWithOrg(deps.db, { username });
  if (!u) {
    throw new Error(`demo seed: no user ${username}`);
  }
  return userPrincipal(u, null);
}

/** A major hazard the demo's findings name for the mine's kind: its criterion, what and where. */
async function majorFor(deps: ServiceDeps, kind: string, rng: Rng) {
  const texts = hazardTextsFor(kind as MineKind);
  if (!texts.length) {
    return null;
  }
  const text = rng.pick(texts);
  const id = await criterionIdFor(deps.db, text.code, kind);
  return id ? { ...text, criterionId: id } : null;
}

/** The name of the mine's person in a role, if it has one. */
async function headOf(deps: ServiceDeps, mineId: string, role: PersonRole) {
  return (await namesWithRole(deps.db, [mineId], role))[0]?.name;
}

/** Who was present for the mine: its 安全副矿长, else its 主要负责人, by name and title. */
async function presentAtInspection(
  deps: ServiceDeps,
  mine: { id: string; enterpriseName: string },
) {
  for (const role of ['安全副矿长', '主要负责人'] as const) {
    const name = await headOf(deps, mine.id, role);
    if (name) {
      return `${name} (${mine.enterpriseName}${role})`;
    }
  }
  return `${mine.enterpriseName}安全管理人员`;
}

async function inspectOnce(
  deps: ServiceDeps,
  rng: Rng,
  unit: Unit & { principal: Principal },
  team: Principal[],
  mine: { id: string; kind: string; enterpriseName: string },
  /** A planned visit (四不两直 like all), or an unplanned inspection, now and then a 复查 announced to the mine. */
  visit: { id?: string; recheck?: boolean; date: string },
  today: string,
) {
  const [lead = team[0], second = team[1]] = team;
  if (!lead || !second) {
    return;
  }
  const created = await createInspection(deps, lead, {
    mineId: mine.id,
    kind: '常规',
    ...(visit.recheck ? { announced: { reason: '整改复查' as const, note: '' } } : {}),
    inspectedOn: visit.date,
    teamUserIds: [lead.userId, second.userId],
    ...(visit.id ? { scheduleVisitId: visit.id } : {}),
    checklistCriterionIds: [],
    customItems: groundOf(mine.kind).checks,
    bodyCameraRef: `DSJ-${unit.county.slice(-2)}${rng.int(100, 999)}`,
  });
  const violation = rng.chance(0.65);
  const major = violation && rng.chance(0.12) ? await majorFor(deps, mine.kind, rng) : null;
  const recheckOn = violation ? addDays(visit.date, 20) : null;
  await updateInspection(deps, lead, created.id, {
    checklist: created.checklist.map((c, i) => ({
      ...c,
      result: violation && i === 0 ? '不符合' : '符合',
      note: violation && i === 0 ? '现场核实' : '',
    })),
    summary: violation ? '检查发现问题, 已责令限期整改' : '未发现违法违规行为',
    recheckOn,
    version: created.version,
  });
  const text = rng.pick(groundOf(mine.kind).violations);
  if (violation) {
    await addFinding(deps, lead, created.id, {
      kind: '一般违法行为',
      description: text,
      location: rng.pick(groundOf(mine.kind).locations),
      deadline: addDays(visit.date, 15),
    });
  }
  if (major) {
    await addFinding(deps, lead, created.id, {
      kind: '重大事故隐患',
      criterionId: major.criterionId,
      description: major.description,
      location: major.location,
    });
  }
  if (recheckOn && recheckOn <= today) {
    const late = rng.chance(0.2);
    const done = late ? addDays(recheckOn, rng.int(3, 10)) : recheckOn;
    if (done <= today) {
      await recordRecheck(deps, lead, created.id, {
        recheckedOn: done,
        result: '已按要求整改完毕',
      });
    }
  }
  let penaltyIds: string[] = [];
  if (violation && unit.penalises && rng.chance(0.7)) {
    const base = {
      inspectionId: created.id,
      legalBasis: '《中华人民共和国安全生产法》第九十七条',
      facts: text,
      decidedOn: addDays(visit.date, 5) > today ? visit.date : addDays(visit.date, 5),
    };
    const onEnterprise = await decidePenalty(deps, unit.principal, {
      ...base,
      target: '企业',
      partyName: mine.enterpriseName,
      amountYuan: rng.pick([20_000, 30_000, 50_000, 80_000]),
    });
    penaltyIds = [onEnterprise.id];
    if (rng.chance(0.5)) {
      const onPrincipal = await decidePenalty(deps, unit.principal, {
        ...base,
        target: '主要负责人',
        partyName:
          (await headOf(deps, mine.id, '主要负责人')) ?? `${mine.enterpriseName}主要负责人`,
        amountYuan: rng.pick([5_000, 10_000, 20_000]),
      });
      penaltyIds.push(onPrincipal.id);
    }
    if (addDays(base.decidedOn, 30) <= today) {
      for (const id of penaltyIds) {
        await updatePenalty(deps, unit.principal, id, {
          status: '已缴纳',
          paidOn: addDays(base.decidedOn, rng.int(5, 14)),
        });
      }
    }
  }
  const record = await createDocument(deps, lead, {
    inspectionId: created.id,
    template: '现场检查记录',
  });
  const revised = await reviseDocument(deps, lead, record.id, {
    fields: {
      partyPresent: await presentAtInspection(deps, mine),
    },
    baseSeq: record.headSeq,
  });
  await signDocument(deps, lead, record.id, { seq: revised.headSeq });
  await signDocument(deps, second, record.id, { seq: revised.headSeq });
  if (violation) {
    const order = await createDocument(deps, lead, {
      inspectionId: created.id,
      template: '责令限期整改指令书',
    });
    await signDocument(deps, lead, order.id, { seq: order.headSeq });
    await signDocument(deps, second, order.id, { seq: order.headSeq });
  }
  return created.id;
}

export async function seedDemoEnforcement(deps: ServiceDeps): Promise<number> {
  const rng = createRng(20_261_129);
  const today = todayIn(deps.clock);
  const year = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  let made = 0;
  for (const unit of units) {
    const admin = await principal(deps, unit.admin);
    const withAdmin = { ...unit, principal: admin };
    const inspectors = await Promise.all(unit.inspectors.map((u) => principal(deps, u)));
    // A team of two: two inspectors, or the inspector with the unit's administrator.
    const team = inspectors.length >= 2 ? inspectors : [...inspectors, admin];
    const unitMines = await openMinesOfCounty(deps.db, unit.county);
    if (unitMines.length === 0) {
      continue;
    }
    const schedule = await saveSchedule(deps, admin, {
      year,
      capacityPerMonth: Array.from({ length: 12 }, () => 8),
      inspectorsPerVisit: 2,
      seed: year,
    });
    const byId = new Map(unitMines.map((m) => [m.id, m]));
    // This year: up to 18 of the schedule's visits made so far, spread over the months.
    const due = schedule.visits.filter((v) => v.plannedOn <= today);
    const step = Math.max(1, Math.ceil(due.length / 18));
    for (const visit of due.filter((_, i) => i % step === 0)) {
      const mine = byId.get(visit.mineId);
      if (mine) {
        await inspectOnce(
          deps,
          rng,
          withAdmin,
          team,
          mine,
          { id: visit.id, date: visit.plannedOn },
          today,
        );
        made++;
      }
    }
    // The months of last year that fall within the last twelve: two unplanned inspections each.
    for (let month = thisMonth + 1; month <= 12; month++) {
      for (let n = 0; n < 2; n++) {
        const mine = rng.pick(unitMines);
        const date = `${year - 1}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
        await inspectOnce(
          deps,
          rng,
          withAdmin,
          team,
          mine,
          { recheck: rng.chance(0.1), date },
          today,
        );
        made++;
      }
    }
  }
  // The demo enterprise (ent.admin) has documents issued to it: an inspection of its duty officer's mine.
  const duty = await findUserWithOrg(deps.db, { username: 'mine.duty' });
  const own = duty?.user.mineId
    ? await findMineWithEnterprise(deps.db, duty.user.mineId)
    : undefined;
  const yuanping = units[0];
  if (own && yuanping) {
    const admin = await principal(deps, yuanping.admin);
    const team = await Promise.all(yuanping.inspectors.map((u) => principal(deps, u)));
    await inspectOnce(
      deps,
      rng,
      { ...yuanping, principal: admin },
      team,
      own,
      { date: addDays(today, -10) },
      today,
    );
    made++;
  }
  // One typical case in 原平市, for the export.
  const first = await firstPenalisedInspection(deps.db, '140981');
  if (first) {
    const yp = await principal(deps, 'yp.admin');
    const current = await getInspection(deps, yp, first);
    await markTypical(deps, yp, first, {
      typical: true,
      note: '一案双罚、限期整改、按期复查的典型案例',
      version: current.version,
    });
  }
  return made;
}
