/**
 * @module Enforcement documents (issue 7 §4; 《2024年矿山安全生产工作要点》第43条 留痕 and 智能提醒; 第45条 谁检查、
 * 谁签名、谁负责):
 * opened from a template with text drawn from the inspection, numbered per unit, template and year;
 * every edit is a new hash-chained revision; each member of the inspection team signs the head
 * revision; once anyone has signed, the text is frozen (the database refuses to alter revisions and
 * signatures at all), and when the whole team has signed the document is 已签发.
 */
import type {
  DocumentCreateInput,
  DocumentResponse,
  DocumentReviseInput,
} from '../../../../shared/inspection-documents.schemas.ts';
import {
  DocumentState,
  DocumentTemplate,
  PenaltyStatus,
  type HazardDocumentTemplate,
} from '../../../../shared/inspections.enums.ts';
import { GENESIS_HASH } from '../../../platform/audit/audit.service.ts';
import type { Principal } from '../../../platform/auth/scope.ts';
import { todayIn } from '../../../../shared/dates.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../../platform/errors.ts';
import { mineScopeCondition, visibleByMine } from '../../registry/registry.scope.ts';
import { recordAudit } from '../inspections.audit.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { findPenaltyOfInspection } from '../penalties/penalty.repository.ts';
import { teamOf } from '../records/inspection.access.ts';
import { inspectionView } from '../records/inspection.service.ts';
import { revisionHash, signatureHash } from './document.chain.ts';
import { headFields, presentDocument } from './document.presenter.ts';
import { remindersOf } from './document.reminders.ts';
import * as repo from './document.repository.ts';
import { enforcementDocuments } from './document.table.ts';
import {
  diffFields,
  hazardActPrefill,
  missingFields,
  templates,
  type HazardActFacts,
} from './document.templates.ts';

/**
 * A document the caller may see, with its unit's name and the inspection team, or 404; `lock` holds
 * its row until the transaction ends (revisions and signatures of one document queue behind each
 * other).
 */
function loadVisibleDocument(db: Db, principal: Principal, id: string, lock = false) {
  return visibleByMine(db, principal, enforcementDocuments, id, {
    entity: 'document',
    select: repo.selectDocumentWithTeam(db),
    lock,
  });
}

/** Appends revision `seq`, chained to `prevHash`; answers its hash. */
async function appendRevision(
  tx: Db,
  doc: { id: string; number: string; template: string },
  seq: number,
  prevHash: string,
  fields: Record<string, string>,
  principal: Principal,
  at: Date,
) {
  const createdAt = new Date(Math.floor(at.getTime()));
  const hash = revisionHash(prevHash, {
    documentId: doc.id,
    seq,
    number: doc.number,
    template: doc.template,
    fields,
    authorId: principal.userId,
    createdAt,
  });
  await repo.insertRevision(tx, {
    documentId: doc.id,
    seq,
    fields,
    authorId: principal.userId,
    authorLabel: principal.displayName,
    createdAt,
    prevHash,
    hash,
  });
  return hash;
}

/** Opens a document from a template on a visible inspection, numbered under a lock on the unit. */
export async function createDocument(
  deps: ServiceDeps,
  principal: Principal,
  input: DocumentCreateInput,
) {
  requirePermission(principal, InspectionPermission.Write);
  const id = await deps.db.transaction(async (tx) => {
    const inspection = await inspectionView(tx, principal, input.inspectionId, 'inspectionId');
    let penalty = null;
    if (input.template === DocumentTemplate.PenaltyDecision) {
      if (!input.penaltyId) {
        throw invalidField('penaltyId', '行政处罚决定书须对应一项处罚');
      }
      const p = await findPenaltyOfInspection(tx, input.penaltyId, input.inspectionId);
      if (!p || p.status === PenaltyStatus.Revoked) {
        throw invalidField('penaltyId', '该检查没有这项有效的处罚', input.penaltyId);
      }
      penalty = p;
    }
    const rectifyOrderNumber = await repo.firstNumberOf(
      tx,
      input.inspectionId,
      DocumentTemplate.RectifyOrder,
    );
    // Numbers are drawn under a lock on the unit, so two clerks never get the same one.
    const unit = await repo.lockUnit(tx, principal.organisationId);
    const year = Number(inspection.inspectedOn.slice(0, 4));
    const serial = (await repo.lastSerial(tx, principal.organisationId, input.template, year)) + 1;
    const template = templates[input.template];
    const number = `${unit?.name ?? principal.organisationName}（${template.abbr}）〔${year}〕${serial}号`;
    const at = deps.clock();
    const docId = await repo.insertDocument(tx, {
      organisationId: principal.organisationId,
      inspectionId: input.inspectionId,
      hazardId: null,
      issuerId: null,
      penaltyId: penalty?.id ?? null,
      mineId: inspection.mineId,
      template: input.template,
      year,
      serial,
      number,
      headSeq: 1,
      state: DocumentState.Draft,
      createdAt: at,
    });
    const fields = template.prefill?.(inspection, penalty, { rectifyOrderNumber }) ?? {};
    await appendRevision(
      tx,
      { id: docId, number, template: input.template },
      1,
      GENESIS_HASH,
      fields,
      principal,
      at,
    );
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.document.created',
      entityId: docId,
      after: { number, template: input.template, inspectionId: input.inspectionId },
    });
    return docId;
  });
  return getDocument(deps, principal, id);
}

