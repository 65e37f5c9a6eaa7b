/**
 * @module Yearly inspection schedules (issue 7 §1): a regulator unit previews, then generates and
 * stores, its schedule over its jurisdiction from the live risk classes and its capacity; each visit
 * gets a month and a drawn date (every visit is 四不两直, 《2024年矿山安全生产工作要点》第41条: the dates are drawn at
 * random and shown only to regulators, never to the mine). Regenerating replaces the visits not yet made and keeps those already linked to
 * an inspection.
 */
import type {
  SchedulePreviewInput,
  SchedulePreviewResponse,
  ScheduleSaveInput,
} from '../../../../shared/inspection-schedules.schemas.ts';
import { daysInMonth } from '../../../../shared/dates.ts';
import { regionInScope, type Principal } from '../../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../../platform/errors.ts';
import { createRng } from '../../../platform/random.ts';
import { recordAudit } from '../inspections.audit.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { mineRiskClasses } from '../risk/risk.service.ts';
import { generateYearSchedule } from './schedule.generator.ts';
import { presentSchedule, presentScheduleSummary } from './schedule.presenter.ts';
import * as repo from './schedule.repository.ts';

/**
 * A yearly schedule for the caller's jurisdiction (or a region inside it), previewed from the live
 * risk classes: nothing is written.
 */
export async function previewSchedule(
  deps: ServiceDeps,
  principal: Principal,
  input: Omit<SchedulePreviewInput, 'region'> & { region?: string | undefined },
): Promise<SchedulePreviewResponse> {
  requirePermission(principal, InspectionPermission.Read);
  if (input.region && !regionInScope(principal.scope, input.region)) {
    throw invalidField('region', '该行政区划不在管辖范围内', input.region);
  }
  const classes = await mineRiskClasses(deps, principal, { region: input.region });
  const schedule = generateYearSchedule(
    classes.map((c) => ({ mineId: c.mineId, score: c.score, perYear: c.perYear })),
    {
      capacity: input.capacityPerMonth,
      inspectorsPerVisit: input.inspectorsPerVisit,
      seed: input.seed,
    },
  );
  const names = new Map(classes.map((c) => [c.mineId, c.mineName]));
  return {
    ...schedule,
    visits: schedule.visits.map((v) => ({ ...v, mineName: names.get(v.mineId) ?? '' })),
    mines: classes.length,
  };
}

/** Generates and stores the caller's unit's schedule of a year (regenerating keeps visits made). */
export async function saveSchedule(
  deps: ServiceDeps,
  principal: Principal,
  input: ScheduleSaveInput,
) {
  requirePermission(principal, InspectionPermission.Schedule);
  if (principal.scope.kind !== 'region') {
    throw new AppError(AppErrorCode.Forbidden, '只有监管单位可以制定本辖区的检查计划');
  }
  const region = principal.scope.regionCode;
  // Read the live risk classes before the write transaction (one connection on PGlite).
  const preview = await previewSchedule(deps, principal, { ...input, region });
  const rng = createRng(input.seed ^ input.year);
  const at = deps.clock();
  const scheduleId = await deps.db.transaction(async (tx) => {
    const existing = await repo.findScheduleOf(tx, principal.organisationId, input.year);
    const params = {
      ...input,
      load: preview.load,
      shortfall: preview.shortfall,
      mines: preview.mines,
    };
    let id: string;
    if (existing) {
      id = existing.id;
      await repo.updateSchedule(tx, id, { params, createdAt: at, createdBy: principal.userId });
      await repo.deleteUnmadeVisits(tx, id);
    } else {
      id = await repo.insertSchedule(tx, {
        organisationId: principal.organisationId,
        regionCode: region,
        year: input.year,
        params,
        createdBy: principal.userId,
        createdAt: at,
      });
    }
    // The generator counts months from 0; the stored schedule from 1 (January).
    const visits = preview.visits.map((v) => {
      const month = v.month + 1;
      const yearMonth = `${input.year}-${String(month).padStart(2, '0')}`;
      const day = rng.int(1, daysInMonth(yearMonth));
      return {
        scheduleId: id,
        mineId: v.mineId,
        month,
        plannedOn: `${yearMonth}-${String(day).padStart(2, '0')}`,
      };
    });
    await repo.insertVisits(tx, visits);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.plan.saved',
      entityId: id,
      after: { year: input.year, region, visits: visits.length, replaced: Boolean(existing) },
    });
    return id;
  });
  return getSchedule(deps, principal, scheduleId);
}

/** Schedules of units whose region lies inside the caller's jurisdiction. */
export async function listSchedules(
  deps: ServiceDeps,
  principal: Principal,
  q: { year?: number | undefined },
) {
  requirePermission(principal, InspectionPermission.Read);
  const rows = await repo.listSchedules(deps.db, q.year);
  return rows
    .filter((r) => regionInScope(principal.scope, r.regionCode))
    .map(presentScheduleSummary);
}

/** A schedule in the caller's jurisdiction with every visit, or 404. */
export async function getSchedule(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, InspectionPermission.Read);
  const schedule = await repo.findSchedule(deps.db, id);
  if (!schedule || !regionInScope(principal.scope, schedule.regionCode)) {
    throw notFound('inspection_plan', id);
  }
  return presentSchedule(schedule, await repo.visitsOf(deps.db, id));
}
