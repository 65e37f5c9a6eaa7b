/**
 * @module 应急准备与培训 (issue 25 §3): a mine's registers — 应急预案, drills and 反风演习, the 矿山救护
 * agreement, all-staff training, monthly 自救器 practice and 两单两卡 per post — kept by its enterprise (or
 * a regulator), each write in one transaction with its audit event and answered with the registers as
 * they now stand; the findings (registers out of date, shared/emergency.ts) of a jurisdiction; and the
 * 逢查必考 results an inspector records on an inspection. Everything is scoped to the mines the caller may see.
 */
import { DateWindows } from '../../../shared/date-windows.ts';
import { todayIn } from '../../../shared/dates.ts';
import type { EmergencyFindingsQuery } from '../../../shared/emergency.schemas.ts';
import {
  selfRescuePassed,
  type DrillInput,
  type ExamInput,
  type PlanInput,
  type PostCardInput,
  type RescueAgreementInput,
  type SelfRescueInput,
  type TrainingInput,
} from '../../../shared/emergency.ts';
import type { Finding } from '../../../shared/compliance.rules.ts';
import { MineKind, undergroundKinds } from '../../../shared/registry.enums.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, checkDateWindows, invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { loadVisibleInspection } from '../inspections/records/inspection.access.ts';
import { loadMineForInput, loadVisibleMine } from '../registry/mine.service.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import { emergencyAuditEvents, recordAudit } from './emergency.audit.ts';
import { EmergencyPermission } from './emergency.permissions.ts';
import {
  findingsOfRow,
  presentExam,
  presentFinding,
  presentRegister,
} from './emergency.presenter.ts';
import * as repo from './emergency.repository.ts';
import { emergencySettings } from './emergency.settings.ts';

type EventType = keyof typeof emergencyAuditEvents;

/** A mine's registers and findings on a date, read on `db`. */
async function registerView(
  db: Db,
  mine: { id: string; name: string; kind: string },
  date: string,
) {
  const rules = await getSetting(db, emergencySettings.rules);
  const [state] = await repo.mineStates(
    db,
    { mineScope: undefined, mineIds: [mine.id] },
    date,
    rules.trainingHoursPerYear,
  );
  const findings = state
    ? findingsOfRow(rules, state, date).map((f) => presentFinding(state, f))
    : [];
  return presentRegister(
    {
      id: mine.id,
      name: mine.name,
      underground: (undergroundKinds as string[]).includes(mine.kind),
    },
    await repo.registersOf(db, mine.id),
    await repo.activePeople(db, mine.id),
    rules,
    date,
    findings,
  );
}

/** A mine's registers with its findings today (a mine the caller may see, or 404). */
export async function getRegister(deps: ServiceDeps, principal: Principal, mineId: string) {
  requirePermission(principal, EmergencyPermission.Read);
  const row = await loadVisibleMine(deps.db, principal, mineId);
  return registerView(deps.db, row.mine, todayIn(deps.clock));
}

/**
 * Records one entry of a mine's register: the mine must be one the caller may file for (any other is a
 * 400 on mineId), the dates must have happened; `write` stores it, and the audit event follows in the
 * same transaction.
 */
async function record(
  deps: ServiceDeps,
  principal: Principal,
  input: { mineId: string },
  type: EventType,
  dates: Record<string, string>,
  write: (
    tx: Db,
    base: { filedBy: string; filedLabel: string; createdAt: Date },
  ) => Promise<unknown>,
) {
  requirePermission(principal, EmergencyPermission.File);
  const today = todayIn(deps.clock);
  checkDateWindows(
    today,
    Object.fromEntries(Object.entries(dates).map(([k, v]) => [k, [v, DateWindows.happened]])),
  );
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const mine = await loadMineForInput(tx, principal, input.mineId);
    const id = await write(tx, {
      filedBy: principal.userId,
      filedLabel: principal.displayName,
      createdAt: now,
    });
    if (!id) {
      throw new AppError(AppErrorCode.Internal, `${type} not stored`);
    }
    await recordAudit(tx, actorOf(principal), now, { type, entityId: input.mineId, after: input });
    return registerView(tx, mine.mine, today);
  });
}