/**
 * Makes the 函告 or 通报 of a hazard's reached ladder step (《2024年矿山安全生产工作要点》第20条), inside the
 * caller's transaction: numbered like every document of the unit (unit（函|通）〔year〕N号), its first
 * revision chained from the genesis hash, signed later by the regulator who made it. The caller has
 * checked the hazard's jurisdiction and that the step was reached; answers the document's id and number.
 */
export async function createHazardDocument(
  tx: Db,
  principal: Principal,
  at: Date,
  input: {
    hazardId: string;
    mineId: string;
    template: HazardDocumentTemplate;
    facts: HazardActFacts;
  },
) {
  requirePermission(principal, InspectionPermission.Write);
  const unit = await repo.lockUnit(tx, principal.organisationId);
  const year = Number(input.facts.today.slice(0, 4));
  const serial = (await repo.lastSerial(tx, principal.organisationId, input.template, year)) + 1;
  const number = `${unit?.name ?? principal.organisationName}（${templates[input.template].abbr}）〔${year}〕${serial}号`;
  const docId = await repo.insertDocument(tx, {
    organisationId: principal.organisationId,
    inspectionId: null,
    hazardId: input.hazardId,
    issuerId: principal.userId,
    penaltyId: null,
    mineId: input.mineId,
    template: input.template,
    year,
    serial,
    number,
    headSeq: 1,
    state: DocumentState.Draft,
    createdAt: at,
  });
  await appendRevision(
    tx,
    { id: docId, number, template: input.template },
    1,
    GENESIS_HASH,
    hazardActPrefill(input.template, input.facts),
    principal,
    at,
  );
  await recordAudit(tx, actorOf(principal), at, {
    type: 'inspections.document.created',
    entityId: docId,
    after: { number, template: input.template, hazardId: input.hazardId },
  });
  return { id: docId, number };
}

/** A new revision with the given fields; refused once anyone has signed, or when based on an old head. */
export async function reviseDocument(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: DocumentReviseInput,
) {
  requirePermission(principal, InspectionPermission.Write);
  await deps.db.transaction(async (tx) => {
    const { doc } = await loadVisibleDocument(tx, principal, id, true);
    if ((await repo.signaturesOf(tx, id)).length > 0) {
      throw new AppError(AppErrorCode.Conflict, '文书已有执法人员签名，不能再修改', [
        { path: 'fields', message: '已签名的修订不可更改' },
      ]);
    }
    if (input.baseSeq !== doc.headSeq) {
      throw new AppError(
        AppErrorCode.Conflict,
        `文书已被他人修改 (最新修订 ${doc.headSeq})，请刷新后再编辑`,
        [{ path: 'baseSeq', message: `最新修订为 ${doc.headSeq}`, value: input.baseSeq }],
      );
    }
    const known = new Set(templates[doc.template].fields.map((x) => x.key));
    for (const key of Object.keys(input.fields)) {
      if (!known.has(key)) {
        throw invalidField(`fields.${key}`, `${doc.template} 没有此栏目`, key);
      }
    }
    const revs = await repo.revisionsOf(tx, id);
    const head = revs[revs.length - 1];
    const before = headFields(revs);
    const fields = { ...before, ...input.fields };
    if (Object.keys(fields).every((k) => fields[k] === before[k])) {
      throw invalidField('fields', '没有修改任何栏目');
    }
    const at = deps.clock();
    const seq = doc.headSeq + 1;
    await appendRevision(tx, doc, seq, head?.hash ?? GENESIS_HASH, fields, principal, at);
    await repo.updateDocumentRow(tx, id, { headSeq: seq });
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.document.revised',
      entityId: id,
      before: { seq: doc.headSeq },
      after: { seq, changed: diffFields(doc.template, before, fields).map((c) => c.key) },
    });
  });
  return getDocument(deps, principal, id);
}

