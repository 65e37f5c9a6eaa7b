/**
 * @module Leads for regulators (issue 6 §3): the list, a lead with its evidence and timeline, the
 * dashboard summary, and the loop 新线索 → 已指派 (to an inspector of a unit covering the mine) →
 * 已核查 (the on-site result) → 已转隐患 (a hazard in the ledger, in the same transaction) or 已转执法
 * (an inspection finding's reference), or 已排除 with a reason at any open step. Enterprises have no
 * access at all: a lead must not tip the mine off.
 */
import { DAY_MS, addDays, shanghaiMidnight } from '../../../shared/dates.ts';
import type { z } from 'zod';
import { HazardSource } from '../../../shared/hazard.enums.ts';
import {
  closedLeadStatuses,
  LeadStatus,
  leadRules,
  leadStatuses,
} from '../../../shared/leads.enums.ts';
import type {
  LeadAssignInput,
  LeadConvertInput,
  LeadDismissInput,
  LeadListQuery,
  LeadVerifyInput,
} from '../../../shared/leads.schemas.ts';
import { recordAudit } from './leads.audit.ts';
import { Role } from '../../platform/auth/permissions.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField } from '../../platform/errors.ts';
import { keysetPage } from '../../platform/pagination.ts';
import { reportHazard } from '../hazards/hazard.service.ts';
import { checkVersion } from '../registry/registry.guards.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import { leads } from './leads.table.ts';
import {
  breachesOf,
  inspectionsOf,
  presentAssignee,
  presentLead,
  presentLeadEvent,
  type LeadJoined,
  type PresentedLead,
} from './lead.presenter.ts';
import * as repo from './lead.repository.ts';
import { LeadPermission } from './leads.permissions.ts';

/** The list filter of a query, confined to the caller's jurisdiction. */
function listFilter(principal: Principal, q: LeadListQuery): repo.LeadFilter {
  return {
    mineScope: mineScopeCondition(principal.scope),
    region: q.region,
    mineId: q.mineId,
    rules: q.rule,
    statuses: q.status,
    open: q.open === 'true' ? true : q.open === 'false' ? false : undefined,
    assigneeId: q.assignedToMe === 'true' ? principal.userId : undefined,
    q: q.q,
    detectedFrom: q.from ? shanghaiMidnight(q.from) : undefined,
    detectedBefore: q.to ? shanghaiMidnight(addDays(q.to, 1)) : undefined,
  };
}

/** Newest detections first. */
export async function listLeads(deps: ServiceDeps, principal: Principal, q: LeadListQuery) {
  requirePermission(principal, LeadPermission.Read);
  const f = listFilter(principal, q);
  return keysetPage(q, {
    rows: (after, limit) => repo.listLeads(deps.db, f, { limit, after }),
    present: (rows: LeadJoined[]) => rows.map(presentLead),
    total: () => repo.countLeads(deps.db, f),
    key: 'timestamp',
    keyOf: (l: PresentedLead) => [l.detectedAt, l.id],
  });
}

/** Every matching lead (for the export), newest first. */
export async function allLeads(deps: ServiceDeps, principal: Principal, q: LeadListQuery) {
  requirePermission(principal, LeadPermission.Read);
  const rows = await repo.allLeads(deps.db, listFilter(principal, q), 100_000);
  return rows.map((r) => ({ ...presentLead(r), breaches: breachesOf(r.l) }));
}

function loadVisibleLead(db: Db, principal: Principal, id: string, lock = false) {
  return visibleByMine(db, principal, leads, id, {
    entity: 'lead',
    lock,
    select: repo.selectLeads(db).$dynamic(),
  });
}

export async function getLead(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, LeadPermission.Read);
  const row = await loadVisibleLead(deps.db, principal, id);
  const events = await repo.eventsOf(deps.db, id);
  return {
    ...presentLead(row),
    breaches: breachesOf(row.l),
    inspections: inspectionsOf(row.l),
    events: events.map(presentLeadEvent),
  };
}

