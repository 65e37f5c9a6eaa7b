/**
 * @module Enforcement documents (issue 7 §4; 《2024年矿山安全生产工作要点》第43条 留痕 and 智能提醒; 第45条 谁检查、
 * 谁签名、谁负责):
 * opened from a template with text drawn from the inspection, numbered per unit, template and year;
 * every edit is a new hash-chained revision; each member of the inspection team signs the head
 * revision; once anyone has signed, the text is frozen (the database refuses to alter revisions and
 * signatures at all), and when the whole team has signed the document is 已签发.
 */
import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import {
  DocumentState,
  DocumentTemplate,
  PenaltyStatus,
} from '../../../shared/inspections.enums.ts';
import { GENESIS_HASH } from '../../platform/audit/audit.service.ts';
import { recordAudit } from './inspections.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, todayIn, type ServiceDeps } from '../../platform/context.ts';
import { addDays } from '../../platform/escalation/escalation.service.ts';
import { queryRows, type Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { organisations } from '../access/access.table.ts';
import { mines } from '../registry/mine.table.ts';
import { allOf, mineScopeCondition } from '../registry/registry.scope.ts';
import { revisionHash, signatureHash } from './document.chain.ts';
import { missingFields, templates } from './document.templates.ts';
import { teamOf } from './inspection.access.ts';
import { presentInspection } from './inspection.service.ts';
import {
  enforcementDocumentRevisions,
  enforcementDocumentSignatures,
  enforcementDocuments,
  inspections,
  penalties,
} from './inspection.table.ts';
import { InspectionPermission } from './inspections.permissions.ts';

/** Days ahead in which a deadline is reminded of (智能提醒). */
const reminderHorizonDays = 7;

async function loadVisibleDocument(db: Db, principal: Principal, id: string) {
  const [row] = await db
    .select({
      doc: enforcementDocuments,
      teamUserIds: inspections.teamUserIds,
      unitName: organisations.name,
    })
    .from(enforcementDocuments)
    .innerJoin(organisations, eq(organisations.id, enforcementDocuments.organisationId))
    .innerJoin(mines, eq(mines.id, enforcementDocuments.mineId))
    .innerJoin(inspections, eq(inspections.id, enforcementDocuments.inspectionId))
    .where(allOf(eq(enforcementDocuments.id, id), mineScopeCondition(principal.scope)));
  if (!row) {
    throw notFound('document', id);
  }
  return row;
}

async function revisionsOf(db: Db, id: string) {
  return db
    .select()
    .from(enforcementDocumentRevisions)
    .where(eq(enforcementDocumentRevisions.documentId, id))
    .orderBy(asc(enforcementDocumentRevisions.seq));
}

async function signaturesOf(db: Db, id: string) {
  return db
    .select()
    .from(enforcementDocumentSignatures)
    .where(eq(enforcementDocumentSignatures.documentId, id))
    .orderBy(asc(enforcementDocumentSignatures.signedAt));
}

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
  await tx.insert(enforcementDocumentRevisions).values({
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

export async function createDocument(
  deps: ServiceDeps,
  principal: Principal,
  input: { inspectionId: string; template: DocumentTemplate; penaltyId?: string | undefined },
) {
  requirePermission(principal, InspectionPermission.Write);
  const id = await deps.db.transaction(async (tx) => {
    const inspection = await presentInspection(tx, principal, input.inspectionId).catch(() => {
      throw invalidField('inspectionId', '检查记录不存在或不在管辖范围内', input.inspectionId);
    });
    let penalty = null;
    if (input.template === DocumentTemplate.PenaltyDecision) {
      if (!input.penaltyId) {
        throw invalidField('penaltyId', '行政处罚决定书须对应一项处罚');
      }
      const [p] = await tx
        .select()
        .from(penalties)
        .where(
          and(eq(penalties.id, input.penaltyId), eq(penalties.inspectionId, input.inspectionId)),
        );
      if (!p || p.status === PenaltyStatus.Revoked) {
        throw invalidField('penaltyId', '该检查没有这项有效的处罚', input.penaltyId);
      }
      penalty = p;
    }
    const [rectify] = await tx
      .select({ number: enforcementDocuments.number })
      .from(enforcementDocuments)
      .where(
        and(
          eq(enforcementDocuments.inspectionId, input.inspectionId),
          eq(enforcementDocuments.template, DocumentTemplate.RectifyOrder),
        ),
      )
      .orderBy(asc(enforcementDocuments.createdAt))
      .limit(1);
    // Numbers are drawn under a lock on the unit, so two clerks never get the same one.
    const [unit] = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, principal.organisationId))
      .for('update');
    const year = Number(inspection.inspectedOn.slice(0, 4));
    const [last] = await tx
      .select({ serial: max(enforcementDocuments.serial) })
      .from(enforcementDocuments)
      .where(
        and(
          eq(enforcementDocuments.organisationId, principal.organisationId),
          eq(enforcementDocuments.template, input.template),
          eq(enforcementDocuments.year, year),
        ),
      );
    const serial = (last?.serial ?? 0) + 1;
    const template = templates[input.template];
    const number = `${unit?.name ?? principal.organisationName}（${template.abbr}）〔${year}〕${serial}号`;
    const at = deps.clock();
    const [row] = await tx
      .insert(enforcementDocuments)
      .values({
        organisationId: principal.organisationId,
        inspectionId: input.inspectionId,
        penaltyId: penalty?.id ?? null,
        mineId: inspection.mineId,
        template: input.template,
        year,
        serial,
        number,
        headSeq: 1,
        state: DocumentState.Draft,
        createdAt: at,
      })
      .returning({ id: enforcementDocuments.id });
    const docId = row?.id ?? '';
    const fields = template.prefill(inspection, penalty, { rectifyOrderNumber: rectify?.number });
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

/** A new revision with the given fields; refused once anyone has signed, or when based on an old head. */
export async function reviseDocument(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: { fields: Record<string, string>; baseSeq: number },
) {
  requirePermission(principal, InspectionPermission.Write);
  await deps.db.transaction(async (tx) => {
    const { doc } = await loadVisibleDocument(tx, principal, id);
    await tx
      .select({ id: enforcementDocuments.id })
      .from(enforcementDocuments)
      .where(eq(enforcementDocuments.id, id))
      .for('update');
    if ((await signaturesOf(tx, id)).length > 0) {
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
    const known = new Set(templates[doc.template as DocumentTemplate].fields.map((x) => x.key));
    for (const key of Object.keys(input.fields)) {
      if (!known.has(key)) {
        throw invalidField(`fields.${key}`, `${doc.template} 没有此栏目`, key);
      }
    }
    const revs = await revisionsOf(tx, id);
    const head = revs[revs.length - 1];
    const headFields = (head?.fields ?? {}) as Record<string, string>;
    const fields = { ...headFields, ...input.fields };
    if (Object.keys(fields).every((k) => fields[k] === headFields[k])) {
      throw invalidField('fields', '没有修改任何栏目');
    }
    const at = deps.clock();
    const seq = doc.headSeq + 1;
    await appendRevision(tx, doc, seq, head?.hash ?? GENESIS_HASH, fields, principal, at);
    await tx
      .update(enforcementDocuments)
      .set({ headSeq: seq })
      .where(eq(enforcementDocuments.id, id));
    await recordAudit(tx, actorOf(principal), at, {
      type: 'inspections.document.revised',
      entityId: id,
      before: { seq: doc.headSeq },
      after: {
        seq,
        changed: diffFields(doc.template as DocumentTemplate, headFields, fields).map((c) => c.key),
      },
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
    const { doc, teamUserIds } = await loadVisibleDocument(tx, principal, id);
    await tx
      .select({ id: enforcementDocuments.id })
      .from(enforcementDocuments)
      .where(eq(enforcementDocuments.id, id))
      .for('update');
    if (!teamUserIds.includes(principal.userId)) {
      throw new AppError(
        AppErrorCode.Forbidden,
        '只有该次检查的执法人员才能签名 (谁检查、谁签名、谁负责)',
      );
    }
    if (input.seq !== doc.headSeq) {
      throw new AppError(AppErrorCode.Conflict, `只能签署最新修订 ${doc.headSeq}`, [
        { path: 'seq', message: `最新修订为 ${doc.headSeq}`, value: input.seq },
      ]);
    }
    const sigs = await signaturesOf(tx, id);
    if (sigs.some((s) => s.userId === principal.userId)) {
      throw new AppError(AppErrorCode.Conflict, '您已签署过此文书');
    }
    const revs = await revisionsOf(tx, id);
    const head = revs[revs.length - 1];
    const fields = (head?.fields ?? {}) as Record<string, string>;
    const missing = missingFields(doc.template as DocumentTemplate, fields);
    if (missing.length) {
      throw new AppError(
        AppErrorCode.Conflict,
        `签名前须填写: ${missing.map((m) => m.label).join('、')}`,
        missing.map((m) => ({ path: `fields.${m.key}`, message: `${m.label} 未填写` })),
      );
    }
    const signedAt = new Date(Math.floor(deps.clock().getTime()));
    await tx.insert(enforcementDocumentSignatures).values({
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
      await tx
        .update(enforcementDocuments)
        .set({ state: DocumentState.Issued })
        .where(eq(enforcementDocuments.id, id));
    }
    await recordAudit(tx, actorOf(principal), signedAt, {
      type: 'inspections.document.signed',
      entityId: id,
      after: { seq: doc.headSeq, revisionHash: head?.hash, issued: complete },
    });
  });
  return getDocument(deps, principal, id);
}

/** Fields whose text differs between two revisions, in template order. */
export function diffFields(
  template: DocumentTemplate,
  before: Record<string, string>,
  after: Record<string, string>,
) {
  return templates[template].fields
    .filter((x) => (before[x.key] ?? '') !== (after[x.key] ?? ''))
    .map((x) => ({
      key: x.key,
      label: x.label,
      before: before[x.key] ?? '',
      after: after[x.key] ?? '',
    }));
}

export async function documentDiff(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  q: { from: number; to: number },
) {
  requirePermission(principal, InspectionPermission.Read);
  const { doc } = await loadVisibleDocument(deps.db, principal, id);
  const revs = await revisionsOf(deps.db, id);
  const pick = (seq: number, field: string) => {
    const r = revs.find((x) => x.seq === seq);
    if (!r) {
      throw invalidField(field, `修订 ${seq} 不存在`, seq);
    }
    return r.fields as Record<string, string>;
  };
  return {
    from: q.from,
    to: q.to,
    changes: diffFields(doc.template as DocumentTemplate, pick(q.from, 'from'), pick(q.to, 'to')),
  };
}

/** 智能提醒: required fields still empty, team members yet to sign, and deadlines coming or passed. */
async function remindersOf(
  db: Db,
  today: string,
  doc: typeof enforcementDocuments.$inferSelect,
  fields: Record<string, string>,
  team: { userId: string; name: string }[],
  signed: Set<string>,
) {
  const horizon = addDays(today, reminderHorizonDays);
  const out: {
    kind: 'missing' | 'unsigned' | 'deadline' | 'overdue';
    message: string;
    field?: string;
  }[] = [];
  for (const m of missingFields(doc.template as DocumentTemplate, fields)) {
    out.push({ kind: 'missing', field: m.key, message: `${m.label} 未填写` });
  }
  for (const t of team.filter((x) => !signed.has(x.userId))) {
    out.push({ kind: 'unsigned', message: `${t.name} 尚未签名` });
  }
  // Fines are due within 15 days of the decision (《行政处罚法》第六十七条), counted from the decision
  // date here since the date of service is not recorded.
  const dated = await queryRows<{ what: string; day: string; done: boolean }>(
    db,
    sql`
    SELECT '整改期限: ' || f.description AS what, f.deadline::text AS day, i.rechecked_on IS NOT NULL AS done
      FROM inspection_findings f JOIN inspections i ON i.id = f.inspection_id
     WHERE f.inspection_id = ${doc.inspectionId} AND f.deadline IS NOT NULL
    UNION ALL
    SELECT '复查日期', recheck_on::text, rechecked_on IS NOT NULL FROM inspections
     WHERE id = ${doc.inspectionId} AND recheck_on IS NOT NULL
    UNION ALL
    SELECT '罚款缴纳期限 (决定后十五日): ' || party_name, (decided_on + 15)::text, status <> '待缴纳' FROM penalties
     WHERE inspection_id = ${doc.inspectionId}`,
  );
  for (const d of dated) {
    if (d.done) {
      continue;
    }
    if (d.day < today) {
      out.push({ kind: 'overdue', message: `${d.what} 已于 ${d.day} 到期` });
    } else if (d.day <= horizon) {
      out.push({ kind: 'deadline', message: `${d.what} 将于 ${d.day} 到期` });
    }
  }
  return out;
}

export function getDocument(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, InspectionPermission.Read);
  return presentDocument(deps, principal, id);
}

/**
 * The enterprise's copy of a document issued to one of its mines: only once every inspector has
 * signed (a draft, like the plan, stays on the regulators' side).
 */
export async function getReceivedDocument(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, InspectionPermission.EnforcementReceive);
  const view = await presentDocument(deps, principal, id);
  if (view.state !== DocumentState.Issued) {
    throw notFound('document', id);
  }
  return view;
}

/** Documents issued to the caller's mines, newest first. */
export async function listReceivedDocuments(deps: ServiceDeps, principal: Principal) {
  requirePermission(principal, InspectionPermission.EnforcementReceive);
  return deps.db
    .select({
      id: enforcementDocuments.id,
      number: enforcementDocuments.number,
      template: enforcementDocuments.template,
      mineId: enforcementDocuments.mineId,
      mineName: mines.name,
      inspectedOn: inspections.inspectedOn,
      unitName: organisations.name,
    })
    .from(enforcementDocuments)
    .innerJoin(mines, eq(mines.id, enforcementDocuments.mineId))
    .innerJoin(inspections, eq(inspections.id, enforcementDocuments.inspectionId))
    .innerJoin(organisations, eq(organisations.id, enforcementDocuments.organisationId))
    .where(
      allOf(
        eq(enforcementDocuments.state, DocumentState.Issued),
        mineScopeCondition(principal.scope),
      ),
    )
    .orderBy(desc(inspections.inspectedOn), desc(enforcementDocuments.number))
    .limit(500);
}

async function presentDocument(deps: ServiceDeps, principal: Principal, id: string) {
  const { doc, teamUserIds, unitName } = await loadVisibleDocument(deps.db, principal, id);
  const revs = await revisionsOf(deps.db, id);
  const sigs = await signaturesOf(deps.db, id);
  const head = revs[revs.length - 1];
  const fields = (head?.fields ?? {}) as Record<string, string>;
  const team = await teamOf(deps.db, teamUserIds);
  const signed = new Set(sigs.map((s) => s.userId));
  return {
    id: doc.id,
    number: doc.number,
    unitName,
    template: doc.template as DocumentTemplate,
    state: doc.state,
    inspectionId: doc.inspectionId,
    penaltyId: doc.penaltyId,
    mineId: doc.mineId,
    headSeq: doc.headSeq,
    fields,
    templateFields: templates[doc.template as DocumentTemplate].fields,
    locked: sigs.length > 0,
    revisions: revs.map((r) => ({
      seq: r.seq,
      authorLabel: r.authorLabel,
      createdAt: r.createdAt.toISOString(),
      hash: r.hash,
      prevHash: r.prevHash,
    })),
    signatures: sigs.map((s) => ({
      userId: s.userId,
      signerLabel: s.signerLabel,
      seq: s.seq,
      signedAt: s.signedAt.toISOString(),
      hash: s.hash,
    })),
    team: team.map((t) => ({ ...t, signed: signed.has(t.userId) })),
    reminders: await remindersOf(deps.db, todayIn(deps.clock), doc, fields, team, signed),
  };
}
export type DocumentView = Awaited<ReturnType<typeof presentDocument>>;
