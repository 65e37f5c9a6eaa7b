/**
 * @module Administrative penalties (issue 7 §3). 一案双罚 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第20条,
 * 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第23条): an enterprise's violation is penalised on the enterprise and on
 * its principal person, one row each; the list shows cases where only one of the two was
 * penalised. Payment and revocation are recorded with the penalty's version so that two clerks do
 * not overwrite each other.
 */
import { desc, eq, gte, lte, sql } from 'drizzle-orm';
import { PenaltyStatus } from '../../../shared/inspections.enums.ts';
import type { PenaltyInput, PenaltyUpdateInput } from '../../../shared/inspections.schemas.ts';
import { recordAudit } from './inspections.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { mines } from '../registry/mine.table.ts';
import { checkVersion } from '../registry/registry.guards.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import { inspections, penalties } from './inspection.table.ts';
import { loadVisibleInspection } from './inspection.access.ts';
import { InspectionPermission } from './inspections.permissions.ts';

const columns = {
  id: penalties.id,
  inspectionId: penalties.inspectionId,
  mineId: penalties.mineId,
  mineName: mines.name,
  countyCode: mines.countyCode,
  target: penalties.target,
  partyName: penalties.partyName,
  legalBasis: penalties.legalBasis,
  facts: penalties.facts,
  amountYuan: penalties.amountYuan,
  decidedOn: penalties.decidedOn,
  status: penalties.status,
  paidOn: penalties.paidOn,
  paidAmountYuan: penalties.paidAmountYuan,
  version: penalties.version,
  /** Whether the same inspection penalised the other party too (一案双罚). */
  doublePenalty: sql<boolean>`EXISTS (SELECT 1 FROM penalties o WHERE o.inspection_id = ${penalties.inspectionId}
    AND o.target <> ${penalties.target} AND o.status <> '已撤销')`,
};

async function loadVisiblePenalty(db: Db, principal: Principal, id: string) {
  const [row] = await db
    .select(columns)
    .from(penalties)
    .innerJoin(mines, eq(mines.id, penalties.mineId))
    .where(allOf(eq(penalties.id, id), mineScopeCondition(principal.scope)));
  if (!row) {
    throw notFound('penalty', id);
  }
  return row;
}

export async function getPenalty(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, InspectionPermission.Read);
  return loadVisiblePenalty(deps.db, principal, id);
}

export async function decidePenalty(deps: ServiceDeps, principal: Principal, input: PenaltyInput) {
  requirePermission(principal, InspectionPermission.PenaltyDecide);
  return deps.db.transaction(async (tx) => {
    const found = await loadVisibleInspection(tx, principal, input.inspectionId).catch(() => {
      throw invalidField('inspectionId', '检查记录不存在或不在管辖范围内', input.inspectionId);
    });
    if (input.decidedOn < found.inspection.inspectedOn) {
      throw invalidField('decidedOn', '处罚决定日期不能早于检查日期', input.decidedOn);
    }
    const at = deps.clock();
    const [row] = await tx
      .insert(penalties)
      .values({
        ...input,
        mineId: found.inspection.mineId,
        status: PenaltyStatus.Decided,
        createdBy: principal.userId,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: penalties.id });
    const after = await loadVisiblePenalty(tx, principal, row?.id ?? '');
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.penalty.decided',
      entityId: after.id,
      after,
    });
    return after;
  });
}

/** 待缴纳 → 已缴纳 (with the date and amount paid) or → 已撤销; a closed penalty does not move again. */
export async function updatePenalty(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: PenaltyUpdateInput,
) {
  requirePermission(principal, InspectionPermission.PenaltyDecide);
  return deps.db.transaction(async (tx) => {
    const before = await loadVisiblePenalty(tx, principal, id);
    checkVersion('penalty', before.version, input.version);
    if (before.status !== PenaltyStatus.Decided) {
      throw new AppError(AppErrorCode.Conflict, `处罚已${before.status}，不能再变更`);
    }
    if (input.status === PenaltyStatus.Decided) {
      throw invalidField('status', '只能改为 已缴纳 或 已撤销', input.status);
    }
    const paid = input.status === PenaltyStatus.Paid;
    if (paid && !input.paidOn) {
      throw invalidField('paidOn', '已缴纳须填写缴纳日期');
    }
    if (paid && input.paidOn && input.paidOn < before.decidedOn) {
      throw invalidField('paidOn', '缴纳日期不能早于处罚决定日期', input.paidOn);
    }
    const at = deps.clock();
    await tx
      .update(penalties)
      .set({
        status: input.status,
        paidOn: paid ? (input.paidOn ?? null) : null,
        paidAmountYuan: paid ? (input.paidAmountYuan ?? before.amountYuan) : null,
        updatedAt: at,
        version: sql`${penalties.version} + 1`,
      })
      .where(eq(penalties.id, id));
    const after = await loadVisiblePenalty(tx, principal, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.penalty.updated',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, paidOn: after.paidOn, paidAmountYuan: after.paidAmountYuan },
    });
    return after;
  });
}

export async function listPenalties(
  deps: ServiceDeps,
  principal: Principal,
  q: {
    region?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    inspectionId?: string | undefined;
  },
) {
  requirePermission(principal, InspectionPermission.Read);
  const rows = await deps.db
    .select(columns)
    .from(penalties)
    .innerJoin(mines, eq(mines.id, penalties.mineId))
    .innerJoin(inspections, eq(inspections.id, penalties.inspectionId))
    .where(
      allOf(
        mineScopeCondition(principal.scope),
        mineInRegion(q.region),
        q.inspectionId ? eq(penalties.inspectionId, q.inspectionId) : undefined,
        q.from ? gte(penalties.decidedOn, q.from) : undefined,
        q.to ? lte(penalties.decidedOn, q.to) : undefined,
      ),
    )
    .orderBy(desc(penalties.decidedOn), desc(penalties.createdAt))
    .limit(501);
  return { truncated: rows.length > 500, items: rows.slice(0, 500) };
}
