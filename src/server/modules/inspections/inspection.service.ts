/**
 * @module Inspection records (issue 7 §2): a team of at least two inspectors of a regulator unit whose
 * jurisdiction covers the mine, a kind, a checklist built from the hazard criteria catalogue plus custom
 * items, findings (a major hazard enters the hazards ledger in the same transaction), photos, the
 * body-camera reference, 责令停产整顿 through the registry with its 复工复产验收, 复查, and 典型案例.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { FindingKind, InspectionKind } from '../../../shared/inspections.enums.ts';
import type {
  ChecklistItem,
  FindingInput,
  InspectionCreateInput,
  InspectionUpdateInput,
} from '../../../shared/inspections.schemas.ts';
import { EvidenceLimits } from '../../../shared/limits.ts';
import { MineStatus } from '../../../shared/registry.enums.ts';
import { recordAudit } from './inspections.audit.ts';
import type { inspectionsAuditEvents } from './inspections.audit.ts';
import { subtreePrefix, type Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { organisations, users } from '../access/access.table.ts';
import { cleanFileName, sniffEvidenceType } from '../hazards/evidence.service.ts';
import { reportHazard } from '../hazards/hazard.service.ts';
import { hazardCriteria, hazards } from '../hazards/hazard.table.ts';
import { changeMineStatus, loadMineForInput, loadVisibleMine } from '../registry/mine.service.ts';
import { checkVersion } from '../registry/registry.guards.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf, mineInRegion, mineScopeCondition } from '../registry/registry.scope.ts';
import { loadVisibleInspection, teamOf } from './inspection.access.ts';
import {
  enforcementDocuments,
  inspectionFindings,
  inspectionOrders,
  inspectionPhotos,
  inspectionPlanVisits,
  inspections,
  penalties,
} from './inspection.table.ts';
import { InspectionPermission } from './inspections.permissions.ts';
import { RegistryPermission } from '../registry/registry.permissions.ts';

const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
const photosPerInspectionMax = 30;

/** Active inspectors and regulator administrators of the units whose region covers a county. */
async function inspectorsCovering(db: Db, countyCode: string) {
  const rows = await db
    .select({
      userId: users.id,
      name: users.displayName,
      role: users.role,
      region: organisations.regionCode,
      unit: organisations.name,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(organisations.kind, 'regulator'),
        inArray(users.role, ['inspector', 'regulator_admin']),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.displayName));
  return rows
    .filter((r) => r.region && countyCode.startsWith(subtreePrefix(r.region)))
    .map(({ userId, name, role, unit }) => ({ userId, name, role, unit }));
}

/** Every team member must be one of the inspectors covering the mine. */
async function checkTeam(db: Db, teamUserIds: readonly string[], countyCode: string) {
  const eligible = new Set((await inspectorsCovering(db, countyCode)).map((u) => u.userId));
  teamUserIds.forEach((id, i) => {
    if (!eligible.has(id)) {
      throw invalidField(`teamUserIds.${i}`, '不是对此矿山有管辖权的监管执法人员', id);
    }
  });
}

async function checklistFrom(
  db: Db,
  criterionIds: readonly string[],
  mineKind: string,
  customItems: readonly string[],
): Promise<ChecklistItem[]> {
  const rows = criterionIds.length
    ? await db
        .select()
        .from(hazardCriteria)
        .where(inArray(hazardCriteria.id, [...criterionIds]))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items: ChecklistItem[] = criterionIds.map((id, i) => {
    const c = byId.get(id);
    if (!c) {
      throw invalidField(`checklistCriterionIds.${i}`, '判定标准条款不存在', id);
    }
    if (!c.applicableKinds.includes(mineKind)) {
      throw invalidField(`checklistCriterionIds.${i}`, `条款 ${c.code} 不适用于${mineKind}`, id);
    }
    return { criterionId: id, text: `${c.code} ${c.text}`, result: null, note: '' };
  });
  return [
    ...items,
    ...customItems.map((text) => ({ criterionId: null, text, result: null, note: '' })),
  ];
}

