/**
 * @module Password hashing with scrypt (memory-hard; N=2^15, r=8 ⇒ 32 MiB per hash).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LEN = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LEN, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** A self-describing hash: `scrypt$N$r$p$salt$key`, both base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time check of a password against a stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !key) {
    return false;
  }
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64'),
    Number(n),
    Number(r),
    Number(p),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let nobody: Promise<string> | undefined;

/**
 * Checks a password against an account's stored hash; with no account (an unknown user name), against a
 * hash of nobody's password at the same cost, and answers false — so an unknown name takes as long as a
 * known one and the time of a sign-in does not tell which names exist.
 */
export async function checkPassword(
  password: string,
  stored: string | undefined,
): Promise<boolean> {
  if (stored !== undefined) {
    return verifyPassword(password, stored);
  }
  await verifyPassword(password, await (nobody ??= hashPassword(randomBytes(16).toString('hex'))));
  return false;
}

/** Validation of a new password: at least 8 characters, letters and digits. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) {
    return '密码至少8位';
  }
  if (password.length > 200) {
    return '密码过长';
  }
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    return '密码须同时包含字母和数字';
  }
  return null;
}
