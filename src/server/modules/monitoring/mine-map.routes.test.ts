/**
 * The mine map read (issue 23 §3): points with their worst open alarm, mines without coordinates counted
 * and not placed, coordinates checked on the mine form's write, and jurisdiction (a county sees its own
 * county's mines, an enterprise its own, a region outside the jurisdiction is not found).
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { loginAll, type World } from '../../../../test/helpers/world.ts';
import type { MineMapResponse } from '../../../shared/mine-map.schemas.ts';

describe.each(engines)('the mine map (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: World;
  let cookies: Record<string, string>;

  const map = async (cookie: string, query = '') => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/monitoring/mine-map${query}`,
      headers: { cookie },
    });
    return { status: res.statusCode, body: res.json<MineMapResponse>() };
  };
  const place = (cookie: string, id: string, longitude: unknown, latitude: unknown) =>
    app.inject({
      method: 'PATCH',
      url: `/api/mines/${id}`,
      headers: { cookie },
      payload: { longitude, latitude },
    });

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app } = await createTestApp(t));
    cookies = await loginAll(app, {
      regA: world.a.users.regulator_admin,
      regB: world.b.users.regulator_admin,
      entA2: world.a2.users.enterprise_admin,
    });
    const coalA = world.a.mines[0]?.id ?? '';
    const coalB = world.b.mines[0]?.id ?? '';
    const coalA2 = world.a2.mines[0]?.id ?? '';
    expect((await place(cookies.regA ?? '', coalA, 112.705, 39.002)).statusCode).toBe(200);
    expect((await place(cookies.regA ?? '', coalA2, 112.61, 38.95)).statusCode).toBe(200);
    expect((await place(cookies.regB ?? '', coalB, 110.92, 35.98)).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await t.close();
  });

  it('answers the county’s located mines with their worst open alarm, and counts the others', async () => {
    const { status, body } = await map(cookies.regA ?? '');
    expect(status).toBe(200);
    expect(body.regionCode).toBe('140981');
    expect(body.mines.map((m) => m.name).sort()).toEqual(['a2煤矿', 'a煤矿']);
    const a = body.mines.find((m) => m.name === 'a煤矿');
    expect(a).toMatchObject({
      id: world.a.mines[0]?.id,
      countyCode: '140981',
      longitude: 112.705,
      latitude: 39.002,
      worstLevel: '黄色',
      openAlarms: 1,
    });
    // The two 尾矿库 have no coordinates: counted, never drawn at 0,0.
    expect(body.unlocated).toBe(2);
    expect(body.mines.every((m) => m.longitude !== 0 && m.latitude !== 0)).toBe(true);
  });

  it('takes the worst of several open alarms and forgets closed ones', async () => {
    const mineId = world.a.mines[0]?.id ?? '';
    await t.deps.db.execute(
      sql`UPDATE alarms SET level = '红色' WHERE id = ${world.a.alarmIds[0]} AND mine_id = ${mineId}`,
    );
    expect(
      (await map(cookies.regA ?? '')).body.mines.find((m) => m.id === mineId)?.worstLevel,
    ).toBe('红色');
    await t.deps.db.execute(
      sql`UPDATE alarms SET closed_at = now() WHERE id = ${world.a.alarmIds[0]}`,
    );
    const after = (await map(cookies.regA ?? '')).body.mines.find((m) => m.id === mineId);
    expect(after).toMatchObject({ worstLevel: null, openAlarms: 0 });
  });

  it('keeps each county to its own mines and refuses a region outside the jurisdiction', async () => {
    const b = await map(cookies.regB ?? '');
    expect(b.body.regionCode).toBe('141029');
    expect(b.body.mines.map((m) => m.name)).toEqual(['b煤矿']);
    expect((await map(cookies.regB ?? '', '?region=140981')).status).toBe(404);
    // An ancestor of the caller's county frames the caller's own county.
    const up = await map(cookies.regA ?? '', '?region=140900');
    expect(up.status).toBe(200);
    expect(up.body.regionCode).toBe('140981');
    expect(up.body.mines.some((m) => m.name === 'b煤矿')).toBe(false);
  });

  it('shows an enterprise only its own mines', async () => {
    const { body } = await map(cookies.entA2 ?? '');
    expect(body.regionCode).toBeNull();
    expect(body.mines.map((m) => m.name)).toEqual(['a2煤矿']);
    expect(body.unlocated).toBe(1);
  });

  it('refuses coordinates outside China on the mine form, writing nothing', async () => {
    const id = world.a.mines[1]?.id ?? '';
    const bad = await place(cookies.regA ?? '', id, 12.5, 39);
    expect(bad.statusCode).toBe(400);
    expect((await place(cookies.regA ?? '', id, 112.7, 91)).statusCode).toBe(400);
    expect((await place(cookies.regA ?? '', id, '112.7', 39)).statusCode).toBe(400);
    expect((await map(cookies.regA ?? '')).body.unlocated).toBe(2);
  });
});