export async function createInspection(
  deps: ServiceDeps,
  principal: Principal,
  input: InspectionCreateInput,
) {
  requirePermission(principal, InspectionPermission.Write);
  return deps.db.transaction(async (tx) => {
    const mine = await loadMineForInput(tx, principal, input.mineId);
    await checkTeam(tx, input.teamUserIds, mine.mine.countyCode);
    const checklist = await checklistFrom(
      tx,
      input.checklistCriterionIds,
      mine.mine.kind,
      input.customItems,
    );
    if (input.planVisitId) {
      const [visit] = await tx
        .select()
        .from(inspectionPlanVisits)
        .where(eq(inspectionPlanVisits.id, input.planVisitId));
      if (!visit || visit.mineId !== input.mineId) {
        throw invalidField('planVisitId', '计划检查不存在或不是该矿山的', input.planVisitId);
      }
      if (visit.inspectionId) {
        throw invalidField('planVisitId', '该计划检查已有检查记录', input.planVisitId);
      }
    }
    const at = deps.clock();
    const [row] = await tx
      .insert(inspections)
      .values({
        mineId: input.mineId,
        organisationId: principal.organisationId,
        planVisitId: input.planVisitId ?? null,
        kind: input.kind,
        inspectedOn: input.inspectedOn,
        teamUserIds: input.teamUserIds,
        bodyCameraRef: input.bodyCameraRef ?? null,
        checklist,
        createdBy: principal.userId,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: inspections.id });
    const id = row?.id ?? '';
    if (input.planVisitId) {
      await tx
        .update(inspectionPlanVisits)
        .set({ inspectionId: id })
        .where(eq(inspectionPlanVisits.id, input.planVisitId));
    }
    const after = await presentInspection(tx, principal, id);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.inspection.created',
      entityId: id,
      after: {
        mineId: input.mineId,
        kind: input.kind,
        inspectedOn: input.inspectedOn,
        teamUserIds: input.teamUserIds,
      },
    });
    return after;
  });
}

export async function getInspection(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, InspectionPermission.Read);
  return presentInspection(deps.db, principal, id);
}

export async function presentInspection(db: Db, principal: Principal, id: string) {
  const { inspection: i, mine } = await loadVisibleInspection(db, principal, id);
  const findings = await db
    .select({
      id: inspectionFindings.id,
      kind: inspectionFindings.kind,
      criterionId: inspectionFindings.criterionId,
      criterionCode: hazardCriteria.code,
      hazardId: inspectionFindings.hazardId,
      hazardState: hazards.state,
      description: inspectionFindings.description,
      location: inspectionFindings.location,
      deadline: inspectionFindings.deadline,
    })
    .from(inspectionFindings)
    .leftJoin(hazardCriteria, eq(hazardCriteria.id, inspectionFindings.criterionId))
    .leftJoin(hazards, eq(hazards.id, inspectionFindings.hazardId))
    .where(eq(inspectionFindings.inspectionId, id))
    .orderBy(asc(inspectionFindings.createdAt), asc(inspectionFindings.id));
  const photos = await db
    .select({
      id: inspectionPhotos.id,
      fileName: inspectionPhotos.fileName,
      contentType: inspectionPhotos.contentType,
      sizeBytes: inspectionPhotos.sizeBytes,
    })
    .from(inspectionPhotos)
    .where(eq(inspectionPhotos.inspectionId, id))
    .orderBy(asc(inspectionPhotos.uploadedAt));
  const orders = await db
    .select({
      id: inspectionOrders.id,
      kind: inspectionOrders.kind,
      orderedOn: inspectionOrders.orderedOn,
      reason: inspectionOrders.reason,
      acceptedOn: inspectionOrders.acceptedOn,
      acceptancePassed: inspectionOrders.acceptancePassed,
      acceptanceNote: inspectionOrders.acceptanceNote,
    })
    .from(inspectionOrders)
    .where(eq(inspectionOrders.inspectionId, id))
    .orderBy(asc(inspectionOrders.createdAt));
  const pens = await db
    .select({
      id: penalties.id,
      target: penalties.target,
      partyName: penalties.partyName,
      amountYuan: penalties.amountYuan,
      status: penalties.status,
      decidedOn: penalties.decidedOn,
    })
    .from(penalties)
    .where(eq(penalties.inspectionId, id))
    .orderBy(asc(penalties.createdAt));
  const documents = await db
    .select({
      id: enforcementDocuments.id,
      template: enforcementDocuments.template,
      number: enforcementDocuments.number,
      state: enforcementDocuments.state,
      headSeq: enforcementDocuments.headSeq,
    })
    .from(enforcementDocuments)
    .where(eq(enforcementDocuments.inspectionId, id))
    .orderBy(asc(enforcementDocuments.createdAt));
  return {
    id: i.id,
    mineId: i.mineId,
    mineName: mine.name,
    mineKind: mine.kind,
    mineStatus: mine.status,
    enterpriseName: mine.enterpriseName,
    countyCode: mine.countyCode,
    kind: i.kind,
    inspectedOn: i.inspectedOn,
    planVisitId: i.planVisitId,
    team: await teamOf(db, i.teamUserIds),
    bodyCameraRef: i.bodyCameraRef,
    checklist: i.checklist as ChecklistItem[],
    summary: i.summary,
    recheckOn: i.recheckOn,
    recheckedOn: i.recheckedOn,
    recheckResult: i.recheckResult,
    typical: i.typical,
    typicalNote: i.typicalNote,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    findings,
    photos,
    orders,
    penalties: pens,
    documents,
  };
}
export type InspectionView = Awaited<ReturnType<typeof presentInspection>>;

