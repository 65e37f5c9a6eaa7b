/**
 * @module The acts of an overdue hazard's ladder steps. 《2024年矿山安全生产工作要点》第20条,
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第9条 and 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第7条:
 * 对重大事故隐患整改进展缓慢的及时采取函告、通报、约谈、曝光等措施. The ladder (hazard.escalation.ts) reaches
 * a step; a regulator unit whose region covers the mine then makes the step's act:
 * - 函告, 通报: a numbered document of the one document system (inspections/documents: numbering,
 *   hash-chained revisions, the maker's signature, the PDF);
 * - 约谈: the meeting held with the enterprise and its parent company (上级公司; 要点第35条 约谈矿山企业及上级
 *   公司), its attendees and the commitments made, each with a deadline (overdue ones climb their own
 *   ladder, acts.escalation.ts);
 * - 曝光: the mine and hazard on the public page (acts.public.ts) with the reason and the day, until
 *   withdrawn with a reason (the audit trail keeps both).
 * The enterprise sees the acts of its own hazards (a document once issued); another jurisdiction gets
 * 404 from the hazard's load.
 */
import type {
  ExposureWithdrawInput,
  HazardActInput,
  HazardActsResponse,
} from '../../../../shared/hazard-acts.schemas.ts';
import { HazardActStep, hazardActSteps } from '../../../../shared/hazard-acts.schemas.ts';
import { HazardState } from '../../../../shared/hazard.enums.ts';
import { DocumentState, DocumentTemplate } from '../../../../shared/inspections.enums.ts';
import { todayIn } from '../../../../shared/dates.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../../platform/errors.ts';
import { createHazardDocument } from '../../inspections/documents/document.service.ts';
import { documentsOfHazard } from '../../inspections/documents/document.repository.ts';
import { InspectionPermission } from '../../inspections/inspections.permissions.ts';
import { loadVisibleHazard } from '../hazard.access.ts';
import { insertHazardEvent } from '../hazard.repository.ts';
import { recordAudit } from '../hazards.audit.ts';
import { HazardPermission } from '../hazards.permissions.ts';
import * as repo from './acts.repository.ts';

type HazardRow = Awaited<ReturnType<typeof loadVisibleHazard>>;

/** Whether the caller is a regulator unit (region scope) holding the permission to act. */
function isActingRegulator(principal: Principal): boolean {
  return principal.scope.kind === 'region' && principal.permissions.has(HazardPermission.Supervise);
}

/**
 * The acts are made by the regulator unit whose region covers the mine (the hazard's load already
 * answered 404 to any other jurisdiction); an enterprise, or a national account without a unit's
 * region, may not.
 */
function requireActingRegulator(principal: Principal) {
  requirePermission(principal, HazardPermission.Supervise);
  if (principal.scope.kind !== 'region') {
    throw new AppError(AppErrorCode.Forbidden, '只有矿山所在辖区的监管部门可以采取升级措施');
  }
}

/** The hazard's act steps, each reached or not, with the act made. */
async function actsView(db: Db, principal: Principal, h: HazardRow, today: string) {
  const hazardId = h.hazard.id;
  const reached = new Map((await repo.stepsReached(db, hazardId)).map((s) => [s.step, s.dueOn]));
  const regulator = principal.scope.kind !== 'enterprise' && principal.scope.kind !== 'mines';
  // The enterprise receives a 函告 or 通报 once issued; a draft stays on the regulators' side.
  const documents = (await documentsOfHazard(db, hazardId)).filter(
    (d) => regulator || d.state === DocumentState.Issued,
  );
  const interview = await repo.interviewOfHazard(db, hazardId);
  const commitments = interview
    ? await repo.commitmentsOfInterview(db, interview.interview.id)
    : [];
  const exposures = await repo.exposuresOfHazard(db, hazardId);
  const canAct = isActingRegulator(principal) && h.hazard.state !== HazardState.Closed;
  const steps = hazardActSteps.map((step) => {
    const document = documents.find((d) => d.template === step);
    const inForce = exposures.some((e) => e.exposure.withdrawnAt === null);
    const made =
      step === HazardActStep.Interview
        ? Boolean(interview)
        : step === HazardActStep.Exposure
          ? inForce
          : Boolean(document);
    const reachedOn = reached.get(step) ?? null;
    return {
      step,
      reachedOn,
      canAct:
        canAct &&
        reachedOn !== null &&
        !made &&
        (step === HazardActStep.Interview ||
          step === HazardActStep.Exposure ||
          principal.permissions.has(InspectionPermission.Write)),
      document:
        document && (step === HazardActStep.Letter || step === HazardActStep.Circular)
          ? {
              id: document.id,
              template: step,
              number: document.number,
              state: document.state,
            }
          : null,
      interview:
        step === HazardActStep.Interview && interview
          ? {
              id: interview.interview.id,
              unitName: interview.unitName,
              heldOn: interview.interview.heldOn,
              place: interview.interview.place,
              enterpriseAttendees: interview.interview.enterpriseAttendees,
              parentAttendees: interview.interview.parentAttendees,
              regulatorAttendees: interview.interview.regulatorAttendees,
              summary: interview.interview.summary,
              recordedBy: interview.interview.recordedByLabel,
              recordedAt: interview.interview.recordedAt.toISOString(),
              commitments: commitments.map((c) => ({
                id: c.id,
                text: c.text,
                deadline: c.deadline,
                fulfilledOn: c.fulfilledOn,
                overdue: c.fulfilledOn === null && c.deadline < today,
              })),
            }
          : null,
      exposures:
        step === HazardActStep.Exposure
          ? exposures.map((e) => ({
              id: e.exposure.id,
              unitName: e.unitName,
              reason: e.exposure.reason,
              exposedOn: e.exposure.exposedOn,
              withdrawn: e.exposure.withdrawnAt
                ? {
                    at: e.exposure.withdrawnAt.toISOString(),
                    reason: regulator ? e.exposure.withdrawnReason : null,
                    by: regulator ? e.withdrawnByName : null,
                  }
                : null,
            }))
          : [],
    };
  });
  return { steps, canManage: isActingRegulator(principal) } satisfies HazardActsResponse;
}

