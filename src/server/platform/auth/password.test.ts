/**
 * Password checks (issue 21 §7): an unknown user name costs the same scrypt work as a known one, so the
 * time a sign-in takes does not tell which names exist. Counted, not timed: node's scrypt is watched
 * (the real one runs) and the derivations of both cases compared.
 */
import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { checkPassword, hashPassword, passwordProblem } from './password.ts';

vi.mock('node:crypto', async (original) => {
  const real = await original<typeof import('node:crypto')>();
  return { ...real, scrypt: vi.fn(real.scrypt) };
});

describe('passwords', () => {
  it('an unknown name is checked against a hash of the same cost as a known one', async () => {
    const scrypt = vi.mocked(crypto.scrypt);
    const stored = await hashPassword('right-password1');
    const costs = () => scrypt.mock.calls.map((c) => c[3]);
    scrypt.mockClear();
    expect(await checkPassword('right-password1', stored)).toBe(true);
    expect(await checkPassword('wrong-password1', stored)).toBe(false);
    const known = costs();
    expect(known).toHaveLength(2);
    expect(known[0]).toMatchObject({ N: 2 ** 15, r: 8, p: 1 });
    await checkPassword('warm-up-1', undefined); // the first also makes nobody's hash, once
    scrypt.mockClear();
    expect(await checkPassword('right-password1', undefined)).toBe(false);
    expect(await checkPassword('wrong-password1', undefined)).toBe(false);
    expect(costs()).toEqual(known);
  });

  it('a new password has at least 8 characters, letters and digits', () => {
    expect(passwordProblem('short1')).toBe('密码至少8位');
    expect(passwordProblem('lettersonly')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem('letters4nd')).toBeNull();
  });
});
