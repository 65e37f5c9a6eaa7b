/**
 * Sign-in throttling (issue 21 §7; that an unknown name costs the same password check as a known one is
 * platform/auth/password.test.ts): failures are limited per client address; a name backs off with a
 * doubling hold instead of a hard lock, and the hold does not stop the address the account last signed
 * in from, so a stranger cannot keep its owner (or `admin`) out. On PostgreSQL the limits hold under
 * real concurrency (PGlite runs one query at a time and would hide a race).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import { PASSWORD, type World } from '../../../../test/helpers/world.ts';
import type { Engine } from '../../platform/db/client.ts';
import { holdAfter, LoginLimits } from './login.throttle.ts';

function useApp(engine: Engine) {
  const ctx = {} as { t: TestDatabase; app: FastifyInstance; world: World };
  beforeAll(async () => {
    ({ world: ctx.world, ...ctx.t } = await createWorldDatabase(engine));
    ({ app: ctx.app } = await createTestApp(ctx.t));
  });
  afterAll(async () => {
    await ctx.app.close();
    await ctx.t.close();
  });
  const signIn = (username: string, pw: string, address: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: pw },
      remoteAddress: address,
    });
  return { ctx, signIn };
}

const statuses = (codes: number[]) =>
  codes.reduce<Record<number, number>>((n, c) => ({ ...n, [c]: (n[c] ?? 0) + 1 }), {});

describe.each(engines)('sign-in throttling (%s)', (engine) => {
  const { ctx, signIn } = useApp(engine);
  const advance = (ms: number) => ctx.t.deps.clock.advance(ms);

  it('a name backs off after five failures, doubling; its last good address is not held', async () => {
    const name = ctx.world.a.users.regulator_admin;
    const owner = '10.90.2.1';
    const stranger = '10.90.2.2';
    const elsewhere = '10.90.2.3';
    expect((await signIn(name, PASSWORD, owner)).statusCode).toBe(200);
    for (let i = 0; i < LoginLimits.freeFailures; i++) {
      expect((await signIn(name, `bad-${i}-x1`, stranger)).statusCode).toBe(401);
    }
    // Held: even the right password from anywhere but the owner's address is refused unchecked …
    const held = await signIn(name, PASSWORD, elsewhere);
    expect(held.statusCode).toBe(429);
    expect(held.json<{ message: string }>().message).toBe('登录失败次数过多, 请1分钟后再试');
    // … while the owner, at the address they last signed in from, gets in (and starts afresh).
    expect((await signIn(name, PASSWORD, owner)).statusCode).toBe(200);
    expect((await signIn(name, PASSWORD, elsewhere)).statusCode).toBe(200);

    // Back-off, not a hard lock: 30 s after the fifth failure, then 1 min after the sixth, …
    const other = ctx.world.b.users.regulator_admin;
    for (let i = 0; i < LoginLimits.freeFailures; i++) {
      expect((await signIn(other, `bad-${i}-x1`, stranger)).statusCode).toBe(401);
    }
    expect((await signIn(other, PASSWORD, elsewhere)).statusCode).toBe(429);
    advance(holdAfter(5) + 1);
    expect((await signIn(other, 'bad-6-x1', stranger)).statusCode).toBe(401);
    expect(holdAfter(6)).toBe(2 * holdAfter(5));
    advance(holdAfter(5) + 1);
    expect((await signIn(other, PASSWORD, elsewhere)).statusCode).toBe(429);
    advance(holdAfter(5));
    expect((await signIn(other, PASSWORD, elsewhere)).statusCode).toBe(200);
    expect(holdAfter(40)).toBe(LoginLimits.holdMaxMs);
  });

  it('an unknown name backs off exactly like a known one', async () => {
    for (const name of ['no.such.user', ctx.world.a2.users.inspector]) {
      const answers: number[] = [];
      for (let i = 0; i <= LoginLimits.freeFailures; i++) {
        answers.push((await signIn(name, `bad-${i}-x1`, '10.90.3.1')).statusCode);
      }
      expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
    }
  });

  it('failures from one address are limited across names; a right password is no failure', async () => {
    const address = '10.90.4.1';
    expect((await signIn(ctx.world.a.users.safety_officer, PASSWORD, address)).statusCode).toBe(
      200,
    );
    for (let i = 0; i < LoginLimits.addressFailures; i++) {
      expect((await signIn(`guess.${i}`, 'bad-password1', address)).statusCode).toBe(401);
    }
    const refused = await signIn(ctx.world.a.users.safety_officer, PASSWORD, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json<{ message: string }>().message).toBe(
      '此地址登录失败次数过多, 请15分钟后再试',
    );
    expect((await signIn(ctx.world.a.users.safety_officer, PASSWORD, '10.90.4.2')).statusCode).toBe(
      200,
    );
    advance(LoginLimits.addressWindowMs + 1);
    expect((await signIn(ctx.world.a.users.safety_officer, PASSWORD, address)).statusCode).toBe(
      200,
    );
  });
});

describe.runIf(engines.includes('postgres'))(
  'sign-in throttling under concurrency (postgres)',
  () => {
    const { ctx, signIn } = useApp('postgres');

    it('30 wrong passwords for one name from 30 addresses at once: exactly five are checked', async () => {
      const name = ctx.world.a.users.inspector;
      const res = await Promise.all(
        Array.from({ length: 30 }, (_, i) => signIn(name, `bad-${i}-x1`, `10.91.0.${i + 1}`)),
      );
      expect(statuses(res.map((r) => r.statusCode))).toEqual({
        401: LoginLimits.freeFailures,
        429: 30 - LoginLimits.freeFailures,
      });
    });

    it('40 wrong sign-ins from one address at once: exactly the address limit is checked', async () => {
      const res = await Promise.all(
        Array.from({ length: 40 }, (_, i) => signIn(`guess.${i}`, 'bad-password1', '10.92.0.1')),
      );
      expect(statuses(res.map((r) => r.statusCode))).toEqual({
        401: LoginLimits.addressFailures,
        429: 40 - LoginLimits.addressFailures,
      });
    });
  },
);