/** Runs a change to one inspection in a transaction, with its audit event and version bump. */
async function changeInspection(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  type: keyof typeof inspectionsAuditEvents,
  version: number | undefined,
  change: (
    tx: Db,
    current: Awaited<ReturnType<typeof loadVisibleInspection>>,
    at: Date,
  ) => Promise<unknown>,
) {
  requirePermission(principal, InspectionPermission.Write);
  return deps.db.transaction(async (tx) => {
    const current = await loadVisibleInspection(tx, principal, id);
    checkVersion('inspection', current.inspection.version, version);
    const at = deps.clock();
    const detail = await change(tx, current, at);
    await tx
      .update(inspections)
      .set({ updatedAt: at, version: sql`${inspections.version} + 1` })
      .where(eq(inspections.id, id));
    const after = await presentInspection(tx, principal, id);
    await recordAudit(tx, actorOf(principal), at, { type, entityId: id, after: detail ?? null });
    return after;
  });
}

export function updateInspection(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: InspectionUpdateInput,
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.updated',
    input.version,
    async (tx, current) => {
      if (input.recheckOn && input.recheckOn < current.inspection.inspectedOn) {
        throw invalidField('recheckOn', '复查日期不能早于检查日期', input.recheckOn);
      }
      const set = {
        ...(input.checklist !== undefined && { checklist: input.checklist }),
        ...(input.summary !== undefined && { summary: input.summary }),
        ...(input.bodyCameraRef !== undefined && { bodyCameraRef: input.bodyCameraRef }),
        ...(input.recheckOn !== undefined && { recheckOn: input.recheckOn }),
      };
      await tx.update(inspections).set(set).where(eq(inspections.id, id));
      return { ...set, checklist: input.checklist ? `${input.checklist.length} 项` : undefined };
    },
  );
}

/** A finding; a major hazard is reported into the hazards ledger (source 监管执法检查) in the same transaction. */
export function addFinding(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: FindingInput,
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.finding_added',
    undefined,
    async (tx, current) => {
      const i = current.inspection;
      if (input.deadline && input.deadline < i.inspectedOn) {
        throw invalidField('deadline', '整改期限不能早于检查日期', input.deadline);
      }
      let hazardId: string | null = null;
      if (input.kind === FindingKind.MajorHazard) {
        const team = await teamOf(tx, i.teamUserIds);
        const hazard = await reportHazard({ ...deps, db: tx }, principal, {
          mineId: i.mineId,
          criterionId: input.criterionId ?? '',
          description: input.description,
          location: input.location,
          source: '监管执法检查',
          foundBy: `执法检查组: ${team.map((m) => m.name).join('、')}`.slice(0, 200),
          foundOn: i.inspectedOn,
        });
        hazardId = hazard.id;
      }
      const at = deps.clock();
      const [row] = await tx
        .insert(inspectionFindings)
        .values({
          inspectionId: id,
          kind: input.kind,
          criterionId: input.kind === FindingKind.MajorHazard ? (input.criterionId ?? null) : null,
          hazardId,
          description: input.description,
          location: input.location,
          deadline: input.deadline ?? null,
          createdAt: at,
        })
        .returning({ id: inspectionFindings.id });
      return { findingId: row?.id, kind: input.kind, hazardId, description: input.description };
    },
  );
}

