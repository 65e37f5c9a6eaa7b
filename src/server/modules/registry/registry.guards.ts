/**
 * @module Checks shared by the registry's use cases.
 */
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField } from '../../platform/errors.ts';
import { regionInScope, type Principal } from '../../platform/auth/scope.ts';
import { findRegion } from './region.repository.ts';

/**
 * The region must exist (400 naming the field) and lie in the caller's jurisdiction (403), and, when
 * `level` is given, be of that level (3 = county).
 */
export async function assertRegionUsable(
  db: Db,
  principal: Principal,
  code: string,
  field: string,
  level?: number,
): Promise<{ code: string; name: string }> {
  const region = await findRegion(db, code);
  if (!region) {
    throw invalidField(field, `未知的行政区划代码 ${code} (GB/T 2260)`, code);
  }
  if (level !== undefined && region.level !== level) {
    throw invalidField(field, `${code} ${region.name} 不是县级行政区划`, code);
  }
  if (!regionInScope(principal.scope, code)) {
    throw new AppError(AppErrorCode.Forbidden, `行政区划 ${code} 不在您的管辖范围内`, [
      { path: field, message: '不在管辖范围内', value: code },
    ]);
  }
  return region;
}

/** Optimistic concurrency: a stale `version` is a 409 that tells the caller to reload. */
export function checkVersion(entity: string, current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new AppError(AppErrorCode.Conflict, `${entity} was changed by someone else`, [
      { path: 'version', message: `当前版本为 ${current}, 请刷新后重试`, value: expected },
    ]);
  }
}

/** Removes keys whose value is undefined, so that a PATCH only touches the fields it names. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
