/**
 * @module What a handled 举报 becomes (issue 9 §1): a major hazard (source 举报), a lead, a 专项
 * inspection, or (a 瞒报事故, issue 24) an accident record marked 瞒报, made from the report in the handling step's transaction through the owning module's own
 * service, so every rule of those modules applies (the criterion fits the mine's kind, the team has
 * jurisdiction, the mine is in the caller's). Their field errors come back under `create.`. A hazard or
 * an inspection reaches the enterprise, so it says what the handler wrote (`create.description`,
 * `create.location`) and nothing of the report: not its tracking code (with it the enterprise could
 * try secrets against the reporter's case), not its wording (which can tell who reported). A lead stays
 * with the regulators and keeps both.
 */
import { HazardSource } from '../../../shared/hazard.enums.ts';
import { InspectionKind } from '../../../shared/inspections.enums.ts';
import type { CaseOutcome, HandleCreate } from '../../../shared/public-reports.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField } from '../../platform/errors.ts';
import { reportHazard } from '../hazards/hazard.service.ts';
import { reportAccident } from './accident.service.ts';
import { createInspection } from '../inspections/records/inspection.service.ts';
import { raiseReportLead } from '../leads/lead.raise.ts';
import type { PublicReportRow } from './public-report.repository.ts';

/** Field errors of the inner service, moved under `create.` (the mine, criterion or team given). */
async function underCreate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AppError && e.code === AppErrorCode.ValidationFailed) {
      throw new AppError(
        e.code,
        e.message,
        e.details.map((d) => ({ ...d, path: `create.${d.path.replace(/^body\./, '')}` })),
      );
    }
    throw e;
  }
}

/** An inspection's check item is at most this long (the inspections' own limit). */
const CHECK_ITEM_MAX = 500;

/** What the handler wrote for the enterprise to read: the description, and for a hazard its place. */
function handlerWording(create: HandleCreate, hazard: boolean) {
  if (!create.description) {
    throw invalidField('create.description', '请撰写企业可见的描述 (勿抄录举报原文和查询码)');
  }
  if (!hazard && create.description.length > CHECK_ITEM_MAX) {
    throw invalidField('create.description', `检查项不超过 ${CHECK_ITEM_MAX} 字`);
  }
  if (hazard && !create.location) {
    throw invalidField('create.location', '请填写隐患部位');
  }
  return { description: create.description, location: create.location ?? '' };
}

/** Makes the hazard, lead or inspection the report becomes; returns its id. */
export async function makeOutcome(
  deps: ServiceDeps,
  tx: Db,
  principal: Principal,
  r: PublicReportRow,
  outcome: CaseOutcome,
  create: HandleCreate,
  today: string,
): Promise<string> {
  const mineId = create.mineId ?? r.mineId;
  if (!mineId) {
    throw invalidField('create.mineId', '请选择举报涉及的矿山');
  }
  const inner = { ...deps, db: tx };
  switch (outcome) {
    case '转为重大事故隐患': {
      const criterionId = create.criterionId;
      if (!criterionId) {
        throw invalidField('create.criterionId', '转为重大事故隐患须选择判定标准条款');
      }
      const { description, location } = handlerWording(create, true);
      const hazard = await underCreate(() =>
        reportHazard(inner, principal, {
          mineId,
          criterionId,
          description,
          location,
          source: HazardSource.PublicReport,
          foundBy: principal.displayName,
          foundOn: today,
        }),
      );
      return hazard.id;
    }
    case '转为执法检查': {
      const team = create.teamUserIds ?? [];
      if (team.length < 2 || new Set(team).size !== team.length) {
        throw invalidField('create.teamUserIds', '执法检查至少 2 名执法人员, 且不重复', team);
      }
      const { description } = handlerWording(create, false);
      const inspection = await underCreate(() =>
        createInspection(inner, principal, {
          mineId,
          kind: InspectionKind.Special,
          inspectedOn: create.inspectedOn ?? today,
          teamUserIds: team,
          checklistCriterionIds: [],
          customItems: [description],
        }),
      );
      return inspection.id;
    }
    case '转为线索':
      return underCreate(() =>
        raiseReportLead(
          tx,
          principal,
          {
            mineId,
            reportCode: r.trackingCode,
            summary: `群众举报 ${r.trackingCode} (${r.category}): ${r.content}`.slice(0, 500),
            from: r.receivedAt,
          },
          deps.clock(),
        ),
      );
    case '转为事故调查': {
      // The enterprise reads the accident: what the handler wrote, nothing of the report.
      const accident = create.accident;
      if (!accident) {
        throw invalidField('create.accident', '转为事故调查须填写查实的事故情况');
      }
      const made = await underCreate(() =>
        reportAccident(inner, principal, { mineId, ...accident }),
      );
      return made.id;
    }
    case '无需处理':
      throw invalidField('create', '“无需处理”不新建记录');
  }
}
