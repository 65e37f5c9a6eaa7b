/**
 * Job claims: of two server processes only one runs a job at a time, and a job that ran anywhere within
 * its period waits — on both engines, and with real concurrency on PostgreSQL (PGlite runs one query at
 * a time and would hide a race).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { openDatabase, type Database } from '../platform/db/client.ts';
import { eq } from 'drizzle-orm';
import { claimJob, releaseJob } from './job-claim.repository.ts';
import { jobClaims } from './job-claim.table.ts';
import { CLAIM_LEASE_SECONDS, runClaimed } from './scheduler.ts';

const at = (iso: string) => new Date(iso);
const hold = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);
/** A claim of the lease test's job as the scheduler takes it (held for the lease). */
const claimBy = (owner: string, now: Date) => ({
  name: 'test.lease',
  owner,
  now,
  heldUntil: hold(now, CLAIM_LEASE_SECONDS),
});

describe.each(engines)('job claims (%s)', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(() => t.close());

  afterEach(() => {
    vi.useRealTimers();
  });

  it('a run longer than its lease keeps its claim; a process that died lets it go after the lease', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = t.deps.clock;
    let finish = () => undefined as void;
    const job = {
      name: 'test.lease',
      description: 'a long run',
      everySeconds: 1,
      run: () =>
        new Promise<Record<string, number>>((resolve) => (finish = () => resolve({ done: 1 }))),
    };
    const log = () => undefined;
    const running = runClaimed({ deps: t.deps, log }, job, 'runner', false);
    const row = async () =>
      (await t.deps.db.select().from(jobClaims).where(eq(jobClaims.name, 'test.lease')))[0];
    await vi.waitFor(async () => expect((await row())?.owner).toBe('runner'));
    // Twice the lease passes while it runs: renewed every third of it, the claim holds.
    for (let i = 0; i < 6; i++) {
      clock.advance((CLAIM_LEASE_SECONDS * 1000) / 3);
      await vi.advanceTimersByTimeAsync((CLAIM_LEASE_SECONDS * 1000) / 3);
      // The renewal is a database write: it lands a moment later, holding the lease from now.
      const lease = clock().getTime() + CLAIM_LEASE_SECONDS * 1000;
      await vi.waitFor(async () => expect((await row())?.heldUntil.getTime()).toBe(lease));
    }
    expect(await claimJob(t.deps.db, claimBy('other', clock()))).toBe(false);
    finish();
    expect(await running).toEqual({ done: 1 });
    expect(await claimJob(t.deps.db, claimBy('other', clock()))).toBe(true);
    // "other" dies holding it: nobody renews, and after the lease the job is free again.
    clock.advance(CLAIM_LEASE_SECONDS * 1000 - 1000);
    expect(await claimJob(t.deps.db, claimBy('third', clock()))).toBe(false);
    clock.advance(2000);
    expect(await claimJob(t.deps.db, claimBy('third', clock()))).toBe(true);
  });

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
