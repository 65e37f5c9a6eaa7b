/**
 * The demo's 叫应 reaches people (issue 23 §9): at every mine with monitoring facilities, every step of
 * every level's call policy resolves to at least one named person with a phone — an active user or a
 * registered person of the mine — so no call in the demo ends in 该步骤未找到可叫应人员.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { callContext } from '../modules/monitoring/alarm-call.repository.ts';
import { resolveRecipients } from '../modules/monitoring/alarm.calls.ts';
import { monitoringSettings } from '../modules/monitoring/monitoring.settings.ts';
import { getSetting } from '../platform/settings/settings.service.ts';
import { monitoringFacilities } from '../modules/monitoring/monitoring.table.ts';
import { roleNames } from '../../shared/access.enums.ts';
import { warningLevels } from '../../shared/monitoring.enums.ts';

/** A person's name (two to four Han characters), not a role's or a unit's. */
const named = (name: string) =>
  /^\p{Script=Han}{2,4}$/u.test(name) && !Object.values(roleNames).includes(name);

describe.each(engines)('the demo’s call roster (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, 'demo');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('reaches a named person with a phone at every step of every policy, at every monitored mine', async () => {
    const mines = await t.deps.db
      .selectDistinct({ id: monitoringFacilities.mineId })
      .from(monitoringFacilities)
      .where(sql`${monitoringFacilities.archivedAt} IS NULL`);
    // The seed's monitored mines and the coal mines whose uploads made their own facilities.
    expect(mines.length).toBeGreaterThan(15);
    const policies = await getSetting(t.deps.db, monitoringSettings.callPolicies);
    const misses: string[] = [];
    let steps = 0;
    for (const { id } of mines) {
      const ctx = await callContext(t.deps.db, id, null);
      if (!ctx) {
        throw new Error(`no mine ${id}`);
      }
      for (const level of warningLevels) {
        for (const step of policies[level].steps) {
          steps++;
          const reached = await resolveRecipients(t.deps.db, ctx, step);
          if (!reached.some((r) => named(r.name) && /^1\d{10}$/.test(r.phone ?? ''))) {
            misses.push(
              `${ctx.name} ${level} ${step.stage} (${step.audiences.join('/')}): ${reached.map((r) => r.name).join('、') || '无人'}`,
            );
          }
        }
      }
    }
    expect(steps).toBeGreaterThan(mines.length * warningLevels.length);
    expect(misses).toEqual([]);
  });

  it('calls the duty officer of the mine itself and the regulators of its own county', async () => {
    const [mine] = await t.deps.db
      .selectDistinct({ id: monitoringFacilities.mineId })
      .from(monitoringFacilities)
      .limit(1);
    const ctx = await callContext(t.deps.db, mine?.id ?? '', null);
    if (!ctx) {
      throw new Error('no monitored mine');
    }
    const step = {
      stage: '测试',
      channels: ['in_app' as const],
      ackWithinMinutes: 5,
      renotifyEveryMinutes: 0,
    };
    const duty = await resolveRecipients(t.deps.db, ctx, { ...step, audiences: ['mine_duty'] });
    expect(duty.length).toBeGreaterThan(0);
    expect(duty.every((r) => r.role === 'mine_duty_officer')).toBe(true);
    const county = await resolveRecipients(t.deps.db, ctx, { ...step, audiences: ['county'] });
    expect(county.some((r) => r.phone && named(r.name))).toBe(true);
  });
});
