/**
 * @module What every service function receives: the database, the clock, the data key and the
 * process's event channel.
 */
import type { Db } from './db/client.ts';
import type { EventChannel } from './events.ts';
import type { AuditActor } from './audit/audit.events.ts';
import type { Permission } from './auth/permissions.ts';
import type { Principal } from './auth/scope.ts';
import { roleNames } from '../../shared/access.enums.ts';
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

/**
 * The 403 of a caller without a permission: the message names the caller's role as people read it
 * (监管查看员无权执行此操作), the detail names the role key and the permission for API clients.
 */
export function forbidden(principal: Principal, permission: Permission): AppError {
  const who =
    principal.kind === 'gateway'
      ? '网关令牌'
      : ((roleNames as Record<string, string>)[principal.role] ?? '当前角色');
  return new AppError(AppErrorCode.Forbidden, `${who}无权执行此操作`, [
    {
      path: 'permission',
      message: `role ${principal.role} (${principal.kind}) lacks ${permission}`,
    },
  ]);
}

/** Throws 403 unless the caller holds the permission. Called first in every use case. */
export function requirePermission(principal: Principal, permission: Permission): void {
  if (!principal.permissions.has(permission)) {
    throw forbidden(principal, permission);
  }
}

/** The audit actor for a principal. */
export function actorOf(principal: Principal): AuditActor {
  return { actorId: principal.userId, actorLabel: principal.username, ip: principal.ip };
}