/** The people named in `ids` must be active people of the mine: else a 400 on the first stranger. */
async function checkPeople(tx: Db, mineId: string, ids: string[], path: (i: number) => string) {
  const known = new Map((await repo.peopleOfMine(tx, mineId, ids)).map((p) => [p.id, p.name]));
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (!known.has(id)) {
      throw invalidField(path(i), '人员不存在或不在该矿山在册', id);
    }
    if (seen.has(id)) {
      throw invalidField(path(i), '同一人员重复', id);
    }
    seen.add(id);
  });
  return known;
}

export function recordPlan(deps: ServiceDeps, principal: Principal, input: PlanInput) {
  return record(
    deps,
    principal,
    input,
    'emergency.plan.recorded',
    { revisedOn: input.revisedOn },
    (tx, b) => repo.insertPlan(tx, { ...input, ...b }),
  );
}

export function recordDrill(deps: ServiceDeps, principal: Principal, input: DrillInput) {
  return record(
    deps,
    principal,
    input,
    'emergency.drill.recorded',
    { drilledOn: input.drilledOn },
    async (tx, b) => {
      if (input.kind === '反风演习') {
        // Only a mine with a main fan reverses its air: the registry knows it as an underground mine.
        const mine = await loadMineForInput(tx, principal, input.mineId);
        if (!(undergroundKinds as string[]).includes(mine.mine.kind)) {
          throw invalidField('kind', '反风演习仅适用于有主通风机的地下矿山', input.kind);
        }
      }
      return repo.insertDrill(tx, { ...input, ...b });
    },
  );
}

export function recordRescue(deps: ServiceDeps, principal: Principal, input: RescueAgreementInput) {
  if (input.validUntil < input.signedOn) {
    throw invalidField('validUntil', `有效期不能早于签订日期 ${input.signedOn}`, input.validUntil);
  }
  return record(
    deps,
    principal,
    input,
    'emergency.rescue.recorded',
    { signedOn: input.signedOn },
    (tx, b) => repo.insertAgreement(tx, { ...input, ...b }),
  );
}

export function recordTraining(deps: ServiceDeps, principal: Principal, input: TrainingInput) {
  return record(
    deps,
    principal,
    input,
    'emergency.training.recorded',
    { trainedOn: input.trainedOn },
    async (tx, b) => {
      await checkPeople(tx, input.mineId, input.personIds, (i) => `personIds.${i}`);
      return repo.insertTraining(tx, { ...input, ...b });
    },
  );
}

export function recordSelfRescue(deps: ServiceDeps, principal: Principal, input: SelfRescueInput) {
  return record(
    deps,
    principal,
    input,
    'emergency.self_rescue.recorded',
    { practisedOn: input.practisedOn },
    async (tx, b) => {
      const ids = input.results.map((r) => r.personId);
      const names = await checkPeople(tx, input.mineId, ids, (i) => `results.${i}.personId`);
      const rules = await getSetting(tx, emergencySettings.rules);
      return repo.insertPractice(tx, {
        mineId: input.mineId,
        practisedOn: input.practisedOn,
        results: input.results.map((r) => ({
          personId: r.personId,
          name: names.get(r.personId) ?? '',
          seconds: r.seconds,
          passed: selfRescuePassed(rules, r.seconds),
        })),
        ...b,
      });
    },
  );
}

export function recordPostCard(deps: ServiceDeps, principal: Principal, input: PostCardInput) {
  const { mineId, post, ...papers } = input;
  const dates = Object.fromEntries(Object.entries(papers).filter(([, v]) => v !== null)) as Record<
    string,
    string
  >;
  return record(deps, principal, input, 'emergency.post_cards.recorded', dates, async (tx, b) => {
    const { id } = await repo.upsertPostCard(tx, {
      mineId,
      post,
      ...papers,
      ...b,
      updatedAt: b.createdAt,
    });
    return id;
  });
}

