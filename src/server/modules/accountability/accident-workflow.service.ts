/**
 * @module The accident after filing (issue 24; rules and sources in shared/accident-workflow.ts): 调查认定,
 * 挂牌督办, 提级调查, 整改验收 (which releases a fatal accident's hold on the mine's 复工复产 —
 * accident.resumption.ts) and 结案, each in the caller's jurisdiction (404 outside), by a regulator
 * (accidents.manage), in order (409 otherwise), audited with a timeline entry in the same transaction.
 * Also marks an accident as 瞒报 found by a 举报 (public-report.outcome.ts).
 */
import {
  escalationRequired,
  investigationLevelFor,
  isHigherLevel,
  stepRefusal,
  type AccidentCloseInput,
  type AccidentEscalateInput,
  type AccidentFindingInput,
  type AccidentRectificationInput,
  type AccidentSuperviseInput,
  type AccidentWorkflowStep,
} from '../../../shared/accident-workflow.ts';
import { DateWindows } from '../../../shared/date-windows.ts';
import { shanghaiDate, todayIn } from '../../../shared/dates.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, checkDateWindows, invalidField } from '../../platform/errors.ts';
import { recordAudit } from './accountability.audit.ts';
import { AccountabilityPermission } from './accountability.permissions.ts';
import * as repo from './accident.repository.ts';
import { accidentView, loadVisibleAccident } from './accident.service.ts';
import type { accidents } from './accident.table.ts';

type Row = repo.AccidentRow;
type Set = Partial<typeof accidents.$inferInsert>;

/** A date of the case: not before the accident's day, not in the future. */
function checkCaseDate(deps: ServiceDeps, row: Row, field: string, value: string) {
  checkDateWindows(todayIn(deps.clock), { [field]: [value, DateWindows.happened] });
  if (value < shanghaiDate(row.accident.occurredAt)) {
    throw invalidField(field, '日期不能早于事故发生日期', value);
  }
}

/**
 * Takes one step: a regulator of the accident's jurisdiction, the step allowed now (409 otherwise), the
 * change, the timeline entry and the audit event in one transaction.
 */
async function takeStep(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  step: Exclude<AccidentWorkflowStep, '瞒报查实'>,
  change: (row: Row, tx: Db) => Promise<{ set: Set; summary: string; detail: object }>,
) {
  requirePermission(principal, AccountabilityPermission.AccidentManage);
  if (principal.scope.kind !== 'region' && principal.scope.kind !== 'all') {
    throw new AppError(AppErrorCode.Forbidden, '事故调查处理由监管部门办理');
  }
  return deps.db.transaction(async (tx) => {
    const row = await loadVisibleAccident(tx, principal, id, true);
    const a = row.accident;
    const refusal = stepRefusal(step, {
      stage: a.stage,
      supervised: a.supervisedBy !== null,
      rectificationAccepted: a.rectificationAcceptedOn !== null,
      escalationRequired: escalationRequired(a),
    });
    if (refusal) {
      throw new AppError(AppErrorCode.Conflict, `${refusal}, 不能${step}`);
    }
    const { set, summary, detail } = await change(row, tx);
    const now = deps.clock();
    await repo.updateAccident(tx, id, set, now);
    await repo.insertStep(tx, {
      accidentId: id,
      step,
      detail: { summary, ...detail },
      actorLabel: principal.displayName,
      at: now,
    });
    await recordAudit(tx, actorOf(principal), now, {
      type: 'accountability.accident.stepped',
      entityId: id,
      before: { stage: a.stage },
      after: { step, ...detail },
    });
    return accidentView(deps, tx, principal, await loadVisibleAccident(tx, principal, id));
  });
}

/** 调查认定: the finding, cause and responsible parties; the case is 已认定. */
export const recordFinding = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: AccidentFindingInput,
) =>
  takeStep(deps, p, id, '调查认定', async (row, tx) => {
    checkCaseDate(deps, row, 'concludedOn', input.concludedOn);
    await repo.insertParties(
      tx,
      input.parties.map((party, i) => ({ accidentId: id, ...party, sortOrder: i })),
    );
    return {
      set: {
        stage: '已认定',
        findingOn: input.concludedOn,
        findingNature: input.nature,
        findingCause: input.cause,
        findingText: input.finding,
      },
      summary: `${input.nature}; 原因: ${input.cause}; 责任人/单位 ${input.parties.length} 个`,
      detail: input,
    };
  });

