/**
 * @module What every service function receives: the database, the clock, the data key and the
 * process's event channel.
 */
import type { Db } from './db/client.ts';
import type { EventChannel } from './events.ts';
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
  /** This process's event channel: writers publish after commit, in-memory state subscribes. */
  events: EventChannel;
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
