/**
 * @module Reads and changes rule parameters. Reads fall back to the catalogue default; changes are
 * validated against the catalogue schema and audited.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError, AppErrorCode, notFound } from '../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { AuditActor } from '../audit/audit.events.ts';
import { Permission } from '../auth/permissions.ts';
import type { Principal } from '../auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../context.ts';
import { settings } from './settings.table.ts';
import { settingsCatalogue, type SettingKey, type SettingValue } from './settings.catalogue.ts';

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingsCatalogue, key);
}

/** The value in force for a key. */
export async function getSetting<K extends SettingKey>(db: Db, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  if (!row) {
    return settingsCatalogue[key].default;
  }
  return settingsCatalogue[key].schema.parse(row.value);
}

/** Every setting with its value, source and whether the value is verified. */
export async function listSettings(db: Db) {
  const rows = await db.select().from(settings);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return (Object.keys(settingsCatalogue) as SettingKey[]).map((key) => {
    const def = settingsCatalogue[key];
    const row = byKey.get(key);
    return {
      key,
      description: def.description,
      value: row ? row.value : def.default,
      source: row?.source ?? def.source,
      verified: row?.verified ?? def.verified,
      isDefault: !row,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  });
}

/** Replaces a setting's value inside the caller's transaction; the new value must fit the schema. */
export async function updateSetting(
  tx: Db,
  actor: AuditActor,
  at: Date,
  key: string,
  input: { value: unknown; source: string; verified: boolean },
): Promise<void> {
  if (!isSettingKey(key)) {
    throw notFound('setting', key);
  }
  const parsed = settingsCatalogue[key].schema.safeParse(input.value);
  if (!parsed.success) {
    throw new AppError(
      AppErrorCode.ValidationFailed,
      `setting ${key} has an invalid value`,
      parsed.error.issues.map((i) => ({
        path: ['value', ...i.path].join('.'),
        message: i.message,
      })),
    );
  }
  const before = await getSetting(tx, key);
  const row = {
    value: parsed.data,
    source: input.source,
    verified: input.verified,
    updatedAt: at,
    updatedBy: actor.actorId,
  };
  await tx
    .insert(settings)
    .values({ key, ...row })
    .onConflictDoUpdate({ target: settings.key, set: row });
  await recordAudit(tx, actor, at, {
    type: 'settings.setting.updated',
    entityId: key,
    before,
    after: input,
  });
}

/** Work that must happen in the same transaction when a setting changes (e.g. re-grading ponds). */
export type SettingFollowUps = Partial<Record<SettingKey, (tx: Db) => Promise<unknown>>>;

/** The use case behind PUT /api/settings/:key: validate, store, audit and apply, in one transaction. */
export async function changeSetting(
  deps: ServiceDeps,
  principal: Principal,
  key: string,
  input: { value: unknown; source: string; verified: boolean },
  followUps: SettingFollowUps,
): Promise<void> {
  requirePermission(principal, Permission.SettingsManage);
  await deps.db.transaction(async (tx) => {
    await updateSetting(tx, actorOf(principal), deps.clock(), key, input);
    if (isSettingKey(key)) {
      await followUps[key]?.(tx);
    }
  });
}
