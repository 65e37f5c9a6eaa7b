/**
 * Job claims: of two server processes only one runs a job at a time, and a job that ran anywhere within
 * its period waits — on both engines, and with real concurrency on PostgreSQL (PGlite runs one query at
 * a time and would hide a race).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { openDatabase, type Database } from '../platform/db/client.ts';
import { claimJob, releaseJob } from './job-claim.repository.ts';

const at = (iso: string) => new Date(iso);
const hold = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

describe.each(engines)('job claims (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(() => t.close());

  it('a held job is refused to another process until released or lapsed', async () => {
    const db = t.deps.db;
    const now = at('2026-12-01T00:00:00Z');
    const claim = (owner: string, when: Date) =>
      claimJob(db, { name: 'test.held', owner, now: when, heldUntil: hold(when, 60) });
    expect(await claim('a', now)).toBe(true);
    expect(await claim('b', hold(now, 1))).toBe(false);
    // The holder may renew its own claim.
    expect(await claim('a', hold(now, 2))).toBe(true);
    await releaseJob(db, { name: 'test.held', owner: 'a', now: hold(now, 3), result: { n: 1 } });
    expect(await claim('b', hold(now, 4))).toBe(true);
    // A claim that lapsed (its process died mid-run) can be taken over.
    expect(await claim('c', hold(now, 4 + 61))).toBe(true);
  });

  it('with the period respected, a job that started within it anywhere waits', async () => {
    const db = t.deps.db;
    const now = at('2026-12-02T00:00:00Z');
    const claim = (owner: string, when: Date) =>
      claimJob(db, {
        name: 'test.period',
        owner,
        now: when,
        heldUntil: hold(when, 60),
        notBefore: hold(when, -60),
      });
    expect(await claim('a', now)).toBe(true);
    await releaseJob(db, { name: 'test.period', owner: 'a', now: hold(now, 5), result: {} });
    expect(await claim('b', hold(now, 30))).toBe(false);
    expect(await claim('b', hold(now, 60))).toBe(true);
  });
});

describe.runIf(engines.includes('postgres'))('job claims under concurrency (postgres)', () => {
  let t: TestDatabase;
  const others: Database[] = [];
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    // Separate pools stand for separate server processes.
    for (let i = 0; i < 8; i++) {
      others.push(await openDatabase({ url: t.url }));
    }
  });
  afterAll(async () => {
    await Promise.all(others.map((d) => d.close()));
    await t.close();
  });

  it('of 8 processes claiming one job at the same instant, exactly one gets it, every time', async () => {
    for (let round = 0; round < 20; round++) {
      const now = new Date(Date.UTC(2026, 11, 3, 0, round));
      const results = await Promise.all(
        others.map((d, i) =>
          claimJob(d.db, {
            name: 'test.race',
            owner: `process-${i}`,
            now,
            heldUntil: hold(now, 30),
            notBefore: hold(now, -30),
          }),
        ),
      );
      expect(results.filter(Boolean), `round ${round}`).toHaveLength(1);
    }
  });
});