/** 挂牌督办 by a unit with a deadline after today. */
export const superviseAccident = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: AccidentSuperviseInput,
) =>
  takeStep(deps, p, id, '挂牌督办', (_row) => {
    checkDateWindows(todayIn(deps.clock), { deadline: [input.deadline, DateWindows.planned] });
    if (input.deadline <= todayIn(deps.clock)) {
      throw invalidField('deadline', '督办期限须晚于今天', input.deadline);
    }
    return Promise.resolve({
      set: { supervisedBy: input.unit, superviseDeadline: input.deadline },
      summary: `${input.unit} 挂牌督办, 期限 ${input.deadline}${input.note ? `; ${input.note}` : ''}`,
      detail: input,
    });
  });

/** 提级调查 to a level above the one investigating now (条例第二十条). */
export const escalateAccident = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: AccidentEscalateInput,
) =>
  takeStep(deps, p, id, '提级调查', (row) => {
    const current = row.accident.investigationLevel ?? investigationLevelFor(row.accident.grade);
    if (!isHigherLevel(input.level, current)) {
      throw invalidField('level', `提级调查须高于当前调查层级 (${current})`, input.level);
    }
    return Promise.resolve({
      set: { investigationLevel: input.level, investigationUnit: input.unit },
      summary: `由${current}提级至${input.level} (${input.unit}): ${input.reason}`,
      detail: { from: current, ...input },
    });
  });

/** 整改验收: releases a fatal accident's hold on the mine's 复工复产. */
export const acceptRectification = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: AccidentRectificationInput,
) =>
  takeStep(deps, p, id, '整改验收', (row) => {
    checkCaseDate(deps, row, 'acceptedOn', input.acceptedOn);
    return Promise.resolve({
      set: { rectificationAcceptedOn: input.acceptedOn },
      summary: `${input.acceptedOn} 整改验收合格: ${input.note}`,
      detail: input,
    });
  });

/** 结案, only after 调查认定. */
export const closeAccident = (
  deps: ServiceDeps,
  p: Principal,
  id: string,
  input: AccidentCloseInput,
) =>
  takeStep(deps, p, id, '结案', (row) => {
    checkCaseDate(deps, row, 'closedOn', input.closedOn);
    if (row.accident.findingOn && input.closedOn < row.accident.findingOn) {
      throw invalidField('closedOn', '结案日期不能早于调查认定日期', input.closedOn);
    }
    return Promise.resolve({
      set: { stage: '已结案', closedOn: input.closedOn },
      summary: `${input.closedOn} 结案: ${input.note}`,
      detail: input,
    });
  });

/**
 * Marks an accident as 瞒报 found by a 举报 (in the 举报's handling transaction), with a timeline entry and
 * its audit event. An accident already marked by another case keeps its first. The enterprise reads
 * the accident, so nothing of the case (its code, its wording) is written on it.
 */
export async function markConcealed(
  deps: ServiceDeps,
  tx: Db,
  principal: Principal,
  accidentId: string,
  reportId: string,
) {
  const row = await loadVisibleAccident(tx, principal, accidentId, true);
  if (row.accident.concealed) {
    return;
  }
  const now = deps.clock();
  await repo.updateAccident(tx, accidentId, { concealed: true, concealedReportId: reportId }, now);
  // Never the case's tracking code: the enterprise reads the accident (with it, it could try secrets).
  const summary = '经群众举报核实, 查实为瞒报事故';
  await repo.insertStep(tx, {
    accidentId,
    step: '瞒报查实',
    detail: { summary },
    // The unit, not the 举报 handler's name: the enterprise reads the accident's timeline.
    actorLabel: principal.organisationName,
    at: now,
  });
  // Not the case either (the enterprise reads the accident's history); the case's own step names the accident.
  await recordAudit(tx, actorOf(principal), now, {
    type: 'accountability.accident.stepped',
    entityId: accidentId,
    after: { step: '瞒报查实' },
  });
}
