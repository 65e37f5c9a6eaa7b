/**
 * @module Sign-in throttling, atomic across processes and connections: failed sign-ins per client address
 * within a window (platform/throttle), and per user name a back-off that doubles with each failure past
 * the first few instead of a hard lock — and does not hold at the address the account last signed in
 * from, so a stranger elsewhere cannot keep the owner (or `admin`) locked out. An attempt counts as a
 * failure from the moment it starts and is taken back when the password proves right, so of concurrent
 * attempts no more than the limits are ever checked. An unknown name backs off exactly like a known one:
 * the answers do not tell names apart.
 */
import { DAY_MS, MINUTE_MS } from '../../../shared/dates.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { keyedDigest } from '../../platform/crypto.ts';
import { AppError, AppErrorCode } from '../../platform/errors.ts';
import { hitsSince, lockBucket, recordHit, removeHit } from '../../platform/throttle/throttle.ts';
import * as repo from './login.repository.ts';

export const LoginLimits = {
  /** Failed sign-ins from one client address within `addressWindowMs` before its attempts are refused. */
  addressFailures: 20,
  addressWindowMs: 15 * MINUTE_MS,
  /** Failures of one user name before it backs off. */
  freeFailures: 5,
  /** The first hold of a name; each further failure doubles it, up to `holdMaxMs`. */
  holdBaseMs: MINUTE_MS / 2,
  holdMaxMs: 15 * MINUTE_MS,
  /** A name not tried for this long starts again from no failures. */
  quietResetMs: DAY_MS,
} as const;

/** How long a name is held after `failures` consecutive failures (0: not held). */
export function holdAfter(failures: number): number {
  if (failures < LoginLimits.freeFailures) {
    return 0;
  }
  const doublings = Math.min(failures - LoginLimits.freeFailures, 20);
  return Math.min(LoginLimits.holdBaseMs * 2 ** doublings, LoginLimits.holdMaxMs);
}

/** A started sign-in, counted as a failure until `loginSucceeded` takes it back. */
export interface LoginAttempt {
  hitId: string;
  nameDigest: string;
  addressDigest: string;
}

const addressBucket = (digest: string) => `login:${digest}`;
const nameBucket = (digest: string) => `login-name:${digest}`;

/**
 * Starts a sign-in: refused (429) while the client address is over its failures or the name is held
 * (unless it comes from the name's last good address); otherwise counted as a failure of both.
 */
export async function beginLogin(
  deps: ServiceDeps,
  username: string,
  ip: string | null,
): Promise<LoginAttempt> {
  const now = deps.clock();
  const addressDigest = keyedDigest(deps.secret, `login-ip:${ip ?? ''}`);
  const nameDigest = keyedDigest(deps.secret, `login-user:${username}`);
  return deps.db.transaction(async (tx) => {
    // Always the address first, then the name: two sign-ins never wait on each other's lock.
    const bucket = addressBucket(addressDigest);
    await lockBucket(tx, bucket);
    const since = new Date(now.getTime() - LoginLimits.addressWindowMs);
    if ((await hitsSince(tx, bucket, since)) >= LoginLimits.addressFailures) {
      throw new AppError(AppErrorCode.RateLimited, '此地址登录失败次数过多, 请15分钟后再试');
    }
    await lockBucket(tx, nameBucket(nameDigest));
    const row = await repo.findBackoff(tx, nameDigest);
    const fresh = row && now.getTime() - row.updatedAt.getTime() < LoginLimits.quietResetMs;
    const heldUntil = fresh && row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
    if (heldUntil && row?.trustedIpDigest !== addressDigest) {
      const minutes = Math.ceil((heldUntil.getTime() - now.getTime()) / MINUTE_MS);
      throw new AppError(AppErrorCode.RateLimited, `登录失败次数过多, 请${minutes}分钟后再试`);
    }
    const hitId = await recordHit(tx, bucket, now);
    const failures = (fresh ? row.failures : 0) + 1;
    const hold = holdAfter(failures);
    await repo.saveBackoff(tx, {
      nameDigest,
      failures,
      lockedUntil: hold ? new Date(now.getTime() + hold) : null,
      trustedIpDigest: row?.trustedIpDigest ?? null,
      updatedAt: now,
    });
    return { hitId, nameDigest, addressDigest };
  });
}

/** The password was right: the attempt is no failure, the name starts afresh and trusts this address. */
export async function loginSucceeded(deps: ServiceDeps, attempt: LoginAttempt): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await lockBucket(tx, nameBucket(attempt.nameDigest));
    await removeHit(tx, attempt.hitId);
    await repo.saveBackoff(tx, {
      nameDigest: attempt.nameDigest,
      failures: 0,
      lockedUntil: null,
      trustedIpDigest: attempt.addressDigest,
      updatedAt: deps.clock(),
    });
  });
}

/** The purge job: back-off rows of names that never signed in and were not tried for a quiet day. */
export function purgeLoginBackoff(deps: ServiceDeps): Promise<number> {
  return repo.purgeBackoffBefore(
    deps.db,
    new Date(deps.clock().getTime() - LoginLimits.quietResetMs),
  );
}
