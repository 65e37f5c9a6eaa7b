/**
 * @module Enforcement records of one party of the world (issue 7), made by its own regulator users:
 * a stored inspection schedule, an inspection at the coal mine with a general violation, a 现场检查记录, a penalty,
 * and a suspension order (inserted directly, so the mine's status stays as other tests expect).
 */
import { findUserWithOrg } from '../../src/server/modules/access/access.repository.ts';
import { userPrincipal } from '../../src/server/modules/access/principal.ts';
import { createDocument } from '../../src/server/modules/inspections/documents/document.service.ts';
import { decidePenalty } from '../../src/server/modules/inspections/penalties/penalty.service.ts';
import { addFinding } from '../../src/server/modules/inspections/records/finding.service.ts';
import { createInspection } from '../../src/server/modules/inspections/records/inspection.service.ts';
import { inspectionOrders } from '../../src/server/modules/inspections/records/inspection.table.ts';
import { saveSchedule } from '../../src/server/modules/inspections/schedules/schedule.service.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { todayIn } from '../../src/shared/dates.ts';

export interface EnforcementIds {
  scheduleIds: string[];
  inspectionIds: string[];
  penaltyIds: string[];
  documentIds: string[];
  orderIds: string[];
}

export async function principalOfUser(deps: ServiceDeps, username: string) {
  const u = await findUserWithOrg(deps.db, { username });
  if (!u) {
    throw new Error(`no user ${username}`);
  }
  return userPrincipal(u, null);
}

export async function buildEnforcement(
  deps: ServiceDeps,
  p: {
    key: string;
    mines: { id: string }[];
    users: { regulator_admin: string; inspector: string };
  },
): Promise<EnforcementIds> {
  const admin = await principalOfUser(deps, p.users.regulator_admin);
  const inspector = await principalOfUser(deps, p.users.inspector);
  const today = todayIn(deps.clock);
  const schedule = await saveSchedule(deps, admin, {
    year: Number(today.slice(0, 4)),
    capacityPerMonth: Array.from({ length: 12 }, () => 10),
    inspectorsPerVisit: 2,
    seed: 7,
  });
  const inspection = await createInspection(deps, inspector, {
    mineId: p.mines[0]?.id ?? '',
    kind: '常规',
    inspectedOn: today,
    teamUserIds: [inspector.userId, admin.userId],
    checklistCriterionIds: [],
    customItems: [`${p.key}: 安全出口是否畅通`],
  });
  await addFinding(deps, inspector, inspection.id, {
    kind: '一般违法行为',
    description: `${p.key}: 安全出口堵塞`,
    location: `${p.key}: 主斜井`,
    deadline: today,
  });
  const document = await createDocument(deps, inspector, {
    inspectionId: inspection.id,
    template: '现场检查记录',
  });
  const penalty = await decidePenalty(deps, admin, {
    inspectionId: inspection.id,
    target: '企业',
    partyName: `${p.key}企业`,
    legalBasis: '《安全生产法》第九十九条',
    facts: `${p.key}: 安全出口堵塞`,
    amountYuan: 50_000,
    decidedOn: today,
  });
  const order = await deps.db.transaction((tx) =>
    tx
      .insert(inspectionOrders)
      .values({
        inspectionId: inspection.id,
        mineId: p.mines[0]?.id ?? '',
        kind: '责令停产整顿',
        orderedOn: today,
        reason: `${p.key}: 越界开采`,
        createdAt: deps.clock(),
      })
      .returning({ id: inspectionOrders.id }),
  );
  return {
    scheduleIds: [schedule.id],
    inspectionIds: [inspection.id],
    penaltyIds: [penalty.id],
    documentIds: [document.id],
    orderIds: order.map((o) => o.id),
  };
}
