import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { login, loginAll, type World } from '../../../../test/helpers/world.ts';

describe.each(engines)('major-hazard database (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  const cookies: Record<string, string> = {};
  let nonCoalStandard: string;

  const as = (who: string) => ({ cookie: cookies[who] ?? '' });
  const post = (who: string, url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: as(who), payload });
  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as(who) });

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    Object.assign(
      cookies,
      await loginAll(app, {
        ent: world.a.users.enterprise_admin,
        safety: world.a.users.safety_officer,
        admin: world.a.users.regulator_admin,
        inspector: world.a.users.inspector,
        viewer: world.a.users.regulator_viewer,
        otherCounty: world.b.users.regulator_admin,
        sys: world.systemAdmin,
      }),
    );
    const standards = (await get('viewer', '/api/hazard-standards')).json();
    nonCoalStandard = standards.find((s: { code: string }) => s.code === '矿安〔2022〕88号').id;
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  describe('criteria catalogue', () => {
    it('holds 矿安〔2022〕88号 (32 underground, 13 open-pit, 19 tailings items) and the 15 coal categories of 令第4号', async () => {
      const standards = (await get('viewer', '/api/hazard-standards')).json();
      expect(
        standards.map((s: { code: string; items: number }) => [s.code, s.items]).sort(),
      ).toEqual([
        ['应急管理部令第4号', 15],
        ['矿安〔2022〕88号', 139],
      ]);
      const items = (await get('viewer', `/api/hazard-standards/${nonCoalStandard}/criteria`)).json<
        { code: string; parentCode: string | null; part: string; verified: boolean; text: string }[]
      >();
      const top = items.filter((i) => i.parentCode === null);
      expect(top.filter((i) => i.part === '金属非金属地下矿山')).toHaveLength(32);
      expect(top.filter((i) => i.part === '金属非金属露天矿山')).toHaveLength(13);
      expect(top.filter((i) => i.part === '尾矿库')).toHaveLength(19);
      // 矿安〔2022〕88号: 地下(一)2 (two exits at least 30 m apart) is VERIFIED, 地下(六) is not.
      expect(items.find((i) => i.code === '地下(一)2')).toMatchObject({ verified: true });
      expect(items.find((i) => i.code === '地下(一)2')?.text).toContain('30米');
      expect(items.find((i) => i.code === '地下(六)')).toMatchObject({ verified: false });
    });

    it('filters the items by mine kind: a waste dump gets the open-pit part, a tailings pond its own', async () => {
      const dump = (
        await get('viewer', `/api/hazard-standards/${nonCoalStandard}/criteria?kind=排土场`)
      ).json();
      expect(new Set(dump.map((i: { part: string }) => i.part))).toEqual(
        new Set(['金属非金属露天矿山']),
      );
      const pond = (
        await get('viewer', `/api/hazard-standards/${nonCoalStandard}/criteria?kind=尾矿库`)
      ).json();
      expect(new Set(pond.map((i: { part: string }) => i.part))).toEqual(new Set(['尾矿库']));
      const search = (
        await get(
          'viewer',
          `/api/hazard-standards/${nonCoalStandard}/criteria?q=${encodeURIComponent('浸润线')}`,
        )
      ).json();
      expect(search.map((i: { code: string }) => i.code)).toContain('尾矿库(七)');
    });

    it('a system admin adds a new version without a code change; bad items are refused by field', async () => {
      const base = {
        code: '矿安〔2022〕88号',
        title: '金属非金属矿山重大事故隐患判定标准',
        effectiveOn: '2024-06-01',
        source: '矿安〔2024〕41号 补充情形',
      };
      const bad = await post('sys', '/api/hazard-standards', {
        ...base,
        version: '2024补充',
        items: [
          {
            code: '地下(三十三)1',
            parentCode: '地下(三十三)',
            part: '金属非金属地下矿山',
            number: '1',
            text: 'x',
            verified: false,
          },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details[0].path).toBe('items.0.parentCode');
      const ok = await post('sys', '/api/hazard-standards', {
        ...base,
        version: '2024补充',
        items: [
          {
            code: '地下(三十三)',
            parentCode: null,
            part: '金属非金属地下矿山',
            number: '三十三',
            text: '补充情形示例',
            verified: false,
          },
        ],
      });
      expect(ok.statusCode).toBe(201);
      expect(
        (
          await post('sys', '/api/hazard-standards', {
            ...base,
            version: '2024补充',
            items: [
              { code: 'a', parentCode: null, part: '煤矿', number: '1', text: 'x', verified: true },
            ],
          })
        ).statusCode,
      ).toBe(409);
      expect(
        (await post('admin', '/api/hazard-standards', { ...base, version: 'x', items: [] }))
          .statusCode,
      ).toBe(400);
      expect(
        (
          await post('admin', '/api/hazard-standards', {
            ...base,
            version: 'x',
            items: [
              { code: 'a', parentCode: null, part: '煤矿', number: '1', text: 'x', verified: true },
            ],
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('the closed loop 上报 → 治理中 → 待验收 → 已销号', () => {
    let hazardId = '';

    it('refuses a criterion that does not apply to the mine kind, and regulators’ sources from an enterprise', async () => {
      const pond = world.a.mines[1];
      const wrongKind = await post('ent', '/api/hazards', {
        mineId: pond?.id,
        criterionId: world.a.criterionId, // a coal criterion, the mine is a tailings pond
        description: '浸润线异常',
        location: '初期坝',
        source: '企业自查',
        foundBy: '安全科',
        foundOn: '2026-11-20',
      });
      expect(wrongKind.statusCode).toBe(400);
      expect(wrongKind.json().details[0]).toMatchObject({ path: 'criterionId' });
      const wrongSource = await post('ent', '/api/hazards', {
        mineId: world.a.mines[0]?.id,
        criterionId: world.a.criterionId,
        description: '超定员',
        location: '采煤工作面',
        source: '监管执法检查',
        foundBy: '安全科',
        foundOn: '2026-11-20',
      });
      expect(wrongSource.statusCode).toBe(400);
      expect(wrongSource.json().details[0].path).toBe('source');
    });

    it('an enterprise reports from its self-inspection; the hazard starts 已上报 with only the plan step open', async () => {
      const res = await post('ent', '/api/hazards', {
        mineId: world.a.mines[0]?.id,
        criterionId: world.a.criterionId,
        description: '采掘作业地点单班作业人数超过限员20%以上',
        location: '3102 综采工作面',
        source: '企业自查',
        foundBy: '矿安全科',
        foundOn: '2026-11-20',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        state: '已上报',
        allowedActions: ['plan'],
        criterion: { code: '煤矿(1)', verified: true },
      });
      hazardId = res.json().id;
    });

    it('a step out of order is a 409 that lists what is allowed now', async () => {
      const res = await post('ent', `/api/hazards/${hazardId}/submit`, {
        rectificationNote: '已整改',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'allowedActions', value: 'plan' }),
        ]),
      );
    });

    it('the 五落实 plan needs every element and a deadline not in the past; roles outside the step get 403', async () => {
      const partial = await post('ent', `/api/hazards/${hazardId}/plan`, {
        responsiblePerson: '张矿长',
        measures: '核减入井人数',
        deadline: '2026-12-20',
      });
      expect(partial.statusCode).toBe(400);
      expect(
        partial
          .json()
          .details.map((d: { path: string }) => d.path)
          .sort(),
      ).toEqual(['body.contingencyPlan', 'body.fundsYuan']);
      const plan = {
        responsiblePerson: '张矿长',
        measures: '严格执行劳动定员, 核减入井人数',
        fundsYuan: 50000,
        deadline: '2026-12-20',
        contingencyPlan: '超员即停产撤人',
      };
      expect(
        (
          await post('ent', `/api/hazards/${hazardId}/plan`, { ...plan, deadline: '2026-11-01' })
        ).json().details[0].path,
      ).toBe('deadline');
      expect((await post('inspector', `/api/hazards/${hazardId}/plan`, plan)).statusCode).toBe(403);
      const res = await post('safety', `/api/hazards/${hazardId}/plan`, plan);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        state: '治理中',
        responsiblePerson: '张矿长',
        fundsYuan: 50000,
        deadline: '2026-12-20',
      });
    });

    it('the enterprise submits; only a regulator of the county accepts or rejects, and a rejection needs a reason', async () => {
      expect(
        (
          await post('ent', `/api/hazards/${hazardId}/submit`, {
            rectificationNote: '已核减入井人数, 附考勤记录',
          })
        ).json().state,
      ).toBe('待验收');
      expect(
        (await post('ent', `/api/hazards/${hazardId}/accept`, { note: '自己验收' })).statusCode,
      ).toBe(403);
      expect(
        (await post('viewer', `/api/hazards/${hazardId}/accept`, { note: 'x' })).statusCode,
      ).toBe(403);
      expect(
        (await post('otherCounty', `/api/hazards/${hazardId}/accept`, { note: 'x' })).statusCode,
      ).toBe(404);
      expect((await post('inspector', `/api/hazards/${hazardId}/reject`, {})).statusCode).toBe(400);
      const rejected = await post('inspector', `/api/hazards/${hazardId}/reject`, {
        note: '考勤记录与人员定位数据不符',
      });
      expect(rejected.json()).toMatchObject({ state: '治理中', allowedActions: [] });
      expect(
        (
          await post('ent', `/api/hazards/${hazardId}/submit`, {
            rectificationNote: '补充人员定位数据',
          })
        ).json().state,
      ).toBe('待验收');
      const accepted = await post('admin', `/api/hazards/${hazardId}/accept`, {
        note: '复查合格, 予以销号',
      });
      expect(accepted.json()).toMatchObject({ state: '已销号', allowedActions: [] });
      expect(accepted.json().closedAt).toBe('2026-11-22T02:00:00.000Z');
      const again = await post('admin', `/api/hazards/${hazardId}/reject`, { note: 'x' });
      expect(again.statusCode).toBe(409);
      expect(again.json().details[0].message).toBe('当前可执行: 无');
    });

    it('the timeline and the audit trail hold every step in order', async () => {
      const detail = (await get('viewer', `/api/hazards/${hazardId}`)).json();
      expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual([
        'report',
        'plan',
        'submit',
        'reject',
        'submit',
        'accept',
      ]);
      expect(detail.timeline[3]).toMatchObject({
        fromState: '待验收',
        toState: '治理中',
        note: '考勤记录与人员定位数据不符',
        actor: world.a.users.inspector,
      });
      const audit = (await get('viewer', `/api/audit/hazard/${hazardId}`)).json();
      expect(audit.map((a: { type: string }) => a.type)).toEqual([
        'hazards.hazard.reported',
        'hazards.hazard.planned',
        'hazards.hazard.submitted',
        'hazards.hazard.rejected',
        'hazards.hazard.submitted',
        'hazards.hazard.accepted',
      ]);
    });
  });

  describe('regulators’ orders', () => {
    it('挂牌督办 is set once by a regulator admin, not by an enterprise', async () => {
      const id = world.a.hazardIds[0] ?? '';
      expect(
        (await post('ent', `/api/hazards/${id}/supervise`, { supervised: true, note: 'x' }))
          .statusCode,
      ).toBe(403);
      const res = await post('admin', `/api/hazards/${id}/supervise`, {
        supervised: true,
        note: '县政府挂牌督办',
      });
      expect(res.json().supervised).toBe(true);
      expect(
        (await post('admin', `/api/hazards/${id}/supervise`, { supervised: true, note: 'again' }))
          .statusCode,
      ).toBe(409);
      const list = (await get('viewer', '/api/hazards?supervised=true')).json();
      expect(list.items.map((h: { id: string }) => h.id)).toEqual([id]);
    });

    it('责令停产整顿 changes the mine’s status through the registry, with the hazard in the reason', async () => {
      const id = world.a.hazardIds[0] ?? '';
      const res = await post('inspector', `/api/hazards/${id}/suspend-mine`, {
        effectiveDate: '2026-11-22',
        reason: '原应急责停〔2026〕3号',
      });
      expect(res.statusCode).toBe(200);
      const mine = (await get('viewer', `/api/mines/${world.a.mines[0]?.id}`)).json();
      expect(mine.status).toBe('停产整顿');
      const history = (
        await get('viewer', `/api/mines/${world.a.mines[0]?.id}/status-history`)
      ).json();
      expect(history.at(-1).reason).toBe('重大事故隐患 煤矿(1): 原应急责停〔2026〕3号');
      const detail = (await get('viewer', `/api/hazards/${id}`)).json();
      expect(detail.timeline.at(-1).action).toBe('suspend_mine');
    });

    it('the dashboard summary counts the county’s hazards by state, open, supervised and source', async () => {
      const res = await get('viewer', '/api/hazards/summary');
      // County A: the hazards of enterprises a and a2 (已上报, a's under 督办) and the one closed above.
      expect(res.json()).toMatchObject({ total: 3, open: 2, supervised: 1, overdue: 0 });
      expect(res.json().byState).toEqual([
        { key: '已上报', count: 2 },
        { key: '已销号', count: 1 },
      ]);
      const other = await get('otherCounty', '/api/hazards/summary');
      expect(other.json()).toMatchObject({ total: 1, open: 1, supervised: 0 });
    });

    it('a hazard past its 五落实 deadline is listed as overdue', async () => {
      const id = world.b.hazardIds[0] ?? '';
      const bAdmin = cookies.otherCounty ?? '';
      await app.inject({
        method: 'POST',
        url: `/api/hazards/${id}/plan`,
        headers: { cookie: bAdmin },
        payload: {
          responsiblePerson: '李矿长',
          measures: 'x',
          fundsYuan: 1,
          deadline: '2026-11-30',
          contingencyPlan: 'x',
        },
      });
      const before = await app.inject({
        method: 'GET',
        url: '/api/hazards?overdue=true',
        headers: { cookie: bAdmin },
      });
      expect(before.json().total).toBe(0);
      t.deps.clock.advance(9 * 86_400_000); // 2026-12-01; the 12-hour session has expired by then
      const fresh = await login(app, world.b.users.regulator_admin);
      const after = await app.inject({
        method: 'GET',
        url: '/api/hazards?overdue=true',
        headers: { cookie: fresh },
      });
      expect(after.statusCode, after.body).toBe(200);
      expect(
        after.json().items.map((h: { id: string; overdue: boolean }) => [h.id, h.overdue]),
      ).toEqual([[id, true]]);
    });
  });
});