/** The act steps of a visible hazard (404 beyond the caller's jurisdiction). */
export async function listActs(
  deps: ServiceDeps,
  principal: Principal,
  hazardId: string,
): Promise<HazardActsResponse> {
  requirePermission(principal, HazardPermission.Read);
  const h = await loadVisibleHazard(deps.db, principal, hazardId);
  return actsView(deps.db, principal, h, todayIn(deps.clock));
}

/** Makes the act of a reached step; refused when not reached, already made, or the hazard is 销号. */
export async function makeAct(
  deps: ServiceDeps,
  principal: Principal,
  hazardId: string,
  input: HazardActInput,
): Promise<HazardActsResponse> {
  requirePermission(principal, HazardPermission.Supervise);
  return deps.db.transaction(async (tx) => {
    const h = await loadVisibleHazard(tx, principal, hazardId);
    requireActingRegulator(principal);
    if (h.hazard.state === HazardState.Closed) {
      throw new AppError(AppErrorCode.Conflict, '已销号的隐患不再采取升级措施');
    }
    const reached = (await repo.stepsReached(tx, hazardId)).find((s) => s.step === input.step);
    if (!reached) {
      throw new AppError(AppErrorCode.Conflict, `逾期升级尚未到达“${input.step}”`, [
        { path: 'step', message: '该步尚未到达', value: input.step },
      ]);
    }
    const today = todayIn(deps.clock);
    const at = deps.clock();
    const already = () =>
      new AppError(AppErrorCode.Conflict, `该隐患已${input.step}`, [
        { path: 'step', message: '该步的措施已采取', value: input.step },
      ]);
    let note: string;
    let after: Record<string, unknown>;
    switch (input.step) {
      case HazardActStep.Letter:
      case HazardActStep.Circular: {
        const template =
          input.step === HazardActStep.Letter
            ? DocumentTemplate.HazardLetter
            : DocumentTemplate.HazardCircular;
        if ((await documentsOfHazard(tx, hazardId)).some((d) => d.template === template)) {
          throw already();
        }
        const enterprise = await repo.enterpriseOfMine(tx, h.hazard.mineId);
        const doc = await createHazardDocument(tx, principal, at, {
          hazardId,
          mineId: h.hazard.mineId,
          template,
          facts: {
            unitName: principal.organisationName,
            enterpriseName: enterprise?.name ?? '',
            mineName: h.mineName,
            criterionCode: h.criterionCode,
            description: h.hazard.description,
            location: h.hazard.location,
            foundOn: h.hazard.foundOn,
            deadline: h.hazard.deadline ?? '',
            step: input.step,
            dueOn: reached.dueOn,
            today,
          },
        });
        note = `${input.step}: ${doc.number}`;
        after = { step: input.step, documentId: doc.id, number: doc.number };
        break;
      }
      case HazardActStep.Interview: {
        if (input.heldOn > today) {
          throw invalidField('heldOn', '约谈日期不能晚于今天 (记录已举行的约谈)', input.heldOn);
        }
        if (input.heldOn < reached.dueOn) {
          throw invalidField(
            'heldOn',
            `约谈日期不能早于升级到达约谈的日期 ${reached.dueOn}`,
            input.heldOn,
          );
        }
        input.commitments.forEach((c, i) => {
          if (c.deadline <= input.heldOn) {
            throw invalidField(`commitments.${i}.deadline`, '承诺期限须晚于约谈日期', c.deadline);
          }
        });
        const id = await repo.insertInterview(tx, {
          hazardId,
          mineId: h.hazard.mineId,
          organisationId: principal.organisationId,
          heldOn: input.heldOn,
          place: input.place,
          enterpriseAttendees: input.enterpriseAttendees,
          parentAttendees: input.parentAttendees,
          regulatorAttendees: input.regulatorAttendees,
          summary: input.summary,
          recordedBy: principal.userId,
          recordedByLabel: principal.displayName,
          recordedAt: at,
        });
        if (!id) {
          throw already();
        }
        await repo.insertCommitments(
          tx,
          input.commitments.map((c) => ({
            interviewId: id,
            hazardId,
            text: c.text,
            deadline: c.deadline,
          })),
        );
        note = `约谈: ${input.heldOn} ${input.place}, 承诺 ${input.commitments.length} 项`;
        after = {
          step: input.step,
          interviewId: id,
          heldOn: input.heldOn,
          commitments: input.commitments,
        };
        break;
      }
      case HazardActStep.Exposure: {
        const id = await repo.insertExposure(tx, {
          hazardId,
          mineId: h.hazard.mineId,
          organisationId: principal.organisationId,
          reason: input.reason,
          exposedOn: today,
          exposedBy: principal.userId,
          exposedAt: at,
        });
        if (!id) {
          throw already();
        }
        note = `曝光: ${input.reason}`;
        after = { step: input.step, exposureId: id, reason: input.reason, exposedOn: today };
        break;
      }
    }
    await insertHazardEvent(tx, {
      hazardId,
      at,
      actorId: principal.userId,
      actorLabel: principal.username,
      action: 'act',
      note,
      data: after,
    });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.hazard.act_made',
      entityId: hazardId,
      after,
    });
    return actsView(tx, principal, h, today);
  });
}

