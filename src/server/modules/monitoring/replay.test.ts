/**
 * minewatch replay also runs the lead rules over the replayed period (issue 20 §5: "prints the alarms
 * and leads it finds"; §3: an import says which periods were evaluated and what was found). 超定员
 * (《煤矿重大事故隐患判定标准》第三条 煤矿(1) 超定员组织生产; 第四条: 单班作业人数超过限员规定20%以上): a
 * mine approved for 10 people underground whose 井下人数 point reads 30 for three hours of a day shift
 * (08:00–16:00 China time).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMine } from '../../../../test/helpers/factories.ts';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { systemPrincipal } from '../access/principal.ts';
import { queryRows } from '../../platform/db/client.ts';
import { replay } from './replay.service.ts';
import { createFacility, createSensor } from './sensor.service.ts';

describe.each(engines)('minewatch replay evaluates the lead rules (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('replayed headcount above the approved 10 gives a 超定员 lead, and the report names the period', async () => {
    const admin = systemPrincipal('test:replay');
    const mine = await buildMine(t.deps, { approvedUndergroundStaff: 10, status: '生产' });
    const facility = await createFacility(t.deps, admin, {
      mineId: mine.id,
      code: 'MINE',
      name: '全矿',
      kind: '矿山',
    });
    await createSensor(t.deps, admin, {
      facilityId: facility.id,
      code: 'RY-1',
      name: '井下人数',
      quantity: '井下人数',
    });
    // 2026-11-20 09:00–12:00 China time (01:00–04:00Z), a reading a minute; the clock is 2026-11-22.
    const start = Date.parse('2026-11-20T01:00:00Z');
    const lines = ['sensor,ts,value'];
    for (let m = 0; m < 180; m++) {
      lines.push(`RY-1,${new Date(start + m * 60_000).toISOString()},30`);
    }
    const report = await replay(t.deps, {
      mineIds: [mine.id],
      fileName: 'headcount.csv',
      body: lines.join('\n'),
    });
    expect(report).toMatchObject({ received: 180, stored: 180 });
    // The China day replayed, evaluated (it lies in the scheduled job's range too).
    expect(report.leads?.periods).toEqual([
      {
        mineId: mine.id,
        mineName: mine.name,
        from: '2026-11-19T16:00:00.000Z',
        to: '2026-11-20T16:00:00.000Z',
        scheduled: true,
      },
    ]);
    // The 08:00–16:00 shift held 30 people for two hours and more: one lead, opened.
    expect(report.leads?.leads).toEqual([
      {
        id: expect.any(String),
        mineId: mine.id,
        mineName: mine.name,
        rule: '超定员',
        outcome: 'opened',
        windowStart: '2026-11-20T00:00:00.000Z',
        windowEnd: '2026-11-20T08:00:00.000Z',
      },
    ]);
    expect(report.leads).toMatchObject({ opened: 1, extended: 0 });
    const [lead] = await queryRows<{ rule: string; status: string }>(
      t.database.db,
      sql`SELECT rule, status FROM leads WHERE id = ${report.leads?.leads[0]?.id ?? ''}`,
    );
    expect(lead?.rule).toBe('超定员');
  });
});