/** 谁检查、谁签名: a team member signs the head revision, once its required fields are filled. */
export async function signDocument(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: { seq: number },
) {
  requirePermission(principal, InspectionPermission.Write);
  await deps.db.transaction(async (tx) => {
    const { doc, teamUserIds } = await loadVisibleDocument(tx, principal, id, true);
    if (!teamUserIds.includes(principal.userId)) {
      throw new AppError(
        AppErrorCode.Forbidden,
        doc.inspectionId
          ? '只有该次检查的执法人员才能签名 (谁检查、谁签名、谁负责)'
          : '只有制作该文书的监管人员才能签名 (谁签名、谁负责)',
      );
    }
    if (input.seq !== doc.headSeq) {
      throw new AppError(AppErrorCode.Conflict, `只能签署最新修订 ${doc.headSeq}`, [
        { path: 'seq', message: `最新修订为 ${doc.headSeq}`, value: input.seq },
      ]);
    }
    const sigs = await repo.signaturesOf(tx, id);
    if (sigs.some((s) => s.userId === principal.userId)) {
      throw new AppError(AppErrorCode.Conflict, '您已签署过此文书');
    }
    const revs = await repo.revisionsOf(tx, id);
    const head = revs[revs.length - 1];
    const missing = missingFields(doc.template, headFields(revs));
    if (missing.length) {
      throw new AppError(
        AppErrorCode.Conflict,
        `签名前须填写: ${missing.map((m) => m.label).join('、')}`,
        missing.map((m) => ({ path: `fields.${m.key}`, message: `${m.label} 未填写` })),
      );
    }
    const signedAt = new Date(Math.floor(deps.clock().getTime()));
    await repo.insertSignature(tx, {
      documentId: id,
      userId: principal.userId,
      seq: doc.headSeq,
      signerLabel: principal.displayName,
      signedAt,
      hash: signatureHash(head?.hash ?? '', {
        documentId: id,
        seq: doc.headSeq,
        userId: principal.userId,
        signedAt,
      }),
    });
    const signed = new Set([...sigs.map((s) => s.userId), principal.userId]);
    const complete = teamUserIds.every((u) => signed.has(u));
    if (complete) {
      await repo.updateDocumentRow(tx, id, { state: DocumentState.Issued });
    }
    await recordAudit(tx, actorOf(principal), signedAt, {
      type: 'inspections.document.signed',
      entityId: id,
      after: { seq: doc.headSeq, revisionHash: head?.hash, issued: complete },
    });
  });
  return getDocument(deps, principal, id);
}

/** The fields that differ between two revisions of a visible document. */
export async function documentDiff(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  q: { from: number; to: number },
) {
  requirePermission(principal, InspectionPermission.Read);
  const { doc } = await loadVisibleDocument(deps.db, principal, id);
  const revs = await repo.revisionsOf(deps.db, id);
  const pick = (seq: number, field: string) => {
    const r = revs.find((x) => x.seq === seq);
    if (!r) {
      throw invalidField(field, `修订 ${seq} 不存在`, seq);
    }
    return r.fields;
  };
  return {
    from: q.from,
    to: q.to,
    changes: diffFields(doc.template, pick(q.from, 'from'), pick(q.to, 'to')),
  };
}

/** A visible document with its history, signatures and reminders. */
export async function getDocument(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<DocumentResponse> {
  requirePermission(principal, InspectionPermission.Read);
  return documentView(deps, principal, id);
}

/**
 * The enterprise's copy of a document issued to one of its mines: only once every inspector has
 * signed (a draft, like the schedule, stays on the regulators' side).
 */
export async function getReceivedDocument(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, InspectionPermission.EnforcementReceive);
  const view = await documentView(deps, principal, id);
  if (view.state !== DocumentState.Issued) {
    throw notFound('document', id);
  }
  return view;
}

/** How many draft documents wait for the caller's own signature (the home). */
export async function documentsAwaitingMySignature(deps: ServiceDeps, principal: Principal) {
  requirePermission(principal, InspectionPermission.Read);
  return repo.countAwaitingSignatureOf(
    deps.db,
    principal.userId,
    mineScopeCondition(principal.scope),
  );
}

/** Documents issued to the caller's mines, newest first. */
export async function listReceivedDocuments(deps: ServiceDeps, principal: Principal) {
  requirePermission(principal, InspectionPermission.EnforcementReceive);
  return repo.listIssued(deps.db, mineScopeCondition(principal.scope));
}

async function documentView(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<DocumentResponse> {
  const { doc, teamUserIds, unitName } = await loadVisibleDocument(deps.db, principal, id);
  const revs = await repo.revisionsOf(deps.db, id);
  const sigs = await repo.signaturesOf(deps.db, id);
  const team = await teamOf(deps.db, teamUserIds);
  const signed = new Set(sigs.map((s) => s.userId));
  const reminders = remindersOf(
    todayIn(deps.clock),
    doc.template,
    headFields(revs),
    team.filter((t) => !signed.has(t.userId)),
    doc.inspectionId ? await repo.deadlinesOf(deps.db, doc.inspectionId) : [],
  );
  return presentDocument(doc, unitName, revs, sigs, team, reminders);
}