/** The dashboard card: open leads by rule, unassigned, new in the last 7 days. */
export async function leadSummary(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
) {
  requirePermission(principal, LeadPermission.Read);
  const scope: repo.LeadFilter = {
    mineScope: mineScopeCondition(principal.scope),
    region: q.region,
  };
  const byStatusRule = await repo.countByStatusAndRule(deps.db, scope);
  const weekAgo = new Date(deps.clock().getTime() - 7 * DAY_MS);
  const fresh = await repo.countDetectedSince(deps.db, scope, weekAgo);
  const isOpen = (s: LeadStatus) => !closedLeadStatuses.includes(s);
  const sum = (pred: (r: (typeof byStatusRule)[number]) => boolean) =>
    byStatusRule.filter(pred).reduce((acc, r) => acc + r.n, 0);
  return {
    open: sum((r) => isOpen(r.status)),
    unassigned: sum((r) => r.status === LeadStatus.New),
    byRule: leadRules.map((rule) => ({
      rule,
      open: sum((r) => r.rule === rule && isOpen(r.status)),
    })),
    byStatus: leadStatuses.map((status) => ({ status, count: sum((r) => r.status === status) })),
    newLast7Days: fresh,
  };
}

function expectStatus(current: LeadStatus, allowed: readonly LeadStatus[], action: string) {
  if (!allowed.includes(current)) {
    throw new AppError(AppErrorCode.Conflict, `线索状态为「${current}」, 不能${action}`, [
      { path: 'status', message: `只有 ${allowed.join('、')} 的线索可以${action}`, value: current },
    ]);
  }
}

/** Runs one step: locks the lead, checks state and version, writes, records event and audit. */
async function step(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  version: number | undefined,
  run: (
    tx: Db,
    row: LeadJoined,
    at: Date,
  ) => Promise<{
    set: Partial<typeof leads.$inferInsert>;
    type: string;
    note: string;
    detail?: Record<string, unknown>;
  }>,
  auditType:
    'leads.lead.assigned' | 'leads.lead.verified' | 'leads.lead.converted' | 'leads.lead.dismissed',
) {
  return deps.db.transaction(async (tx) => {
    const row = await loadVisibleLead(tx, principal, id, true);
    checkVersion('lead', row.l.version, version);
    const at = deps.clock();
    const before = presentLead(row);
    const change = await run(tx, row, at);
    await repo.updateLeadRow(tx, id, { ...change.set, updatedAt: at, version: row.l.version + 1 });
    await repo.insertLeadEvent(tx, {
      leadId: id,
      at,
      type: change.type,
      actor: principal.username,
      note: change.note,
      detail: change.detail ?? null,
    });
    const after = presentLead(await loadVisibleLead(tx, principal, id));
    await recordAudit(tx, actorOf(principal), at, { type: auditType, entityId: id, before, after });
    return after;
  });
}

export async function assignLead(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: z.infer<typeof LeadAssignInput>,
) {
  requirePermission(principal, LeadPermission.Assign);
  return step(
    deps,
    principal,
    id,
    input.version,
    async (tx, row) => {
      expectStatus(row.l.status, [LeadStatus.New, LeadStatus.Assigned], '指派');
      const user = await repo.findUserWithRegion(tx, input.assigneeId);
      const covers =
        user?.regionCode !== null &&
        user?.regionCode !== undefined &&
        row.countyCode.startsWith(subtreePrefix(user.regionCode));
      if (!user || user.disabledAt || user.role !== Role.Inspector || !covers) {
        throw invalidField('assigneeId', '须为管辖该矿山的执法人员', input.assigneeId);
      }
      return {
        set: { status: LeadStatus.Assigned, assigneeId: user.id, assignedAt: deps.clock() },
        type: 'assigned',
        note: input.note
          ? `指派给 ${user.displayName}: ${input.note}`
          : `指派给 ${user.displayName}`,
        detail: { assigneeId: user.id },
      };
    },
    'leads.lead.assigned',
  );
}

