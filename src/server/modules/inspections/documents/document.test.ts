/**
 * Enforcement documents over HTTP, on both engines (issue 7 §4): numbered per unit, template and year;
 * edits are revisions with a diff; the team signs, after which the text is frozen; the enterprise gets
 * its copy once issued, as a PDF with the CJK font; and the hash chain finds a revision altered behind
 * the database's back, a signature deleted from an issued document, and a chain recomputed under its
 * signatures (issue 21 §4).
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useInspectionTeam } from '../../../../../test/helpers/inspection-team.ts';
import { engines } from '../../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../../test/helpers/world-app.ts';
import { queryRows } from '../../../platform/db/client.ts';
import type { DocumentResponse as Doc } from '../../../../shared/inspection-documents.schemas.ts';
import { revisionHash, signatureHash, verifyDocumentChains } from './document.chain.ts';

describe.each(engines)('enforcement documents (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ins: w.a.users.inspector,
    adm: w.a.users.regulator_admin,
    viewer: w.a.users.regulator_viewer,
    ent: w.a.users.enterprise_admin,
    other: w.a2.users.inspector,
    ent2: w.a2.users.enterprise_admin,
  }));
  const { team, newInspection } = useInspectionTeam(ctx, call);

  it('numbers documents per unit, template and year; edits are revisions with a diff; signed text is frozen', async () => {
    const ins = (await newInspection([team.inspectorId, team.adminId])).body;
    const made = await call<Doc>('ins', 'POST', '/api/documents', {
      inspectionId: ins.id,
      template: '现场检查记录',
    });
    expect(made.status).toBe(201);
    const year = team.today.slice(0, 4);
    // The world already holds one 现场检查记录 of this unit this year.
    expect(made.body.number).toBe(`a县应急管理局（检记）〔${year}〕2号`);
    expect(made.body.fields.bodyCamera).toBe('DSJ-0017');
    // 智能提醒: the required 现场负责人 and 检查情况 (nothing found yet) are empty; nobody has signed.
    expect(made.body.reminders).toContainEqual({
      kind: 'missing',
      field: 'partyPresent',
      message: '被检查单位现场负责人 未填写',
    });
    expect(made.body.reminders.filter((r) => r.kind === 'unsigned')).toHaveLength(2);
    const early = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      `/api/documents/${made.body.id}/signatures`,
      { seq: 1 },
    );
    expect(early.status).toBe(409);
    expect(early.body.details.map((d) => d.path)).toEqual([
      'fields.partyPresent',
      'fields.situation',
    ]);
    const unknown = await call<{ details: { path: string }[] }>(
      'ins',
      'PUT',
      `/api/documents/${made.body.id}`,
      { fields: { nope: 'x' }, baseSeq: 1 },
    );
    expect(unknown.body.details[0]?.path).toBe('fields.nope');
    const revised = await call<Doc>('ins', 'PUT', `/api/documents/${made.body.id}`, {
      fields: { partyPresent: '王矿长', situation: '安全出口畅通，未发现问题' },
      baseSeq: 1,
    });
    expect(revised.body.headSeq).toBe(2);
    const stale = await call('adm', 'PUT', `/api/documents/${made.body.id}`, {
      fields: { partyPresent: '李' },
      baseSeq: 1,
    });
    expect(stale.status).toBe(409);
    const diff = await call<{ changes: { key: string; before: string; after: string }[] }>(
      'ins',
      'GET',
      `/api/documents/${made.body.id}/diff?from=1&to=2`,
    );
    expect(diff.body.changes).toEqual([
      { key: 'partyPresent', label: '被检查单位现场负责人', before: '', after: '王矿长' },
      { key: 'situation', label: '检查情况', before: '', after: '安全出口畅通，未发现问题' },
    ]);
    const outsider = await call('other', 'POST', `/api/documents/${made.body.id}/signatures`, {
      seq: 2,
    });
    expect(outsider.status).toBe(403);
    expect(
      (await call('ins', 'POST', `/api/documents/${made.body.id}/signatures`, { seq: 1 })).status,
    ).toBe(409);
    const signed = await call<Doc>('ins', 'POST', `/api/documents/${made.body.id}/signatures`, {
      seq: 2,
    });
    expect(signed.body).toMatchObject({ state: '草稿', locked: true });
    const frozen = await call('adm', 'PUT', `/api/documents/${made.body.id}`, {
      fields: { partyPresent: '李' },
      baseSeq: 2,
    });
    expect(frozen.status).toBe(409);
    const issued = await call<Doc>('adm', 'POST', `/api/documents/${made.body.id}/signatures`, {
      seq: 2,
    });
    expect(issued.body.state).toBe('已签发');
    // The enterprise gets its copy once issued; drafts and other enterprises' documents stay hidden.
    const received = await call<{ id: string; number: string }[]>(
      'ent',
      'GET',
      '/api/received-documents',
    );
    expect(received.body.map((d) => d.number)).toEqual([made.body.number]);
    expect((await call('ent2', 'GET', '/api/received-documents')).body).toEqual([]);
    const draft = ctx.world.a.documentIds[0] ?? '';
    expect((await call('ent', 'GET', `/api/received-documents/${draft}/pdf`)).status).toBe(404);
    expect((await call('ent', 'GET', `/api/documents/${made.body.id}`)).status).toBe(403);
    const copy = await ctx.app.inject({
      method: 'GET',
      url: `/api/received-documents/${made.body.id}/pdf`,
      headers: { cookie: ctx.cookies.ent ?? '' },
    });
    expect(copy.statusCode).toBe(200);
    expect(copy.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await ctx.app.inject({
      method: 'GET',
      url: `/api/documents/${made.body.id}/pdf`,
      headers: { cookie: ctx.cookies.viewer ?? '' },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The CJK font is embedded (a subset), so the Chinese text renders on any reader.
    expect(pdf.rawPayload.toString('latin1')).toMatch(/FontFile2|FontFile3/);
    expect(pdf.rawPayload.toString('latin1')).toMatch(/NotoS(ans|erif)CJK/);
  });

  it('the database refuses to alter a signed revision, and the chain finds one altered behind its back', async () => {
    // A document of its own: two revisions, the second signed.
    const ins = (await newInspection([team.inspectorId, team.adminId])).body;
    const made = await call<Doc>('ins', 'POST', '/api/documents', {
      inspectionId: ins.id,
      template: '现场检查记录',
    });
    await call('ins', 'PUT', `/api/documents/${made.body.id}`, {
      fields: { partyPresent: '王矿长', situation: '未发现问题' },
      baseSeq: 1,
    });
    expect(
      (await call('ins', 'POST', `/api/documents/${made.body.id}/signatures`, { seq: 2 })).status,
    ).toBe(201);
    expect((await verifyDocumentChains(ctx.t.database.db)).problems).toEqual([]);
    const id = made.body.id;
    await expect(
      ctx.t.database.db.execute(
        sql`UPDATE enforcement_document_revisions SET fields = '{}'::jsonb WHERE document_id = ${id}`,
      ),
    ).rejects.toThrow();
    // Someone with the database's owner rights switches the guard off and edits the signed text.
    await ctx.t.database.db.execute(
      sql`ALTER TABLE enforcement_document_revisions DISABLE TRIGGER USER`,
    );
    await ctx.t.database.db.execute(
      sql`UPDATE enforcement_document_revisions SET fields = jsonb_set(fields, '{partyPresent}', '"李四"') WHERE document_id = ${id} AND seq = 2`,
    );
    await ctx.t.database.db.execute(
      sql`ALTER TABLE enforcement_document_revisions ENABLE TRIGGER USER`,
    );
    const { problems } = await verifyDocumentChains(ctx.t.database.db);
    expect(problems).toContainEqual(
      expect.objectContaining({
        documentId: id,
        seq: 2,
        problem: '修订内容与其哈希不符 (修订被篡改)',
      }),
    );
  });

  /** A document of its own, two revisions, signed by the whole team: 已签发. */
  async function issuedDocument() {
    const ins = (await newInspection([team.inspectorId, team.adminId])).body;
    const made = await call<Doc>('ins', 'POST', '/api/documents', {
      inspectionId: ins.id,
      template: '现场检查记录',
    });
    await call('ins', 'PUT', `/api/documents/${made.body.id}`, {
      fields: { partyPresent: '王矿长', situation: '未发现问题' },
      baseSeq: 1,
    });
    await call('ins', 'POST', `/api/documents/${made.body.id}/signatures`, { seq: 2 });
    const issued = await call<Doc>('adm', 'POST', `/api/documents/${made.body.id}/signatures`, {
      seq: 2,
    });
    expect(issued.body.state).toBe('已签发');
    return made.body.id;
  }
  const problemsOf = async (id: string) =>
    (await verifyDocumentChains(ctx.t.database.db)).problems
      .filter((p) => p.documentId === id)
      .map((p) => p.problem);
  /** Runs a statement with the append-only triggers of the document tables off. */
  const unguarded = (q: ReturnType<typeof sql>) =>
    ctx.t.database.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE enforcement_document_signatures DISABLE TRIGGER USER`);
      await tx.execute(sql`ALTER TABLE enforcement_document_revisions DISABLE TRIGGER USER`);
      await tx.execute(q);
      await tx.execute(sql`ALTER TABLE enforcement_document_revisions ENABLE TRIGGER USER`);
      await tx.execute(sql`ALTER TABLE enforcement_document_signatures ENABLE TRIGGER USER`);
    });

  it('a signature deleted from an issued document is found and named, though the document still reads 已签发', async () => {
    const id = await issuedDocument();
    expect(await problemsOf(id)).toEqual([]);
    await unguarded(
      sql`DELETE FROM enforcement_document_signatures WHERE document_id = ${id} AND user_id = ${team.adminId}`,
    );
    expect((await call<Doc>('ins', 'GET', `/api/documents/${id}`)).body.state).toBe('已签发');
    const admin = ctx.world.a.users.regulator_admin;
    expect(await problemsOf(id)).toEqual([
      expect.stringMatching(new RegExp(`^缺少 ${admin} 的签名: 审计事件 seq \\d+ 记录了此签名`)),
      expect.stringMatching(
        /^文书为已签发, 但执法人员 2 人中只有 1 人签署了最新修订; 缺少 .+ 的签名$/,
      ),
    ]);
  });

  it('a revision chain recomputed under its signatures is found through the signing events in the audit trail', async () => {
    const id = await issuedDocument();
    // Rewrite the signed text and recompute every hash the document tables hold (all unkeyed SHA-256).
    const [rev] = await queryRows<{
      fields: Record<string, string>;
      author_id: string;
      created_at: string;
      prev_hash: string;
    }>(
      ctx.t.database.db,
      sql`SELECT fields, author_id, created_at, prev_hash FROM enforcement_document_revisions WHERE document_id = ${id} AND seq = 2`,
    );
    const [doc] = await queryRows<{ number: string; template: string }>(
      ctx.t.database.db,
      sql`SELECT number, template FROM enforcement_documents WHERE id = ${id}`,
    );
    if (!rev || !doc) {
      throw new Error('no revision');
    }
    const fields = { ...rev.fields, situation: '发现问题已整改' };
    const hash = revisionHash(rev.prev_hash, {
      documentId: id,
      seq: 2,
      number: doc.number,
      template: doc.template,
      fields,
      authorId: rev.author_id,
      createdAt: new Date(rev.created_at),
    });
    await unguarded(
      sql`UPDATE enforcement_document_revisions SET fields = ${JSON.stringify(fields)}::jsonb, hash = ${hash} WHERE document_id = ${id} AND seq = 2`,
    );
    const sigs = await queryRows<{ user_id: string; signed_at: string }>(
      ctx.t.database.db,
      sql`SELECT user_id, signed_at FROM enforcement_document_signatures WHERE document_id = ${id}`,
    );
    for (const s of sigs) {
      const sigHash = signatureHash(hash, {
        documentId: id,
        seq: 2,
        userId: s.user_id,
        signedAt: new Date(s.signed_at),
      });
      await unguarded(
        sql`UPDATE enforcement_document_signatures SET hash = ${sigHash} WHERE document_id = ${id} AND user_id = ${s.user_id}`,
      );
    }
    const problems = await problemsOf(id);
    expect(problems).toHaveLength(2);
    expect(
      problems.every((p) => p.endsWith('的签名与审计记录的所签修订不符 (修订链被重新计算)')),
    ).toBe(true);
  });
});
