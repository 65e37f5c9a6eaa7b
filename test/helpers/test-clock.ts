/**
 * @module The hand-moved clock and the fixed data key every test database uses (the templates are built
 * with the same ones, so sealed fields and times in a cloned template read as in a fresh build).
 */
import type { Db } from '../../src/server/platform/db/client.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { createEventChannel } from '../../src/server/platform/events.ts';
import { useAuditKey } from '../../src/server/platform/audit/audit.key.ts';

/** A clock the test moves by hand. */
export interface TestClock {
  now: Date;
  (): Date;
  advance(ms: number): void;
}

export function testClock(start = '2026-11-22T02:00:00Z'): TestClock {
  const clock = (() => clock.now) as TestClock;
  clock.now = new Date(start);
  clock.advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return clock;
}

/** The data key of every test database. */
export const testSecret = Buffer.alloc(32, 7);

/** Service dependencies over a database with a fresh test clock and event channel (and the audit key). */
export function testDeps(db: Db): ServiceDeps & { clock: TestClock } {
  useAuditKey(testSecret);
  return { db, clock: testClock(), secret: testSecret, events: createEventChannel() };
}
