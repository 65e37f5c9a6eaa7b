/**
 * @module The tamper-evident trail of an enforcement document (issue 7 §4): each revision's hash covers
 * the one before it, and each signature's hash covers the revision it signs, so that an edited,
 * removed or inserted revision, or a signature moved to other text, is found by `verifyDocumentChains`
 * (run by `minewatch audit verify` next to the audit chain). The signatures are also held against the
 * document's state (已签发 means every team member signed the head revision) and against the signing
 * events in the keyed audit trail, so a signature deleted or inserted, or a revision chain recomputed
 * under a signature, is found too.
 */
import { DocumentState } from '../../../../shared/inspections.enums.ts';
import { canonicalJson, eventsOf, GENESIS_HASH } from '../../../platform/audit/audit.service.ts';
import { sha256Hex } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db/client.ts';
import { inspectionsAuditEvents } from '../inspections.audit.ts';
import {
  documentsAfter,
  revisionsOf,
  signaturesOf,
  type SignatureRow,
} from './document.repository.ts';

export interface RevisionHashed {
  documentId: string;
  seq: number;
  number: string;
  template: string;
  fields: Record<string, string>;
  authorId: string;
  createdAt: Date;
}

/** The hash of a revision: the previous revision's hash and this revision's content. */
export function revisionHash(prevHash: string, r: RevisionHashed): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        documentId: r.documentId,
        seq: r.seq,
        number: r.number,
        template: r.template,
        fields: r.fields,
        authorId: r.authorId,
        createdAt: r.createdAt.toISOString(),
      }),
  );
}

/** The hash of a signature: the signed revision's hash and who signed when. */
export function signatureHash(
  revision: string,
  s: { documentId: string; seq: number; userId: string; signedAt: Date },
): string {
  return sha256Hex(
    revision +
      canonicalJson({
        documentId: s.documentId,
        seq: s.seq,
        userId: s.userId,
        signedAt: s.signedAt.toISOString(),
      }),
  );
}

export interface DocumentChainProblem {
  documentId: string;
  number: string;
  seq: number;
  problem: string;
}

/** Re-computes every document's revision and signature hashes; returns what was checked and every break. */
export async function verifyDocumentChains(
  db: Db,
): Promise<{ documents: number; revisions: number; problems: DocumentChainProblem[] }> {
  const problems: DocumentChainProblem[] = [];
  let revisions = 0;
  let documents = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const docs = await documentsAfter(db, after, 200);
    if (docs.length === 0) {
      break;
    }
    for (const doc of docs) {
      documents++;
      const revs = await revisionsOf(db, doc.id);
      const hashBySeq = new Map<number, string>();
      let prev = GENESIS_HASH;
      const report = (seq: number, problem: string) =>
        problems.push({ documentId: doc.id, number: doc.number, seq, problem });
      revs.forEach((r, i) => {
        revisions++;
        if (r.seq !== i + 1) {
          report(r.seq, `修订号不连续 (应为 ${i + 1})`);
        }
        if (r.prevHash !== prev) {
          report(r.seq, 'prev_hash 与上一修订的哈希不符 (修订被删除或插入)');
        }
        const recomputed = revisionHash(r.prevHash, {
          documentId: doc.id,
          seq: r.seq,
          number: doc.number,
          template: doc.template,
          fields: r.fields,
          authorId: r.authorId,
          createdAt: r.createdAt,
        });
        if (recomputed !== r.hash) {
          report(r.seq, '修订内容与其哈希不符 (修订被篡改)');
        }
        hashBySeq.set(r.seq, r.hash);
        prev = r.hash;
      });
      if (revs.length !== doc.headSeq) {
        report(doc.headSeq, `文书记录的最新修订号 ${doc.headSeq} 与实际修订数 ${revs.length} 不符`);
      }
      const sigs = await signaturesOf(db, doc.id);
      for (const s of sigs) {
        const rev = hashBySeq.get(s.seq);
        if (!rev || signatureHash(rev, { ...s, documentId: doc.id }) !== s.hash) {
          report(s.seq, `${s.signerLabel} 的签名与所签修订不符`);
        }
      }
      await checkSignaturesAgainstAudit(db, doc, sigs, hashBySeq, report);
    }
    after = docs[docs.length - 1]?.id ?? after;
  }
  return { documents, revisions, problems };
}

/** What a signing recorded in the audit trail (document.service.ts signDocument). */
interface SignedEventAfter {
  seq?: number;
  revisionHash?: string;
  issued?: boolean;
}

/**
 * Holds a document's signatures against the signing events of the keyed audit trail (one per
 * signature, naming the revision hash signed) and against its state: 已签发 needs every member of the
 * inspection team on the head revision (谁检查、谁签名、谁负责), and the event that completed it.
 */
async function checkSignaturesAgainstAudit(
  db: Db,
  doc: { id: string; headSeq: number; state: DocumentState; teamUserIds: string[] },
  sigs: SignatureRow[],
  hashBySeq: Map<number, string>,
  report: (seq: number, problem: string) => void,
): Promise<void> {
  const type = 'inspections.document.signed';
  const events = await eventsOf(db, inspectionsAuditEvents[type], doc.id, type);
  const audited = new Map(events.map((e) => [e.actorId ?? '', e]));
  const bySigner = new Map(sigs.map((s) => [s.userId, s]));
  const nameOf = (userId: string) =>
    bySigner.get(userId)?.signerLabel ?? audited.get(userId)?.actorLabel ?? userId;
  for (const [userId, e] of audited) {
    const after = (e.after ?? {}) as SignedEventAfter;
    const s = bySigner.get(userId);
    if (!s) {
      report(
        after.seq ?? doc.headSeq,
        `缺少 ${e.actorLabel} 的签名: 审计事件 seq ${e.seq} 记录了此签名 (签名被删除)`,
      );
    } else if (s.seq !== after.seq || hashBySeq.get(s.seq) !== after.revisionHash) {
      report(s.seq, `${s.signerLabel} 的签名与审计记录的所签修订不符 (修订链被重新计算)`);
    }
  }
  for (const s of sigs) {
    if (!audited.has(s.userId)) {
      report(s.seq, `${s.signerLabel} 的签名没有审计记录 (签名被插入)`);
    }
  }
  const issuedAudited = events.some((e) => (e.after as SignedEventAfter | null)?.issued === true);
  if (doc.state === DocumentState.Issued) {
    const onHead = new Set(sigs.filter((s) => s.seq === doc.headSeq).map((s) => s.userId));
    const missing = doc.teamUserIds.filter((u) => !onHead.has(u));
    if (missing.length) {
      report(
        doc.headSeq,
        `文书为已签发, 但执法人员 ${doc.teamUserIds.length} 人中只有 ${doc.teamUserIds.length - missing.length} 人签署了最新修订; 缺少 ${missing.map(nameOf).join('、')} 的签名`,
      );
    }
    if (!issuedAudited) {
      report(doc.headSeq, '文书为已签发, 但审计记录中没有签发 (状态被改动)');
    }
  } else if (issuedAudited) {
    report(doc.headSeq, `审计记录文书已签发, 但文书状态为${doc.state} (状态被改动)`);
  }
}