/** Withdraws an 曝光 in force with a reason: off the public page, kept in the audit trail. */
export async function withdrawExposure(
  deps: ServiceDeps,
  principal: Principal,
  hazardId: string,
  exposureId: string,
  input: ExposureWithdrawInput,
): Promise<HazardActsResponse> {
  requirePermission(principal, HazardPermission.Supervise);
  return deps.db.transaction(async (tx) => {
    const h = await loadVisibleHazard(tx, principal, hazardId);
    requireActingRegulator(principal);
    const exposure = await repo.findExposure(tx, hazardId, exposureId);
    if (!exposure) {
      throw notFound('exposure', exposureId);
    }
    if (exposure.withdrawnAt) {
      throw new AppError(AppErrorCode.Conflict, '该曝光已撤回');
    }
    const at = deps.clock();
    await repo.withdrawExposure(tx, exposureId, {
      at,
      by: principal.userId,
      reason: input.reason,
    });
    await insertHazardEvent(tx, {
      hazardId,
      at,
      actorId: principal.userId,
      actorLabel: principal.username,
      action: 'withdraw_exposure',
      note: '撤回曝光', // the reason is the regulators' (the exposure row and its audit event)
      data: { exposureId },
    });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.hazard.exposure_withdrawn',
      entityId: hazardId,
      before: { exposureId, reason: exposure.reason, exposedOn: exposure.exposedOn },
      after: { exposureId, withdrawnReason: input.reason },
    });
    return actsView(tx, principal, h, todayIn(deps.clock));
  });
}

/** Marks a 约谈 commitment fulfilled on a day (not in the future): it no longer climbs the ladder. */
export async function fulfilCommitment(
  deps: ServiceDeps,
  principal: Principal,
  hazardId: string,
  commitmentId: string,
  input: { fulfilledOn: string },
): Promise<HazardActsResponse> {
  requirePermission(principal, HazardPermission.Supervise);
  return deps.db.transaction(async (tx) => {
    const h = await loadVisibleHazard(tx, principal, hazardId);
    requireActingRegulator(principal);
    const c = await repo.findCommitment(tx, hazardId, commitmentId);
    if (!c) {
      throw notFound('commitment', commitmentId);
    }
    if (c.fulfilledOn) {
      throw new AppError(AppErrorCode.Conflict, '该承诺已履行');
    }
    const today = todayIn(deps.clock);
    if (input.fulfilledOn > today) {
      throw invalidField('fulfilledOn', '履行日期不能晚于今天', input.fulfilledOn);
    }
    const at = deps.clock();
    await repo.fulfilCommitment(tx, commitmentId, input.fulfilledOn);
    await insertHazardEvent(tx, {
      hazardId,
      at,
      actorId: principal.userId,
      actorLabel: principal.username,
      action: 'commitment_fulfilled',
      note: `约谈承诺已履行 (${input.fulfilledOn}): ${c.text}`,
      data: { commitmentId },
    });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'hazards.hazard.commitment_fulfilled',
      entityId: hazardId,
      after: { commitmentId, fulfilledOn: input.fulfilledOn },
    });
    return actsView(tx, principal, h, today);
  });
}
