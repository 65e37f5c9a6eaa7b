/**
 * Contractors' project staff over HTTP, on both engines (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条; 矿安〔2022〕88号
 * 地下(二十八)2):
 * registering the 项目部 with ID numbers kept sealed and masked; field errors that write nothing; other
 * counties and enterprises neither reading nor changing it; and the compliance tab following the staff —
 * a 项目负责人 who is 临时聘用 with 高中, a 技术人员 who is also the 矿长 of another mine, a missing
 * 特种作业人员 — until the 项目部 is put right.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildContractor,
  buildMine,
  buildPerson,
  idNumberFor,
} from '../../../../test/helpers/factories.ts';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { queryRows } from '../../platform/db/client.ts';

interface Staff {
  id: string;
  idNumberMasked: string;
  mineName: string;
  contractorName: string;
  employment: string;
  version: number;
}
interface Findings {
  findings: { rule: string; message: string; criterion: string | null; subject: string }[];
}

describe.each(engines)('registry: contractor project staff (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    ent: w.a.users.enterprise_admin,
    ins: w.a.users.inspector,
    bent: w.b.users.enterprise_admin,
    badmin: w.b.users.regulator_admin,
  }));
  let mine: string;
  let contractor: string;
  let lead: Staff;
  let tech: Staff;
  const sharedId = () => idNumberFor(ctx.world.a.county);
  let techIdNumber: string;

  const staffCount = async () =>
    Number(
      (
        await queryRows<{ n: number }>(
          ctx.t.deps.db,
          sql`SELECT count(*)::int AS n FROM contractor_staff`,
        )
      )[0]?.n,
    );
  const rules = async () =>
    (await call<Findings>('ins', 'GET', `/api/mines/${mine}/compliance`)).body.findings.filter(
      (f) => f.rule.startsWith('承包项目部'),
    );

  /** Registers a qualified 正式职工 on the contractor's 项目部, with the given changes. */
  const register = (who: string, o: object) =>
    call<Staff & { details: { path: string }[] }>(who, 'POST', '/api/contractor-staff', {
      contractorId: contractor,
      name: '员',
      role: '特种作业人员',
      idNumber: sharedId(),
      employment: '正式职工',
      education: '大专',
      relatedMajor: true,
      ...o,
    });

  beforeAll(async () => {
    const m = await buildMine(ctx.t.deps, {
      enterpriseId: ctx.world.a.enterpriseId,
      countyCode: ctx.world.a.county,
      kind: '金属非金属地下矿山',
      scale: '中型',
    });
    mine = m.id;
    contractor = (
      await buildContractor(ctx.t.deps, {
        mineId: mine,
        scopes: ['采掘'],
        startsOn: '2025-01-01',
        endsOn: null,
      })
    ).id;
    // The same person is the 矿长 of the world's coal mine.
    techIdNumber = sharedId();
    await buildPerson(ctx.t.deps, {
      mineId: ctx.world.a.mines[0]?.id,
      roles: ['矿长'],
      idNumber: techIdNumber,
    });
  });

  it('the enterprise registers its contractor’s 项目部; the ID number leaves the server only masked and is stored sealed', async () => {
    const leadId = sharedId();
    const res = await register('ent', {
      name: '王项目',
      role: '项目负责人',
      idNumber: leadId,
      employment: '临时聘用',
      education: '高中',
    });
    expect(res.status).toBe(201);
    lead = res.body;
    expect(lead.idNumberMasked).not.toBe(leadId);
    expect(lead.idNumberMasked.slice(-4)).toBe(leadId.slice(-4));
    expect(res.raw.body).not.toContain(leadId);
    const [row] = await queryRows<{ id_number_cipher: string }>(
      ctx.t.deps.db,
      sql`SELECT id_number_cipher FROM contractor_staff WHERE id = ${lead.id}`,
    );
    expect(row?.id_number_cipher).not.toContain(leadId);
    const t2 = await register('ent', { name: '李技术', role: '技术人员', idNumber: techIdNumber });
    expect(t2.status).toBe(201);
    tech = t2.body;
    const list = await call<{ items: Staff[]; total: number }>(
      'ins',
      'GET',
      `/api/contractor-staff?contractorId=${contractor}`,
    );
    expect(list.body.total).toBe(2);
  });

  it('bad input is refused by field and writes nothing', async () => {
    const before = await staffCount();
    const bad = [
      [{ employment: '外包' }, 'body.employment'],
      [{ idNumber: '123' }, 'body.idNumber'],
      [{ role: '矿长' }, 'body.role'],
      [{ title: '特级' }, 'body.title'],
      [{ education: '高中/中专' }, 'body.education'],
    ] as const;
    for (const [change, path] of bad) {
      const res = await register('ent', { name: '错', ...change });
      expect(res.status, path).toBe(400);
      expect(res.body.details.map((d) => d.path)).toContain(path);
    }
    expect(await staffCount()).toBe(before);
  });

  it('another county or enterprise can neither read nor change the 项目部, nor add to it', async () => {
    for (const who of ['bent', 'badmin']) {
      expect((await call(who, 'GET', `/api/contractor-staff/${lead.id}`)).status).toBe(404);
      expect(
        (await call(who, 'PATCH', `/api/contractor-staff/${lead.id}`, { name: '篡改' })).status,
      ).toBe(404);
      expect((await call(who, 'DELETE', `/api/contractor-staff/${lead.id}`)).status).toBe(404);
      const list = await call<{ total: number }>(
        who,
        'GET',
        `/api/contractor-staff?contractorId=${contractor}`,
      );
      expect(list.body.total).toBe(0);
      const add = await register(who, { name: '越权' });
      expect(add.status).toBe(400);
      expect(add.body.details.map((d) => d.path)).toEqual(['contractorId']);
    }
    expect(
      (await call('ins', 'PATCH', `/api/contractor-staff/${lead.id}`, { name: 'x' })).status,
    ).toBe(403);
  });

  it('the compliance tab follows the 项目部: 用工, 任职条件, 兼职 and a missing 特种作业人员 as 地下(二十八) candidates, gone once put right', async () => {
    const found = await rules();
    expect(found.map((f) => [f.rule, f.subject]).sort()).toEqual(
      [
        ['承包项目部人员配备', contractor],
        ['承包项目部人员任职条件', lead.id],
        ['承包项目部人员用工', lead.id],
        ['承包项目部人员兼职', tech.id],
      ].sort(),
    );
    expect(found.every((f) => f.criterion === '地下(二十八)')).toBe(true);
    expect(found.find((f) => f.rule === '承包项目部人员兼职')?.message).toMatch(/其他 1 座矿山/);
    // The 矿长 of the coal mine is, in turn, found serving at another mine.
    const coal = await call<Findings>(
      'ins',
      'GET',
      `/api/mines/${ctx.world.a.mines[0]?.id}/compliance`,
    );
    expect(coal.body.findings.map((f) => f.rule)).toContain('人员兼职');

    const fixed = await call<Staff>('ent', 'PATCH', `/api/contractor-staff/${lead.id}`, {
      employment: '正式职工',
      education: '中专',
      version: lead.version,
    });
    expect(fixed.status).toBe(200);
    expect(
      (await call('ent', 'PATCH', `/api/contractor-staff/${lead.id}`, { name: 'x', version: 1 }))
        .status,
    ).toBe(409);
    expect((await call('ent', 'DELETE', `/api/contractor-staff/${tech.id}`)).status).toBe(200);
    // A member who left (archived) is no longer edited, nor archived again.
    expect(
      (await call('ent', 'PATCH', `/api/contractor-staff/${tech.id}`, { name: 'x' })).status,
    ).toBe(409);
    expect((await call('ent', 'DELETE', `/api/contractor-staff/${tech.id}`)).status).toBe(409);
    expect((await register('ent', { name: '新技术员', role: '技术人员' })).status).toBe(201);
    expect((await register('ent', { name: '新爆破工', role: '特种作业人员' })).status).toBe(201);
    expect(await rules()).toEqual([]);
    const trail = await call<{ type: string }[]>(
      'ent',
      'GET',
      `/api/audit/contractor_staff/${lead.id}`,
    );
    expect(trail.body.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'registry.contractorStaff.created',
        'registry.contractorStaff.updated',
      ]),
    );
    expect((await call('bent', 'GET', `/api/audit/contractor_staff/${lead.id}`)).status).toBe(404);
  });
});
