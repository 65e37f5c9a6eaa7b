/**
 * The engine catching up after missed events (issue 26 §3, on both database engines): told that other
 * nodes' events may have been missed (a reconnected listener, events.bridge.ts), it reads again what it
 * holds; a catch-up whose query fails is reported and tried again until one succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import type { World } from '../../../../test/helpers/world.ts';
import { systemPrincipal } from '../access/principal.ts';
import { createEventChannel } from '../../platform/events.ts';
import { MonitoringEngine } from './monitoring.engine.ts';
import { createSensor } from './sensor.service.ts';

const admin = systemPrincipal('test:catch-up');

describe.each(engines)('the engine catching up on missed events (%s)', (engine) => {
  let t: TestDatabase;
  let world: World;
  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a catch-up whose query fails is reported and tried again until it succeeds', async () => {
    // The database refuses the engine's next reads once (as a connection lost with the listener would).
    let refusals = 0;
    const db = new Proxy(t.deps.db, {
      get(target, prop, receiver) {
        if (prop === 'select' && refusals > 0) {
          refusals--;
          return () => {
            throw new Error('connection terminated');
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const reported: string[] = [];
    const node = new MonitoringEngine({ ...t.deps, db }, { log: (msg) => void reported.push(msg) });
    const mineId = world.a.mines[0]?.id ?? '';
    try {
      await node.warm([mineId]);
      // A sensor added where this node did not hear of it.
      const added = await createSensor({ ...t.deps, events: createEventChannel() }, admin, {
        facilityId: world.a.facilityIds[0] ?? '',
        code: 'a-CH4-补读',
        name: '补读甲烷',
        quantity: 'CH4',
        preset: '甲烷:采煤工作面',
      });
      const write = () =>
        node.ingestAdmitted({
          mineId,
          sensorIds: [added.id],
          times: [t.deps.clock().getTime()],
          values: [0.3],
        });
      expect(await write(), 'unknown to the node until it catches up').toEqual({
        stored: 0,
        alarmsOpened: 0,
      });
      refusals = 1;
      t.deps.events.publish('platform.events.missed', {});
      // The first try failed (the batch waited for it, then went on without the sensor).
      expect(await write()).toEqual({ stored: 0, alarmsOpened: 0 });
      await expect
        .poll(() => reported)
        .toEqual(['monitoring engine: catching up on missed changes failed; again in 1000 ms']);
      // The second, a second later, reads the new sensor.
      await expect
        .poll(async () => (await write()).stored, { timeout: 10_000, interval: 250 })
        .toBe(1);
      expect(reported).toHaveLength(1);
    } finally {
      node.close();
    }
  });
});
