/**
 * Stored plans and enforcement statistics over HTTP, on both engines (issue 7 §1, §5): the stored plan
 * keeps every month within the unit's capacity and gives each 四不两直 visit a date inside its month;
 * regenerating keeps visits already made; statistics flag the county that inspects and finds but
 * does not penalise, per region and per inspector; typical cases export.
 */
import ExcelJS from 'exceljs';
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

interface Plan {
  id: string;
  load: number[];
  capacityPerMonth: number[];
  visits: {
    id: string;
    mineId: string;
    month: number;
    kind: string;
    plannedOn: string;
    inspectionId: string | null;
  }[];
}

describe.each(engines)('inspections: stored plans and statistics (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let c: Record<string, string>;

  const call = callerAs(
    () => app,
    () => c,
  );

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    c = await loginAll(app, {
      adm: world.a.users.regulator_admin,
      ins: world.a.users.inspector,
      badm: world.b.users.regulator_admin,
      ent: world.a.users.enterprise_admin,
      sys: world.systemAdmin,
    });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('stores a plan within capacity, with 四不两直 dates inside their month, and keeps visits already made', async () => {
    const capacity = [4, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4];
    const year = 2027;
    expect(
      (await call('ins', 'POST', '/api/inspections/plans', { year, capacityPerMonth: capacity }))
        .status,
    ).toBe(403);
    const made = await call<Plan>('adm', 'POST', '/api/inspections/plans', {
      year,
      capacityPerMonth: capacity,
      inspectorsPerVisit: 2,
      unannouncedShare: 0.5,
    });
    expect(made.status).toBe(201);
    const perMonth = Array.from(
      { length: 12 },
      (_, m) => made.body.visits.filter((v) => v.month === m + 1).length,
    );
    perMonth.forEach((n, m) => expect(n * 2).toBeLessThanOrEqual(capacity[m] ?? 0));
    expect(perMonth[1]).toBe(0);
    expect(made.body.visits.some((v) => v.kind === '四不两直')).toBe(true);
    for (const v of made.body.visits) {
      expect(v.plannedOn.slice(0, 7)).toBe(`${year}-${String(v.month).padStart(2, '0')}`);
    }
    // Only the county's own mines are planned.
    const own = new Set(world.a.mines.map((m) => m.id).concat(world.a2.mines.map((m) => m.id)));
    expect(made.body.visits.every((v) => own.has(v.mineId))).toBe(true);
    const visit = made.body.visits[0];
    const [ins, adm] = [
      await principalOfUser(t.deps, world.a.users.inspector),
      await principalOfUser(t.deps, world.a.users.regulator_admin),
    ];
    const done = await call<{ id: string }>('ins', 'POST', '/api/inspections', {
      mineId: visit?.mineId,
      kind: visit?.kind,
      inspectedOn: visit?.plannedOn,
      teamUserIds: [ins.userId, adm.userId],
      planVisitId: visit?.id,
    });
    expect(done.status).toBe(201);
    const twice = await call('ins', 'POST', '/api/inspections', {
      mineId: visit?.mineId,
      kind: visit?.kind,
      inspectedOn: visit?.plannedOn,
      teamUserIds: [ins.userId, adm.userId],
      planVisitId: visit?.id,
    });
    expect(twice.status).toBe(400);
    const again = await call<Plan>('adm', 'POST', '/api/inspections/plans', {
      year,
      capacityPerMonth: capacity,
      seed: 99,
    });
    expect(again.body.id).toBe(made.body.id);
    expect(
      again.body.visits.filter((v) => v.inspectionId === done.body.id).map((v) => v.id),
    ).toEqual([visit?.id]);
    // The mines never see the plan (四不两直 dates included), not even their own county's.
    expect((await call('ent', 'GET', `/api/inspections/plans/${made.body.id}`)).status).toBe(403);
    expect((await call('ent', 'GET', '/api/inspections/plans')).status).toBe(403);
    // County B's administrator does not see county A's plan.
    expect((await call('badm', 'GET', `/api/inspections/plans/${made.body.id}`)).status).toBe(404);
    const listed = await call<{ id: string }[]>('badm', 'GET', '/api/inspections/plans');
    expect(listed.body.some((p) => p.id === made.body.id)).toBe(false);
  });

  it('flags the county that inspects and finds but does not penalise (零处罚, 只检查不处罚)', async () => {
    // County B's only penalty is revoked; thresholds set so its one inspection and one finding count.
    const bPenalty = world.b.penaltyIds[0] ?? '';
    const revoked = await call('badm', 'PATCH', `/api/penalties/${bPenalty}`, { status: '已撤销' });
    expect(revoked.status).toBe(200);
    const put = await call('sys', 'PUT', '/api/settings/inspections.enforcementFlags', {
      value: { zeroPenaltyMinInspections: 1, inspectOnlyMinFindings: 1 },
      source: 'test',
      verified: false,
    });
    expect(put.status).toBe(200);
    const month = todayIn(t.deps.clock).slice(0, 7);
    const stats = await call<{
      regions: {
        code: string;
        inspections: number;
        findings: number;
        penalties: number;
        flags: string[];
      }[];
      inspectors: { name: string; flags: string[] }[];
      ranking: { rows: { code: string; rank: number }[] };
      months: { code: string; month: string; penaltyYuan: number }[];
    }>('sys', 'GET', `/api/inspections/stats?region=140000&from=${month}&to=${month}`);
    expect(stats.status).toBe(200);
    const city = (code: string) => stats.body.regions.find((r) => r.code === code);
    // 原平市 (a, a2) lies in 忻州市 140900; 乡宁县 (b) in 临汾市 141000.
    expect(city('141000')).toMatchObject({
      inspections: 1,
      findings: 1,
      penalties: 0,
      flags: ['零处罚', '只检查不处罚'],
    });
    expect(city('140900')?.flags).toEqual([]);
    expect(city('140900')?.penalties).toBe(2);
    expect(stats.body.months.find((m) => m.code === '140900')?.penaltyYuan).toBe(100_000);
    expect(stats.body.inspectors.find((i) => i.name === world.b.users.inspector)?.flags).toContain(
      '只检查不处罚',
    );
    expect(stats.body.inspectors.find((i) => i.name === world.a.users.inspector)?.flags).toEqual(
      [],
    );
    expect(stats.body.ranking.rows.map((r) => r.code)).toEqual(['140900', '141000']);
    // County B's own view shows only itself.
    const own = await call<{ regions: { code: string }[] }>(
      'badm',
      'GET',
      `/api/inspections/stats?from=${month}&to=${month}`,
    );
    expect(own.body.regions.map((r) => r.code)).toEqual(['141029']);
  });

  it('exports the typical cases marked in the jurisdiction', async () => {
    const id = world.a.inspectionIds[0] ?? '';
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
    const res = await app.inject({
      method: 'GET',
      url: '/api/inspections/typical-cases/export?format=xlsx',
      headers: { cookie: c.adm ?? '' },
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
    expect(rows[1]).toContain(world.a.mines[0]?.name ?? '?');
    const other = await app.inject({
      method: 'GET',
      url: '/api/inspections/typical-cases/export?format=csv',
      headers: { cookie: c.badm ?? '' },
    });
    expect(other.body).not.toContain('以案促改');
  });
});
