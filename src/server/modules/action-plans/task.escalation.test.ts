/**
 * Overdue tasks climb the shared escalation ladder exactly once per step on a controlled clock, with
 * notifications to the acting users of the units that carry them, and finished tasks (100 %) stop
 * (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第7条: 函告、通报、约谈), on both engines (issue 8 §1).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { principalOfUser } from '../../../../test/helpers/world-enforcement.ts';
import type { World } from '../../../../test/helpers/world.ts';
import { DAY_MS } from '../../../shared/dates.ts';
import { queryRows } from '../../platform/db/client.ts';
import { escalateOverdueTasks } from './task.escalation.ts';
import { reportProgress } from './work-plan.service.ts';

describe.each(engines)('task escalation (%s)', (engine) => {
  let t: TestDatabase;
  let world: World;

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    // County A's task (deadline 2026-12-31, like B's) is finished: it must not climb.
    const admin = await principalOfUser(t.deps, world.a.users.regulator_admin);
    await reportProgress(t.deps, admin, world.a.workTaskIds[0] ?? '', {
      text: '全部完成',
      percent: 100,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('overdue tasks climb the shared ladder once per step; finished tasks stop (提醒 −7, 函告 +1, 通报 +15)', async () => {
    // The world's task of county B: deadline 2026-12-31. Clock: 2026-11-22 (before 提醒 on 12-24).
    const bTask = world.b.workTaskIds[0] ?? '';
    const steps = async () =>
      (
        await queryRows<{ step: string }>(
          t.database.db,
          sql`SELECT step FROM escalations WHERE subject_type = 'work_task' AND subject_id = ${bTask} ORDER BY due_on`,
        )
      ).map((r) => r.step);
    await escalateOverdueTasks(t.deps);
    expect(await steps()).toEqual([]);
    t.deps.clock.advance(32 * DAY_MS); // 2026-12-24: 提醒 is due
    await escalateOverdueTasks(t.deps);
    expect(await steps()).toEqual(['提醒']);
    t.deps.clock.advance(9 * DAY_MS); // 2027-01-02: 函告 (deadline + 1) is due too
    await escalateOverdueTasks(t.deps);
    await escalateOverdueTasks(t.deps);
    expect(await steps()).toEqual(['提醒', '函告']);
    const told = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.subject_id = ${bTask} AND u.username = ${world.b.users.inspector}`,
    );
    expect(told[0]?.n).toBe(2);
    // County A's task was finished (100 %): no step, though its deadline has passed.
    const finished = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM escalations e JOIN work_tasks w ON w.id::text = e.subject_id
          WHERE e.subject_type = 'work_task' AND w.percent = 100`,
    );
    expect(finished[0]?.n).toBe(0);
  });
});
