/**
 * Enforcement records over HTTP, on both engines (issue 7 §2–4): the team rule, findings entering the
 * hazards ledger, 责令停产整顿 and 复工复产验收 through the registry, penalties (一案双罚), documents
 * numbered per unit and year whose text cannot change once signed, and chains that find tampering.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { principalOfUser } from '../../../../test/helpers/world-enforcement.ts';
import { loginAll, type World } from '../../../../test/helpers/world.ts';
import { todayIn } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { verifyDocumentChains } from './document.chain.ts';

interface Inspection {
  id: string;
  version: number;
  mineStatus: string;
  checklist: { criterionId: string | null; text: string; result: string | null }[];
  findings: { kind: string; hazardId: string | null; deadline: string | null }[];
  orders: { id: string; acceptancePassed: boolean | null }[];
}
interface Doc {
  id: string;
  number: string;
  state: string;
  headSeq: number;
  locked: boolean;
  fields: Record<string, string>;
  reminders: { kind: string; field?: string; message: string }[];
  team: { userId: string; signed: boolean }[];
}

describe.each(engines)('inspections: records, penalties and documents (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let c: Record<string, string>;
  let inspectorId: string;
  let adminId: string;
  let today: string;

  const call = callerAs(
    () => app,
    () => c,
  );

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    c = await loginAll(app, {
      ins: world.a.users.inspector,
      adm: world.a.users.regulator_admin,
      viewer: world.a.users.regulator_viewer,
      ent: world.a.users.enterprise_admin,
      other: world.a2.users.inspector,
      ent2: world.a2.users.enterprise_admin,
    });
    inspectorId = (await principalOfUser(t.deps, world.a.users.inspector)).userId;
    adminId = (await principalOfUser(t.deps, world.a.users.regulator_admin)).userId;
    today = todayIn(t.deps.clock);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const newInspection = async (teamUserIds: string[]) =>
    call<Inspection & { details?: { path: string }[] }>('ins', 'POST', '/api/inspections', {
      mineId: world.a.mines[0]?.id,
      kind: '四不两直',
      inspectedOn: today,
      teamUserIds,
      checklistCriterionIds: [world.a.criterionId],
      customItems: ['安全出口是否畅通'],
      bodyCameraRef: 'DSJ-0017',
    });

  it('needs a team of at least two inspectors whose unit covers the mine', async () => {
    const alone = await newInspection([inspectorId]);
    expect(alone.status).toBe(400);
    expect(alone.raw.body).toContain('至少 2 名执法人员');
    const otherCounty = (await principalOfUser(t.deps, world.b.users.inspector)).userId;
    const foreign = await newInspection([inspectorId, otherCounty]);
    expect(foreign.status).toBe(400);
    expect(foreign.body.details?.[0]?.path).toBe('teamUserIds.1');
    const entUser = (await principalOfUser(t.deps, world.a.users.safety_officer)).userId;
    expect((await newInspection([inspectorId, entUser])).body.details?.[0]?.path).toBe(
      'teamUserIds.1',
    );
    const ent = await call('ent', 'GET', '/api/inspections');
    expect(ent.status).toBe(403);
  });

  it('builds the checklist from the criteria catalogue plus custom items', async () => {
    const res = await newInspection([inspectorId, adminId]);
    expect(res.status).toBe(201);
    expect(res.body.checklist.map((i) => i.criterionId)).toEqual([world.a.criterionId, null]);
    expect(res.body.checklist[0]?.text).toMatch(/^煤矿\(1\)/);
    const filled = await call<Inspection>('ins', 'PATCH', `/api/inspections/${res.body.id}`, {
      checklist: res.body.checklist.map((i) => ({ ...i, result: '不符合', note: '现场核实' })),
      version: res.body.version,
    });
    expect(filled.status).toBe(200);
    expect(filled.body.checklist.every((i) => i.result === '不符合')).toBe(true);
    const stale = await call('ins', 'PATCH', `/api/inspections/${res.body.id}`, {
      summary: 'x',
      version: res.body.version,
    });
    expect(stale.status).toBe(409);
  });

  it('enters a major-hazard finding into the hazards ledger, and a violation needs a deadline', async () => {
    const ins = (await newInspection([inspectorId, adminId])).body;
    const noDeadline = await call<{ details: { path: string }[] }>(
      'ins',
      'POST',
      `/api/inspections/${ins.id}/findings`,
      { kind: '一般违法行为', description: '未按规定佩戴自救器', location: '井下' },
    );
    expect(noDeadline.status).toBe(400);
    expect(noDeadline.body.details.map((d) => d.path)).toContain('body.deadline');
    const major = await call<Inspection>('ins', 'POST', `/api/inspections/${ins.id}/findings`, {
      kind: '重大事故隐患',
      criterionId: world.a.criterionId,
      description: '超能力组织生产',
      location: '1101 工作面',
    });
    expect(major.status).toBe(201);
    const hazardId = major.body.findings[0]?.hazardId ?? '';
    const hazard = await call<{ source: string; mineId: string; foundBy: string }>(
      'ins',
      'GET',
      `/api/hazards/${hazardId}`,
    );
    expect(hazard.status).toBe(200);
    expect(hazard.body.source).toBe('监管执法检查');
    expect(hazard.body.mineId).toBe(world.a.mines[0]?.id);
    expect(hazard.body.foundBy).toContain(world.a.users.inspector);
  });

  it('takes photos by their content (JPEG, PNG, WebP), refuses anything else and duplicates, serves them back', async () => {
    const ins = (await newInspection([inspectorId, adminId])).body;
    const upload = (name: string, content: Buffer) => {
      const boundary = '----mwphoto';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return app.inject({
        method: 'POST',
        url: `/api/inspections/${ins.id}/photos`,
        headers: {
          cookie: c.ins ?? '',
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: body,
      });
    };
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('IHDR-test-image-bytes'),
    ]);
    const ok = await upload('../../etc/出口.png', png);
    expect(ok.statusCode).toBe(201);
    const photo = ok.json<{ photos: { id: string; fileName: string }[] }>().photos[0];
    expect(photo?.fileName).toBe('出口.png');
    expect((await upload('again.png', png)).statusCode).toBe(409);
    const fake = await upload('photo.png', Buffer.from('<script>alert(1)</script>'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json<{ details: { path: string }[] }>().details[0]?.path).toBe('file');
    // A multipart body without its boundary, or cut short, is a 400 on the file, not a server error.
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=x']) {
      const broken = await app.inject({
        method: 'POST',
        url: `/api/inspections/${ins.id}/photos`,
        headers: { cookie: c.ins ?? '', 'content-type': type },
        payload: '{"broken": ',
      });
      expect(broken.statusCode, type).toBe(400);
      expect(broken.json<{ details: { path: string }[] }>().details[0]?.path).toBe('file');
    }
    const back = await app.inject({
      method: 'GET',
      url: `/api/inspections/${ins.id}/photos/${photo?.id ?? ''}`,
      headers: { cookie: c.viewer ?? '' },
    });
    expect(back.headers['content-type']).toBe('image/png');
    expect(back.rawPayload.equals(png)).toBe(true);
  });

  it('orders 停产整顿 through the registry and returns the mine to 生产 after 复工复产验收', async () => {
    const ins = (await newInspection([inspectorId, adminId])).body;
    const mineId = world.a.mines[1]?.id ?? '';
    const pond = await call<Inspection>('ins', 'POST', '/api/inspections', {
      mineId,
      kind: '专项',
      inspectedOn: today,
      teamUserIds: [inspectorId, adminId],
    });
    expect(ins.id).not.toBe(pond.body.id);
    const suspended = await call<Inspection>(
      'ins',
      'POST',
      `/api/inspections/${pond.body.id}/suspension`,
      { effectiveDate: today, reason: '坝体浸润线超标' },
    );
    expect(suspended.status).toBe(201);
    expect(suspended.body.mineStatus).toBe('停产整顿');
    const history = await call<{ toStatus: string; reason: string }[]>(
      'adm',
      'GET',
      `/api/mines/${mineId}/status-history`,
    );
    expect(history.body.at(-1)?.toStatus).toBe('停产整顿');
    expect(history.body.at(-1)?.reason).toContain('坝体浸润线超标');
    const orderId = suspended.body.orders[0]?.id ?? '';
    const failed = await call<Inspection>(
      'ins',
      'POST',
      `/api/inspection-orders/${orderId}/acceptance`,
      {
        acceptedOn: today,
        passed: false,
        note: '排渗设施未完工',
      },
    );
    expect(failed.body.mineStatus).toBe('停产整顿');
    const passed = await call<Inspection>(
      'ins',
      'POST',
      `/api/inspection-orders/${orderId}/acceptance`,
      {
        acceptedOn: today,
        passed: true,
        note: '整改到位',
      },
    );
    expect(passed.status).toBe(200);
    expect(passed.body.mineStatus).toBe('生产');
    const again = await call('ins', 'POST', `/api/inspection-orders/${orderId}/acceptance`, {
      acceptedOn: today,
      passed: true,
      note: '重复',
    });
    expect(again.status).toBe(409);
  });

  it('records 一案双罚 and payment; a paid penalty does not move again; inspectors cannot decide', async () => {
    const ins = (await newInspection([inspectorId, adminId])).body;
    const base = {
      inspectionId: ins.id,
      legalBasis: '《安全生产法》第一百一十二条',
      facts: '超能力组织生产',
      decidedOn: today,
    };
    expect(
      (
        await call('ins', 'POST', '/api/penalties', {
          ...base,
          target: '企业',
          partyName: 'x',
          amountYuan: 1,
        })
      ).status,
    ).toBe(403);
    const ent = await call<{ id: string; doublePenalty: boolean; version: number }>(
      'adm',
      'POST',
      '/api/penalties',
      {
        ...base,
        target: '企业',
        partyName: 'a企业',
        amountYuan: 200_000,
      },
    );
    expect(ent.body.doublePenalty).toBe(false);
    await call('adm', 'POST', '/api/penalties', {
      ...base,
      target: '主要负责人',
      partyName: '张某',
      amountYuan: 30_000,
    });
    const now = await call<{ doublePenalty: boolean }>(
      'adm',
      'GET',
      `/api/penalties/${ent.body.id}`,
    );
    expect(now.body.doublePenalty).toBe(true);
    const noDate = await call('adm', 'PATCH', `/api/penalties/${ent.body.id}`, {
      status: '已缴纳',
    });
    expect(noDate.status).toBe(400);
    const paid = await call<{ status: string; paidAmountYuan: number }>(
      'adm',
      'PATCH',
      `/api/penalties/${ent.body.id}`,
      {
        status: '已缴纳',
        paidOn: today,
      },
    );
    expect(paid.body).toMatchObject({ status: '已缴纳', paidAmountYuan: 200_000 });
    const again = await call('adm', 'PATCH', `/api/penalties/${ent.body.id}`, { status: '已撤销' });
    expect(again.status).toBe(409);
  });

  it('numbers documents per unit, template and year; edits are revisions with a diff; signed text is frozen', async () => {
    const ins = (await newInspection([inspectorId, adminId])).body;
    const made = await call<Doc>('ins', 'POST', '/api/documents', {
      inspectionId: ins.id,
      template: '现场检查记录',
    });
    expect(made.status).toBe(201);
    const year = today.slice(0, 4);
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
    const draft = world.a.documentIds[0] ?? '';
    expect((await call('ent', 'GET', `/api/received-documents/${draft}/pdf`)).status).toBe(404);
    expect((await call('ent', 'GET', `/api/documents/${made.body.id}`)).status).toBe(403);
    const copy = await app.inject({
      method: 'GET',
      url: `/api/received-documents/${made.body.id}/pdf`,
      headers: { cookie: c.ent ?? '' },
    });
    expect(copy.statusCode).toBe(200);
    expect(copy.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await app.inject({
      method: 'GET',
      url: `/api/documents/${made.body.id}/pdf`,
      headers: { cookie: c.viewer ?? '' },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The CJK font is embedded (a subset), so the Chinese text renders on any reader.
    expect(pdf.rawPayload.toString('latin1')).toMatch(/FontFile2|FontFile3/);
    expect(pdf.rawPayload.toString('latin1')).toMatch(/NotoS(ans|erif)CJK/);
  });

  it('the database refuses to alter a signed revision, and the chain finds one altered behind its back', async () => {
    expect((await verifyDocumentChains(t.database.db)).problems).toEqual([]);
    const [doc] = await queryRows<{ document_id: string }>(
      t.database.db,
      sql`SELECT document_id FROM enforcement_document_signatures LIMIT 1`,
    );
    const id = doc?.document_id ?? '';
    await expect(
      t.database.db.execute(
        sql`UPDATE enforcement_document_revisions SET fields = '{}'::jsonb WHERE document_id = ${id}`,
      ),
    ).rejects.toThrow();
    // Someone with the database's owner rights switches the guard off and edits the signed text.
    await t.database.db.execute(
      sql`ALTER TABLE enforcement_document_revisions DISABLE TRIGGER USER`,
    );
    await t.database.db.execute(
      sql`UPDATE enforcement_document_revisions SET fields = jsonb_set(fields, '{partyPresent}', '"李四"') WHERE document_id = ${id} AND seq = 2`,
    );
    await t.database.db.execute(
      sql`ALTER TABLE enforcement_document_revisions ENABLE TRIGGER USER`,
    );
    const { problems } = await verifyDocumentChains(t.database.db);
    expect(problems).toContainEqual(
      expect.objectContaining({
        documentId: id,
        seq: 2,
        problem: '修订内容与其哈希不符 (修订被篡改)',
      }),
    );
  });
});