export function addPhoto(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  file: { fileName: string; data: Buffer },
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.photo_added',
    undefined,
    async (tx, _c, at) => {
      if (file.data.length > EvidenceLimits.bytesMax) {
        throw new AppError(AppErrorCode.PayloadTooLarge, '照片过大', [
          { path: 'file', message: `不能超过 ${EvidenceLimits.bytesMax / 1024 / 1024} MB` },
        ]);
      }
      const type = sniffEvidenceType(file.data);
      if (!type || !(photoTypes as readonly string[]).includes(type)) {
        throw new AppError(AppErrorCode.UnsupportedMediaType, '现场照片只接受 JPEG、PNG 或 WebP', [
          { path: 'file', message: '文件内容不是 JPEG、PNG 或 WebP 图片', value: file.fileName },
        ]);
      }
      const [held] = await tx
        .select({ n: count() })
        .from(inspectionPhotos)
        .where(eq(inspectionPhotos.inspectionId, id));
      if ((held?.n ?? 0) >= photosPerInspectionMax) {
        throw new AppError(AppErrorCode.Conflict, `每次检查最多 ${photosPerInspectionMax} 张照片`);
      }
      const sha256 = createHash('sha256').update(file.data).digest('hex');
      const [dup] = await tx
        .select({ id: inspectionPhotos.id })
        .from(inspectionPhotos)
        .where(and(eq(inspectionPhotos.inspectionId, id), eq(inspectionPhotos.sha256, sha256)));
      if (dup) {
        throw new AppError(AppErrorCode.Conflict, '同一照片已上传', [
          { path: 'file', message: sha256 },
        ]);
      }
      const fileName = cleanFileName(file.fileName);
      await tx.insert(inspectionPhotos).values({
        inspectionId: id,
        fileName,
        contentType: type,
        sizeBytes: file.data.length,
        sha256,
        content: file.data,
        uploadedBy: principal.userId,
        uploadedAt: at,
      });
      return { fileName, sha256, sizeBytes: file.data.length };
    },
  );
}

export async function getPhoto(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  photoId: string,
) {
  requirePermission(principal, InspectionPermission.Read);
  await loadVisibleInspection(deps.db, principal, id);
  const [row] = await deps.db
    .select()
    .from(inspectionPhotos)
    .where(and(eq(inspectionPhotos.id, photoId), eq(inspectionPhotos.inspectionId, id)));
  if (!row) {
    throw notFound('photo', photoId);
  }
  return row;
}

/** 责令停产整顿 on site: the registry changes the mine's status, with its history, in this transaction. */
export function suspendMine(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: { effectiveDate: string; reason: string },
) {
  requirePermission(principal, RegistryPermission.MineStatusChange);
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.mine_suspended',
    undefined,
    async (tx, current, at) => {
      if (input.effectiveDate < current.inspection.inspectedOn) {
        throw invalidField('effectiveDate', '生效日期不能早于检查日期', input.effectiveDate);
      }
      await changeMineStatus({ ...deps, db: tx }, principal, current.inspection.mineId, {
        status: MineStatus.SuspendedForRectification,
        effectiveDate: input.effectiveDate,
        reason: `执法检查责令停产整顿: ${input.reason}`,
      });
      await tx.insert(inspectionOrders).values({
        inspectionId: id,
        mineId: current.inspection.mineId,
        kind: '责令停产整顿',
        orderedOn: input.effectiveDate,
        reason: input.reason,
        createdAt: at,
      });
      return input;
    },
  );
}

/** 复工复产验收 of a suspension order: passing it returns the mine to 生产 through the registry. */
export async function decideResumption(
  deps: ServiceDeps,
  principal: Principal,
  orderId: string,
  input: { acceptedOn: string; passed: boolean; note: string },
) {
  requirePermission(principal, RegistryPermission.MineStatusChange);
  const [found] = await deps.db
    .select({ order: inspectionOrders })
    .from(inspectionOrders)
    .innerJoin(mines, eq(mines.id, inspectionOrders.mineId))
    .where(allOf(eq(inspectionOrders.id, orderId), mineScopeCondition(principal.scope)));
  const order = found?.order;
  if (!order) {
    throw notFound('inspection_order', orderId);
  }
  return changeInspection(
    deps,
    principal,
    order.inspectionId,
    'inspections.inspection.resumption_decided',
    undefined,
    async (tx, current) => {
      if (order.acceptancePassed) {
        throw new AppError(AppErrorCode.Conflict, '该停产整顿指令已验收通过');
      }
      if (input.acceptedOn < order.orderedOn) {
        throw invalidField('acceptedOn', '验收日期不能早于停产整顿日期', input.acceptedOn);
      }
      if (input.passed) {
        if (current.mine.status !== MineStatus.SuspendedForRectification) {
          throw new AppError(
            AppErrorCode.Conflict,
            `矿山当前为 ${current.mine.status}，不在停产整顿中`,
          );
        }
        await changeMineStatus(
          { ...deps, db: tx },
          principal,
          order.mineId,
          {
            status: MineStatus.Producing,
            effectiveDate: input.acceptedOn,
            reason: `复工复产验收通过: ${input.note}`,
          },
          { accepted: true },
        );
      }
      await tx
        .update(inspectionOrders)
        .set({
          acceptedOn: input.acceptedOn,
          acceptancePassed: input.passed,
          acceptanceNote: input.note,
          acceptedBy: principal.userId,
        })
        .where(eq(inspectionOrders.id, orderId));
      return { orderId, ...input };
    },
  );
}

