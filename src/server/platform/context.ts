/**
 * @module What every service function receives: the database, the clock and the data key.
 */
import type { Db } from './db/client.ts';
import type { AuditActor } from './audit/audit.events.ts';
import type { Permission } from './auth/permissions.ts';
import type { Principal } from './auth/scope.ts';
import { AppError, AppErrorCode } from './errors.ts';

export interface ServiceDeps {
  db: Db;
  /** Current time; tests pass a controllable clock. */
  clock: () => Date;
  /** 32-byte key for protected fields. */
  secret: Buffer;
}

/** Throws 403 unless the caller holds the permission. Called first in every use case. */
export function requirePermission(principal: Principal, permission: Permission): void {
  if (!principal.permissions.has(permission)) {
    throw new AppError(AppErrorCode.Forbidden, `需要权限 ${permission}`, [
      { path: 'permission', message: `role ${principal.role} lacks ${permission}` },
    ]);
  }
}

/** The audit actor for a principal. */
export function actorOf(principal: Principal): AuditActor {
  return { actorId: principal.userId, actorLabel: principal.username, ip: principal.ip };
}

/** Today's date (Asia/Shanghai) as YYYY-MM-DD. */
export function todayIn(clock: () => Date, offsetDays = 0): string {
  const t = new Date(clock().getTime() + 8 * 3600_000 + offsetDays * 86_400_000);
  return t.toISOString().slice(0, 10);
}
