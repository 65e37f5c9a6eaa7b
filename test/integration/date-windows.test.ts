/**
 * Dates from another era (issue 21 §8): each date field has a window (shared/date-windows.ts) — what has
 * happened is not in the future, nothing is before 1949-10-01, a deadline lies at most ten years ahead, a
 * licence ends at most thirty years ahead (《矿产资源开采登记管理办法》第七条) — and a date outside is a 400
 * naming the field, on both engines, for one record and in an import.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates.ts';
import { engines } from '../helpers/test-database.ts';
import { useWorldApp } from '../helpers/world-app.ts';
import { useInspectionTeam } from '../helpers/inspection-team.ts';
import { creditCodeFor } from '../helpers/factories.ts';

type Refusal = { details?: { path: string; message: string; row?: number }[]; id?: string };

describe.each(engines)('date windows on every dated field (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    reg: w.a.users.regulator_admin,
    ins: w.a.users.inspector,
    ent: w.a.users.enterprise_admin,
  }));
  const { team, newInspection } = useInspectionTeam(ctx, call);
  const tomorrow = () => addDays(team.today, 1);

  /** Sends the request and expects a 400 whose details name `field` (and say why, in Chinese). */
  const refused = async (
    who: string,
    method: string,
    url: string,
    payload: object,
    field: string,
  ) => {
    const res = await call<Refusal>(who, method, url, payload);
    const label = `${method} ${url} ${JSON.stringify(payload).slice(0, 160)} → ${res.status} ${res.raw.body.slice(0, 300)}`;
    expect(res.status, label).toBe(400);
    expect(
      res.body.details?.map((d) => d.path),
      label,
    ).toContain(field);
    expect(res.body.details?.find((d) => d.path === field)?.message, label).toMatch(
      /^不能(早于|晚于)/,
    );
  };

  const hazard = (foundOn: string) => ({
    mineId: ctx.world.a.mines[0]?.id,
    criterionId: ctx.world.a.criterionId,
    description: '主要通风机无备用',
    location: '主扇房',
    source: '企业自查',
    foundBy: '张三',
    foundOn,
  });

  it('a hazard found on 9999-12-31, tomorrow or before 1949 is refused; one found today is taken', async () => {
    for (const day of ['9999-12-31', tomorrow(), '1900-01-01', '1949-09-30']) {
      await refused('ent', 'POST', '/api/hazards', hazard(day), 'foundOn');
    }
    const made = await call<Refusal>('ent', 'POST', '/api/hazards', hazard(team.today));
    expect(made.status, made.raw.body).toBe(201);
    // 治理时限: at most ten years ahead.
    const plan = (deadline: string) => ({
      responsiblePerson: '李四',
      measures: '加装备用风机',
      fundsYuan: 10000,
      deadline,
      contingencyPlan: '停止作业撤人',
    });
    await refused(
      'ent',
      'POST',
      `/api/hazards/${made.body.id}/plan`,
      plan('9999-12-31'),
      'deadline',
    );
    const planned = await call('ent', 'POST', `/api/hazards/${made.body.id}/plan`, {
      ...plan(addDays(team.today, 30)),
    });
    expect(planned.status, planned.raw.body).toBe(200);
  });

  it('an inspection on 0001-01-01 or tomorrow is refused, and so are its later dates outside their windows', async () => {
    const body = (inspectedOn: string) => ({
      mineId: ctx.world.a.mines[0]?.id,
      kind: '常规',
      inspectedOn,
      teamUserIds: [team.inspectorId, team.adminId],
    });
    for (const day of ['0001-01-01', tomorrow()]) {
      await refused('ins', 'POST', '/api/inspections', body(day), 'inspectedOn');
    }
    const made = await newInspection([team.inspectorId, team.adminId]);
    expect(made.status, made.raw.body).toBe(201);
    const id = made.body.id;
    await refused(
      'ins',
      'PATCH',
      `/api/inspections/${id}`,
      { recheckOn: '9999-12-31' },
      'recheckOn',
    );
    await refused(
      'ins',
      'POST',
      `/api/inspections/${id}/recheck`,
      { recheckedOn: tomorrow(), result: '已整改' },
      'recheckedOn',
    );
    await refused(
      'ins',
      'POST',
      `/api/inspections/${id}/findings`,
      { kind: '一般违法行为', description: '未设警示', location: '井口', deadline: '9999-12-31' },
      'deadline',
    );
    await refused(
      'reg',
      'POST',
      '/api/penalties',
      {
        inspectionId: id,
        target: '企业',
        partyName: '某矿业公司',
        legalBasis: '《安全生产法》第一百零一条',
        facts: '未设警示',
        amountYuan: 10000,
        decidedOn: '9999-12-31',
      },
      'decidedOn',
    );
  });

  it('a mine whose status is since 9999-12-31, or a licence ending in 9999, is refused — one by one and in an import', async () => {
    const mine = (statusSince: string, licence: object = {}) => ({
      name: `窗口测试矿${statusSince}`,
      enterpriseId: ctx.world.a.enterpriseId,
      countyCode: ctx.world.a.county,
      kind: '金属非金属露天矿山',
      scale: '小型',
      status: '建设',
      statusSince,
      slopeHeightM: 40,
      licences: [
        {
          kind: '安全生产许可证',
          number: `WIN-${statusSince}`,
          issuedOn: '2025-01-01',
          expiresOn: '2028-01-01',
          ...licence,
        },
      ],
    });
    await refused('reg', 'POST', '/api/mines', mine('9999-12-31'), 'statusSince');
    await refused(
      'reg',
      'POST',
      '/api/mines',
      mine('2026-01-01', { expiresOn: '9999-12-31' }),
      'licences.0.expiresOn',
    );
    const mineId = ctx.world.a.mines[0]?.id;
    await refused(
      'reg',
      'POST',
      `/api/mines/${mineId}/status`,
      { status: '停工停产', effectiveDate: '9999-12-31', reason: '设备检修' },
      'effectiveDate',
    );
    await refused(
      'reg',
      'POST',
      `/api/mines/${mineId}/licences`,
      { kind: '安全生产许可证', number: 'WIN-L', issuedOn: tomorrow(), expiresOn: '2029-01-01' },
      'issuedOn',
    );
    await refused(
      'reg',
      'PATCH',
      `/api/licences/${ctx.world.a.licenceIds[0]}`,
      { expiresOn: '9999-12-31' },
      'expiresOn',
    );
    const made = await call<Refusal>('reg', 'POST', '/api/mines', mine(team.today));
    expect(made.status, made.raw.body).toBe(201);
    // An import: the row is refused under its column's header, nothing is written.
    const csv =
      '矿山名称,统一社会信用代码,县级行政区划代码,矿山类型,规模,状态,状态起始日期,边坡高度(m)\n' +
      `窗口导入矿,${await creditCodeOf(ctx.world.a.enterpriseId)},${ctx.world.a.county},金属非金属露天矿山,小型,建设,9999-12-31,40\n`;
    const boundary = '----mwdates';
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/mines/import',
      headers: {
        cookie: ctx.cookies.reg ?? '',
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="mines.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<Refusal>().details).toEqual([
      expect.objectContaining({
        row: 2,
        path: '状态起始日期',
        message: expect.stringMatching(/^不能晚于今天/),
      }),
    ]);
  });

  it('an accident in 1900, an interview held in 1900 and a contractor from year 1 are refused', async () => {
    await refused(
      'reg',
      'POST',
      '/api/accidents',
      {
        mineId: ctx.world.a.mines[0]?.id,
        occurredAt: '1900-01-01T00:00:00Z',
        kind: '坍塌',
        place: '采场',
        deaths: 0,
        seriousInjuries: 1,
        directLossYuan: 0,
        description: '片帮伤人',
      },
      'occurredAt',
    );
    await refused(
      'reg',
      'POST',
      `/api/accidents/${ctx.world.a.accidentIds[0]}/interviews/${ctx.world.a.interviewIds[0]}`,
      { heldOn: '1900-01-02', note: '约谈' },
      'heldOn',
    );
    await refused(
      'reg',
      'POST',
      '/api/contractors',
      {
        mineId: ctx.world.a.mines[0]?.id,
        name: '窗口测试施工队',
        creditCode: creditCodeFor(ctx.world.a.county),
        scopes: ['爆破'],
        startsOn: '0001-01-01',
      },
      'startsOn',
    );
  });

  it('a maintenance window or an alarm response in 1900 is refused', async () => {
    await refused(
      'ent',
      'POST',
      '/api/monitoring/maintenance',
      {
        mineId: ctx.world.a.mines[0]?.id,
        reason: '标校',
        startsAt: '1900-01-01T01:00:00Z',
        endsAt: '1900-01-01T03:00:00Z',
      },
      'startsAt',
    );
    const ack = await call('ent', 'POST', `/api/alarms/${ctx.world.a.alarmIds[0]}/acknowledge`);
    expect(ack.status, ack.raw.body).toBe(200);
    await refused(
      'ent',
      'POST',
      `/api/alarms/${ctx.world.a.alarmIds[0]}/response`,
      { action: '停产撤人', peopleWithdrawn: 1, completedAt: '1900-01-01T01:00:00Z', note: '撤人' },
      'completedAt',
    );
  });

  /** The 统一社会信用代码 of a registered enterprise (read through the API). */
  async function creditCodeOf(enterpriseId: string): Promise<string> {
    const res = await call<{ creditCode: string }>(
      'reg',
      'GET',
      `/api/enterprises/${enterpriseId}`,
    );
    return res.body.creditCode;
  }
});
