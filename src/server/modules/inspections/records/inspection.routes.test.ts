/**
 * Inspection records over HTTP, on both engines (issue 7 §2, §5): the team rule, the checklist from the
 * criteria catalogue, findings entering the hazards ledger, photos by their content, 责令停产整顿 and
 * 复工复产验收 through the registry, and the export of the typical cases marked in the jurisdiction.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useInspectionTeam } from '../../../../../test/helpers/inspection-team.ts';
import { engines } from '../../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../../test/helpers/world-app.ts';
import { principalOfUser } from '../../../../../test/helpers/world-enforcement.ts';
import type { InspectionResponse as Inspection } from '../../../../shared/inspections.schemas.ts';

describe.each(engines)('inspection records (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ins: w.a.users.inspector,
    adm: w.a.users.regulator_admin,
    viewer: w.a.users.regulator_viewer,
    ent: w.a.users.enterprise_admin,
    badm: w.b.users.regulator_admin,
  }));
  const { team, newInspection } = useInspectionTeam(ctx, call);

  it('needs a team of at least two inspectors whose unit covers the mine', async () => {
    const alone = await newInspection([team.inspectorId]);
    expect(alone.status).toBe(400);
    expect(alone.raw.body).toContain('至少 2 名执法人员');
    const otherCounty = (await principalOfUser(ctx.t.deps, ctx.world.b.users.inspector)).userId;
    const foreign = await newInspection([team.inspectorId, otherCounty]);
    expect(foreign.status).toBe(400);
    expect(foreign.body.details?.[0]?.path).toBe('teamUserIds.1');
    const entUser = (await principalOfUser(ctx.t.deps, ctx.world.a.users.safety_officer)).userId;
    expect((await newInspection([team.inspectorId, entUser])).body.details?.[0]?.path).toBe(
      'teamUserIds.1',
    );
    const ent = await call('ent', 'GET', '/api/inspections');
    expect(ent.status).toBe(403);
  });

  // 《2024年矿山安全生产工作要点》第41条: "检查执法一律采取“四不两直”方式开展,所有执法活动不得提前告知矿山企业".
  it('an inspection is 四不两直 unless announced with a stated reason, and the statistics count the announced ones as such', async () => {
    const month = team.today.slice(0, 7);
    type Totals = { code: string; inspections: number; unannounced: number; announced: number };
    const totals = async () =>
      (
        await call<{ regions: Totals[] }>(
          'adm',
          'GET',
          `/api/inspections/stats?from=${month}&to=${month}`,
        )
      ).body.regions.find((r) => r.code === ctx.world.a.county);
    const before = await totals();
    const plain = await newInspection([team.inspectorId, team.adminId]);
    expect(plain.body).toMatchObject({ unannounced: true, announcedReason: null });
    const body = {
      mineId: ctx.world.a.mines[0]?.id,
      kind: '常规',
      inspectedOn: team.today,
      teamUserIds: [team.inspectorId, team.adminId],
    };
    // 其他 needs the reason written out; an unknown reason is refused; nothing is written.
    const bare = await call<{ details: { path: string }[] }>('ins', 'POST', '/api/inspections', {
      ...body,
      announced: { reason: '其他' },
    });
    expect(bare.status).toBe(400);
    expect(bare.body.details[0]?.path).toBe('body.announced.note');
    const unknown = await call('ins', 'POST', '/api/inspections', {
      ...body,
      announced: { reason: '领导要求' },
    });
    expect(unknown.status).toBe(400);
    // '四不两直' is no longer a kind to pick: it is how every inspection is made.
    expect(
      (await call('ins', 'POST', '/api/inspections', { ...body, kind: '四不两直' })).status,
    ).toBe(400);
    const resumption = await call<Inspection>('ins', 'POST', '/api/inspections', {
      ...body,
      announced: { reason: '复工复产验收' },
    });
    expect(resumption.status).toBe(201);
    expect(resumption.body).toMatchObject({
      unannounced: false,
      announcedReason: '复工复产验收',
      announcedNote: null,
    });
    const after = await totals();
    expect((after?.inspections ?? 0) - (before?.inspections ?? 0)).toBe(2);
    expect((after?.unannounced ?? 0) - (before?.unannounced ?? 0)).toBe(1);
    expect((after?.announced ?? 0) - (before?.announced ?? 0)).toBe(1);
    const listed = await call<{ items: { id: string; announcedReason: string | null }[] }>(
      'ins',
      'GET',
      `/api/inspections?announced=true&mineId=${body.mineId}`,
    );
    expect(listed.body.items.map((i) => i.id)).toContain(resumption.body.id);
    expect(listed.body.items.every((i) => i.announcedReason !== null)).toBe(true);
    const unannounced = await call<{ items: { id: string }[] }>(
      'ins',
      'GET',
      `/api/inspections?announced=false&mineId=${body.mineId}`,
    );
    expect(unannounced.body.items.map((i) => i.id)).toContain(plain.body.id);
    expect(unannounced.body.items.map((i) => i.id)).not.toContain(resumption.body.id);
  });

  it('builds the checklist from the criteria catalogue plus custom items', async () => {
    const res = await newInspection([team.inspectorId, team.adminId]);
    expect(res.status).toBe(201);
    expect(res.body.checklist.map((i) => i.criterionId)).toEqual([ctx.world.a.criterionId, null]);
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
    const ins = (await newInspection([team.inspectorId, team.adminId])).body;
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
      criterionId: ctx.world.a.criterionId,
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
    expect(hazard.body.mineId).toBe(ctx.world.a.mines[0]?.id);
    expect(hazard.body.foundBy).toContain(ctx.world.a.users.inspector);
  });

  it('takes photos by their content (JPEG, PNG, WebP), refuses anything else and duplicates, serves them back', async () => {
    const ins = (await newInspection([team.inspectorId, team.adminId])).body;
    const upload = (name: string, content: Buffer) => {
      const boundary = '----mwphoto';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return ctx.app.inject({
        method: 'POST',
        url: `/api/inspections/${ins.id}/photos`,
        headers: {
          cookie: ctx.cookies.ins ?? '',
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
      const broken = await ctx.app.inject({
        method: 'POST',
        url: `/api/inspections/${ins.id}/photos`,
        headers: { cookie: ctx.cookies.ins ?? '', 'content-type': type },
        payload: '{"broken": ',
      });
      expect(broken.statusCode, type).toBe(400);
      expect(broken.json<{ details: { path: string }[] }>().details[0]?.path).toBe('file');
    }
    const back = await ctx.app.inject({
      method: 'GET',
      url: `/api/inspections/${ins.id}/photos/${photo?.id ?? ''}`,
      headers: { cookie: ctx.cookies.viewer ?? '' },
    });
    expect(back.headers['content-type']).toBe('image/png');
    expect(back.rawPayload.equals(png)).toBe(true);
  });

  it('orders 停产整顿 through the registry and returns the mine to 生产 after 复工复产验收', async () => {
    const ins = (await newInspection([team.inspectorId, team.adminId])).body;
    const mineId = ctx.world.a.mines[1]?.id ?? '';
    const pond = await call<Inspection>('ins', 'POST', '/api/inspections', {
      mineId,
      kind: '专项',
      inspectedOn: team.today,
      teamUserIds: [team.inspectorId, team.adminId],
    });
    expect(ins.id).not.toBe(pond.body.id);
    const suspended = await call<Inspection>(
      'ins',
      'POST',
      `/api/inspections/${pond.body.id}/suspension`,
      { effectiveDate: team.today, reason: '坝体浸润线超标' },
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
        acceptedOn: team.today,
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
        acceptedOn: team.today,
        passed: true,
        note: '整改到位',
      },
    );
    expect(passed.status).toBe(200);
    expect(passed.body.mineStatus).toBe('生产');
    const again = await call('ins', 'POST', `/api/inspection-orders/${orderId}/acceptance`, {
      acceptedOn: team.today,
      passed: true,
      note: '重复',
    });
    expect(again.status).toBe(409);
  });

  it('exports the typical cases marked in the jurisdiction', async () => {
    const id = ctx.world.a.inspectionIds[0] ?? '';
    const marked = await call<{ typical: boolean }>(
      'ins',
      'PUT',
      `/api/inspections/${id}/typical`,
      {
        typical: true,
        note: '安全出口堵塞，以案促改',
      },
    );
    expect(marked.body.typical).toBe(true);
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/inspections/typical-cases/export?format=xlsx',
      headers: { cookie: ctx.cookies.adm ?? '' },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows =
      wb.worksheets[0]
        ?.getSheetValues()
        .filter(Boolean)
        .map((r) => JSON.stringify(r)) ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('以案促改');
    expect(rows[1]).toContain(ctx.world.a.mines[0]?.name ?? '?');
    const other = await ctx.app.inject({
      method: 'GET',
      url: '/api/inspections/typical-cases/export?format=csv',
      headers: { cookie: ctx.cookies.badm ?? '' },
    });
    expect(other.body).not.toContain('以案促改');
  });
});
