/**
 * @module The risk classes of the mines a regulator may see (issue 7 §1), from live data: the
 * registry (kind, scale, standardization, disaster grade), open and overdue hazards, alarms and
 * unanswered alarms in the last 90 days, open leads, and changes of 矿长 / 主要负责人 in the last year.
 * Accidents in the last 3 years come from the accountability module (issue 9).
 */
import { sql, type SQL } from 'drizzle-orm';
import { regionInScope, type Principal } from '../../platform/auth/scope.ts';
import { requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import { generateYearPlan } from './plan.generator.ts';
import { assessRisk } from './risk.rules.ts';
import { inspectionsSettings } from './inspections.settings.ts';
import { InspectionPermission } from './inspections.permissions.ts';

interface FactRow {
  id: string;
  name: string;
  county_code: string;
  kind: string;
  scale: string;
  standardization_level: string;
  disaster_grade: string | null;
  open_hazards: number;
  overdue_hazards: number;
  alarms: number;
  unanswered: number;
  open_leads: number;
  management_changes: number;
  accidents: number;
}

export async function mineRiskClasses(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
) {
  requirePermission(principal, InspectionPermission.Read);
  return scoreMines(
    deps,
    allOf(mineScopeCondition(principal.scope), mineInRegion(q.region)) ?? sql`TRUE`,
  );
}

/**
 * The risk score and class of every mine matching `where` (a condition on `mines`), highest first; the
 * caller has checked who may see them (also the regional grading, issue 8 §4).
 */
export async function scoreMines(deps: ServiceDeps, where: SQL) {
  const model = await getSetting(deps.db, inspectionsSettings.riskModel);
  const now = deps.clock();
  const since90 = new Date(now.getTime() - 90 * 86_400_000).toISOString();
  const since365 = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const since3y = new Date(now.getTime() - 3 * 365 * 86_400_000).toISOString();
  const today = todayIn(deps.clock);
  const rows = await queryRows<FactRow>(
    deps.db,
    sql`SELECT mines.id, mines.name, mines.county_code, mines.kind, mines.scale, mines.standardization_level, mines.disaster_grade,
          (SELECT count(*) FROM hazards h WHERE h.mine_id = mines.id AND h.closed_at IS NULL)::int AS open_hazards,
          (SELECT count(*) FROM hazards h WHERE h.mine_id = mines.id AND h.closed_at IS NULL
             AND h.deadline < ${today}::date)::int AS overdue_hazards,
          (SELECT count(*) FROM alarms a WHERE a.mine_id = mines.id
             AND a.opened_at >= ${since90}::timestamptz)::int AS alarms,
          (SELECT count(*) FROM alarms a WHERE a.mine_id = mines.id AND a.opened_at >= ${since90}::timestamptz
             AND a.acknowledged_at IS NULL AND a.call_round > 0)::int AS unanswered,
          (SELECT count(*) FROM leads l WHERE l.mine_id = mines.id AND l.closed_at IS NULL)::int AS open_leads,
          (SELECT count(*) FROM people p WHERE p.mine_id = mines.id
             AND p.roles && ARRAY['矿长', '主要负责人']::text[]
             AND (p.created_at >= ${since365}::timestamptz OR p.archived_at >= ${since365}::timestamptz))::int
            AS management_changes,
          (SELECT count(*) FROM accidents ac WHERE ac.mine_id = mines.id
             AND ac.occurred_at >= ${since3y}::timestamptz)::int AS accidents
        FROM mines
        WHERE mines.archived_at IS NULL AND mines.status <> '关闭' AND ${where}
        ORDER BY mines.name, mines.id`,
  );
  return rows
    .map((r) => ({
      mineId: r.id,
      mineName: r.name,
      countyCode: r.county_code,
      ...assessRisk(
        {
          kind: r.kind,
          scale: r.scale,
          standardizationLevel: r.standardization_level,
          disasterGrade: r.disaster_grade,
          openHazards: r.open_hazards,
          overdueHazards: r.overdue_hazards,
          alarms90d: r.alarms,
          unansweredCalls90d: r.unanswered,
          openLeads: r.open_leads,
          accidents3y: r.accidents,
          managementChanges12m: r.management_changes,
        },
        model,
      ),
    }))
    .sort((a, b) => b.score - a.score || a.mineName.localeCompare(b.mineName));
}

/**
 * A yearly plan for the caller's jurisdiction (or a region inside it), previewed from the live risk
 * classes: nothing is written (the stored plan comes with the inspections records).
 */
export async function previewYearPlan(
  deps: ServiceDeps,
  principal: Principal,
  input: {
    region?: string | undefined;
    capacityPerMonth: number[];
    inspectorsPerVisit: number;
    unannouncedShare: number;
    seed: number;
  },
) {
  requirePermission(principal, InspectionPermission.Read);
  if (input.region && !regionInScope(principal.scope, input.region)) {
    throw invalidField('region', '该行政区划不在管辖范围内', input.region);
  }
  const classes = await mineRiskClasses(deps, principal, { region: input.region });
  const plan = generateYearPlan(
    classes.map((c) => ({ mineId: c.mineId, score: c.score, perYear: c.perYear })),
    {
      capacity: input.capacityPerMonth,
      inspectorsPerVisit: input.inspectorsPerVisit,
      unannouncedShare: input.unannouncedShare,
      seed: input.seed,
    },
  );
  const names = new Map(classes.map((c) => [c.mineId, c.mineName]));
  return {
    ...plan,
    visits: plan.visits.map((v) => ({ ...v, mineName: names.get(v.mineId) ?? '' })),
    mines: classes.length,
  };
}
