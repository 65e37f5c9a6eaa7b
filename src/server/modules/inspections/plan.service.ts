/**
 * @module Stored yearly plans (issue 7 §1): a regulator unit generates its plan over its jurisdiction
 * from the live risk classes and its capacity; each visit gets a month and a drawn date (四不两直 dates
 * are drawn at random and shown only to regulators, never to the mine). Regenerating replaces the
 * visits not yet made and keeps those already linked to an inspection.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { regionInScope, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { AppError, AppErrorCode, notFound } from '../../platform/errors.ts';
import { createRng } from '../../platform/random.ts';
import { recordAudit } from './inspections.audit.ts';
import { mines } from '../registry/mine.table.ts';
import { regions } from '../registry/region.table.ts';
import { inspectionPlans, inspectionPlanVisits } from './inspection.table.ts';
import { previewYearPlan } from './risk.service.ts';
import { InspectionPermission } from './inspections.permissions.ts';

export interface PlanSaveInput {
  year: number;
  capacityPerMonth: number[];
  inspectorsPerVisit: number;
  unannouncedShare: number;
  seed: number;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export async function savePlan(deps: ServiceDeps, principal: Principal, input: PlanSaveInput) {
  requirePermission(principal, InspectionPermission.Plan);
  if (principal.scope.kind !== 'region') {
    throw new AppError(AppErrorCode.Forbidden, '只有监管单位可以制定本辖区的检查计划');
  }
  const region = principal.scope.regionCode;
  // Read the live risk classes before the write transaction (one connection on PGlite).
  const preview = await previewYearPlan(deps, principal, { ...input, region });
  const rng = createRng(input.seed ^ input.year);
  const at = deps.clock();
  const planId = await deps.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(inspectionPlans)
      .where(
        and(
          eq(inspectionPlans.organisationId, principal.organisationId),
          eq(inspectionPlans.year, input.year),
        ),
      );
    const params = {
      ...input,
      load: preview.load,
      shortfall: preview.shortfall,
      mines: preview.mines,
    };
    let id = existing?.id;
    if (existing) {
      await tx
        .update(inspectionPlans)
        .set({ params, createdAt: at, createdBy: principal.userId })
        .where(eq(inspectionPlans.id, existing.id));
      await tx
        .delete(inspectionPlanVisits)
        .where(
          and(
            eq(inspectionPlanVisits.planId, existing.id),
            isNull(inspectionPlanVisits.inspectionId),
          ),
        );
    } else {
      const [row] = await tx
        .insert(inspectionPlans)
        .values({
          organisationId: principal.organisationId,
          regionCode: region,
          year: input.year,
          params,
          createdBy: principal.userId,
          createdAt: at,
        })
        .returning({ id: inspectionPlans.id });
      id = row?.id;
    }
    const planId = id ?? '';
    // The generator counts months from 0; the stored plan from 1 (January).
    const visits = preview.visits.map((v) => {
      const month = v.month + 1;
      const day = rng.int(1, daysIn(input.year, month));
      return {
        planId,
        mineId: v.mineId,
        month,
        kind: v.kind,
        plannedOn: `${input.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      };
    });
    for (let i = 0; i < visits.length; i += 500) {
      await tx.insert(inspectionPlanVisits).values(visits.slice(i, i + 500));
    }
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.plan.saved',
      entityId: planId,
      after: { year: input.year, region, visits: visits.length, replaced: Boolean(existing) },
    });
    return planId;
  });
  return getPlan(deps, principal, planId);
}

/** Plans of units whose region lies inside the caller's jurisdiction. */
export async function listPlans(
  deps: ServiceDeps,
  principal: Principal,
  q: { year?: number | undefined },
) {
  requirePermission(principal, InspectionPermission.Read);
  const rows = await deps.db
    .select({
      id: inspectionPlans.id,
      regionCode: inspectionPlans.regionCode,
      regionName: regions.name,
      year: inspectionPlans.year,
      createdAt: inspectionPlans.createdAt,
      organisationId: inspectionPlans.organisationId,
    })
    .from(inspectionPlans)
    .innerJoin(regions, eq(regions.code, inspectionPlans.regionCode))
    .where(q.year ? eq(inspectionPlans.year, q.year) : undefined)
    .orderBy(asc(inspectionPlans.year), asc(inspectionPlans.regionCode));
  return rows
    .filter((r) => regionInScope(principal.scope, r.regionCode))
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function getPlan(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, InspectionPermission.Read);
  const [plan] = await deps.db.select().from(inspectionPlans).where(eq(inspectionPlans.id, id));
  if (!plan || !regionInScope(principal.scope, plan.regionCode)) {
    throw notFound('inspection_plan', id);
  }
  const visits = await deps.db
    .select({
      id: inspectionPlanVisits.id,
      mineId: inspectionPlanVisits.mineId,
      mineName: mines.name,
      month: inspectionPlanVisits.month,
      kind: inspectionPlanVisits.kind,
      plannedOn: inspectionPlanVisits.plannedOn,
      inspectionId: inspectionPlanVisits.inspectionId,
    })
    .from(inspectionPlanVisits)
    .innerJoin(mines, eq(mines.id, inspectionPlanVisits.mineId))
    .where(eq(inspectionPlanVisits.planId, id))
    .orderBy(asc(inspectionPlanVisits.plannedOn), asc(mines.name));
  const params = plan.params as PlanSaveInput & {
    load: number[];
    shortfall: { mineId: string; wanted: number; planned: number }[];
    mines: number;
  };
  return {
    id: plan.id,
    regionCode: plan.regionCode,
    year: plan.year,
    createdAt: plan.createdAt.toISOString(),
    capacityPerMonth: params.capacityPerMonth,
    inspectorsPerVisit: params.inspectorsPerVisit,
    unannouncedShare: params.unannouncedShare,
    load: params.load,
    shortfall: params.shortfall,
    mines: params.mines,
    visits,
  };
}