/** The inspectors who may be assigned a lead: active, of a unit whose region covers the mine. */
export async function assigneesFor(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, LeadPermission.Assign);
  const row = await loadVisibleLead(deps.db, principal, id);
  const rows = await repo.activeInspectors(deps.db);
  return rows
    .filter((u) => u.regionCode !== null && row.countyCode.startsWith(subtreePrefix(u.regionCode)))
    .map(presentAssignee);
}

/**
 * A step taken by the assigned inspector (or an administrator) from one of `allowed` statuses: the
 * LeadHandle permission, the assignee check and the status check, then the step's own change.
 */
function handle(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  version: number | undefined,
  allowed: readonly LeadStatus[],
  action: string,
  change: Parameters<typeof step>[4],
  auditType: Parameters<typeof step>[5],
) {
  requirePermission(principal, LeadPermission.Handle);
  return step(
    deps,
    principal,
    id,
    version,
    (tx, row, at) => {
      if (principal.role === Role.Inspector && row.l.assigneeId !== principal.userId) {
        throw new AppError(AppErrorCode.Forbidden, '只有被指派的执法人员或管理员可以办理该线索');
      }
      expectStatus(row.l.status, allowed, action);
      return change(tx, row, at);
    },
    auditType,
  );
}

export async function verifyLead(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: z.infer<typeof LeadVerifyInput>,
) {
  return handle(
    deps,
    principal,
    id,
    input.version,
    [LeadStatus.Assigned],
    '登记核查结果',
    (_tx, _row, at) => {
      const verification = `${input.confirmed ? '现场证实' : '现场未证实'}: ${input.result}`;
      return Promise.resolve({
        set: { status: LeadStatus.Verified, verifiedAt: at, verification },
        type: 'verified',
        note: verification,
        detail: { confirmed: input.confirmed },
      });
    },
    'leads.lead.verified',
  );
}

export async function convertLead(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: LeadConvertInput,
) {
  return handle(
    deps,
    principal,
    id,
    input.version,
    [LeadStatus.Verified],
    '转办',
    async (tx, row, at) => {
      if (input.to === 'hazard') {
        // The hazard is written in this transaction: both land or neither does.
        const hazard = await reportHazard({ ...deps, db: tx }, principal, {
          mineId: row.l.mineId,
          criterionId: input.criterionId,
          description: input.description,
          location: input.location,
          source: HazardSource.MonitoringLead,
          foundBy: input.foundBy,
          foundOn: input.foundOn,
        });
        return {
          set: { status: LeadStatus.ToHazard, hazardId: hazard.id, closedAt: at },
          type: 'converted',
          note: `转为重大事故隐患 ${hazard.criterion.code}`,
          detail: { hazardId: hazard.id },
        };
      }
      return {
        set: {
          status: LeadStatus.ToInspection,
          inspectionRef: input.reference,
          closeNote: input.note,
          closedAt: at,
        },
        type: 'converted',
        note: `转为执法检查发现 ${input.reference}: ${input.note}`,
        detail: { reference: input.reference },
      };
    },
    'leads.lead.converted',
  );
}

export async function dismissLead(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: z.infer<typeof LeadDismissInput>,
) {
  return handle(
    deps,
    principal,
    id,
    input.version,
    [LeadStatus.New, LeadStatus.Assigned, LeadStatus.Verified],
    '排除',
    (_tx, _row, at) => {
      return Promise.resolve({
        set: { status: LeadStatus.Dismissed, closeNote: input.reason, closedAt: at },
        type: 'dismissed',
        note: input.reason,
      });
    },
    'leads.lead.dismissed',
  );
}

/** For the audit trail's visibility check. */
export async function leadVisible(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, LeadPermission.Read);
  return loadVisibleLead(deps.db, principal, id);
}