export function recordRecheck(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: { recheckedOn: string; result: string; version?: number | undefined },
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.rechecked',
    input.version,
    async (tx, current) => {
      if (input.recheckedOn < current.inspection.inspectedOn) {
        throw invalidField('recheckedOn', '复查日期不能早于检查日期', input.recheckedOn);
      }
      await tx
        .update(inspections)
        .set({ recheckedOn: input.recheckedOn, recheckResult: input.result })
        .where(eq(inspections.id, id));
      return input;
    },
  );
}

export function markTypical(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: { typical: boolean; note: string; version?: number | undefined },
) {
  return changeInspection(
    deps,
    principal,
    id,
    'inspections.inspection.typical_marked',
    input.version,
    async (tx) => {
      await tx
        .update(inspections)
        .set({ typical: input.typical, typicalNote: input.typical ? input.note : null })
        .where(eq(inspections.id, id));
      return input;
    },
  );
}

export interface InspectionListQuery {
  region?: string | undefined;
  mineId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  kind?: InspectionKind | undefined;
  typical?: boolean | undefined;
}

/** Inspections of the caller's mines, newest first (at most 500; narrow by dates or region). */
export async function listInspections(
  deps: ServiceDeps,
  principal: Principal,
  q: InspectionListQuery,
) {
  requirePermission(principal, InspectionPermission.Read);
  const rows = await deps.db
    .select({
      id: inspections.id,
      mineId: inspections.mineId,
      mineName: mines.name,
      countyCode: mines.countyCode,
      kind: inspections.kind,
      inspectedOn: inspections.inspectedOn,
      teamUserIds: inspections.teamUserIds,
      recheckOn: inspections.recheckOn,
      recheckedOn: inspections.recheckedOn,
      typical: inspections.typical,
      typicalNote: inspections.typicalNote,
      findings: sql<number>`(SELECT count(*) FROM inspection_findings f WHERE f.inspection_id = ${inspections.id})::int`,
      penalties: sql<number>`(SELECT count(*) FROM penalties p WHERE p.inspection_id = ${inspections.id} AND p.status <> '已撤销')::int`,
    })
    .from(inspections)
    .innerJoin(mines, eq(mines.id, inspections.mineId))
    .where(
      allOf(
        mineScopeCondition(principal.scope),
        mineInRegion(q.region),
        q.mineId ? eq(inspections.mineId, q.mineId) : undefined,
        q.from ? gte(inspections.inspectedOn, q.from) : undefined,
        q.to ? lte(inspections.inspectedOn, q.to) : undefined,
        q.kind ? eq(inspections.kind, q.kind) : undefined,
        q.typical !== undefined ? eq(inspections.typical, q.typical) : undefined,
      ),
    )
    .orderBy(desc(inspections.inspectedOn), desc(inspections.createdAt))
    .limit(501);
  const names = new Map(
    (await teamOf(deps.db, [...new Set(rows.flatMap((r) => r.teamUserIds))])).map((m) => [
      m.userId,
      m.name,
    ]),
  );
  return {
    truncated: rows.length > 500,
    items: rows.slice(0, 500).map(({ teamUserIds, ...r }) => ({
      ...r,
      team: teamUserIds.map((u) => names.get(u) ?? u),
    })),
  };
}

/** Regulator users whose unit covers a mine: the people a team may be formed from. */
export async function eligibleInspectors(deps: ServiceDeps, principal: Principal, mineId: string) {
  requirePermission(principal, InspectionPermission.Read);
  const mine = await loadVisibleMine(deps.db, principal, mineId);
  return inspectorsCovering(deps.db, mine.mine.countyCode);
}