/** Mines of the caller's jurisdiction (or a region of it) with a register out of date on a day. */
export async function listFindings(
  deps: ServiceDeps,
  principal: Principal,
  q: EmergencyFindingsQuery,
) {
  requirePermission(principal, EmergencyPermission.Read);
  const rules = await getSetting(deps.db, emergencySettings.rules);
  const date = q.on ?? todayIn(deps.clock);
  const rows = await repo.mineStates(
    deps.db,
    { mineScope: mineScopeCondition(principal.scope), region: q.region },
    date,
    rules.trainingHoursPerYear,
  );
  return rows.flatMap((m) => findingsOfRow(rules, m, date).map((f) => presentFinding(m, f)));
}

/** The 逢查必考 results of an inspection the caller may see. */
export async function listExams(deps: ServiceDeps, principal: Principal, inspectionId: string) {
  requirePermission(principal, EmergencyPermission.Read);
  await loadVisibleInspection(deps.db, principal, inspectionId);
  return (await repo.examsOf(deps.db, inspectionId)).map(presentExam);
}

/**
 * Records 逢查必考 results on an inspection of the caller's jurisdiction (西藏第3条, 拉萨 二(七)5): examined on
 * or after the inspection's day and not in the future; a named registry person must be of the inspected
 * mine; the pass mark is emergency.rules'.
 */
export async function recordExams(
  deps: ServiceDeps,
  principal: Principal,
  inspectionId: string,
  input: ExamInput,
) {
  requirePermission(principal, EmergencyPermission.Examine);
  checkDateWindows(todayIn(deps.clock), { examinedOn: [input.examinedOn, DateWindows.happened] });
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const row = await loadVisibleInspection(tx, principal, inspectionId);
    const mineId = row.inspection.mineId;
    if (input.examinedOn < row.inspection.inspectedOn) {
      throw invalidField(
        'examinedOn',
        `考试日期不能早于检查日期 ${row.inspection.inspectedOn}`,
        input.examinedOn,
      );
    }
    const named = input.results.flatMap((r, i) => (r.personId ? [{ id: r.personId, i }] : []));
    const known = new Set(
      (
        await repo.peopleOfMine(
          tx,
          mineId,
          named.map((n) => n.id),
        )
      ).map((p) => p.id),
    );
    const stranger = named.find((n) => !known.has(n.id));
    if (stranger) {
      throw invalidField(
        `results.${stranger.i}.personId`,
        '人员不存在或不在被检查矿山在册',
        stranger.id,
      );
    }
    const rules = await getSetting(tx, emergencySettings.rules);
    await repo.insertExams(
      tx,
      input.results.map((r) => ({
        ...r,
        inspectionId,
        mineId,
        examinedOn: input.examinedOn,
        passed: r.score >= rules.examPassScore,
        filedBy: principal.userId,
        filedLabel: principal.displayName,
        createdAt: now,
      })),
    );
    await recordAudit(tx, actorOf(principal), now, {
      type: 'emergency.exams.recorded',
      entityId: inspectionId,
      after: input,
    });
    return (await repo.examsOf(tx, inspectionId)).map(presentExam);
  });
}

/**
 * The findings of the given mines on a date as the compliance tab lists them, by mine: an overdue 反风演习
 * of a 金属非金属地下矿山 matches 重大事故隐患判定标准 (二十)6 (反风试验周期超过1年), a hazard candidate.
 */
export async function emergencyComplianceFindings(
  db: Db,
  mineIds: string[],
  date: string,
): Promise<Map<string, Finding[]>> {
  const rules = await getSetting(db, emergencySettings.rules);
  const rows = await repo.mineStates(
    db,
    { mineScope: undefined, mineIds },
    date,
    rules.trainingHoursPerYear,
  );
  return new Map(
    rows.map((m) => [
      m.id,
      findingsOfRow(rules, m, date).map((f) => ({
        rule: f.rule,
        message: f.message,
        source: f.source,
        criterion:
          f.rule === '反风演习' && m.kind === MineKind.UndergroundMetal ? '地下(二十)' : null,
        subject: f.dueOn,
      })),
    ]),
  );
}
