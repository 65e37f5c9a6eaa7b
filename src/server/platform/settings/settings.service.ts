/**
 * @module Reads and changes rule parameters. Reads fall back to the catalogue default; changes are
 * validated against the catalogue schema and audited.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError, AppErrorCode, notFound } from '../errors.ts';
import { recordAudit } from './settings.audit.ts';
import type { AuditActor } from '../audit/audit.events.ts';
import type { Principal } from '../auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../context.ts';
import { settings } from './settings.table.ts';
import type { SettingDefinition } from './settings.definition.ts';
import { PlatformPermission } from '../auth/permissions.ts';

/** Every setting the modules define, by key, and what must happen in the same transaction on a change. */
export interface SettingsCatalogue {
  definitions: ReadonlyMap<string, SettingDefinition>;
  /** Work that must happen in the same transaction when a setting changes (e.g. re-grading ponds). */
  followUps: ReadonlyMap<string, (tx: Db) => Promise<unknown>>;
}

/** A change of a setting: the new value, its source, whether it is verified, and why it changes. */
export interface SettingChange {
  value: unknown;
  source: string;
  verified: boolean;
  reason: string;
}

/** The value in force for a setting. */
export async function getSetting<T>(db: Db, setting: SettingDefinition<T>): Promise<T> {
  const [row] = await db.select().from(settings).where(eq(settings.key, setting.key));
  if (!row) {
    return setting.default;
  }
  return setting.schema.parse(row.value);
}

/** Every setting with its value, source and whether the value is verified. */
export async function listSettings(db: Db, catalogue: SettingsCatalogue) {
  const rows = await db.select().from(settings);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return [...catalogue.definitions.values()].map((def) => {
    const key = def.key;
    const row = byKey.get(key);
    return {
      key,
      description: def.description,
      value: row ? row.value : def.default,
      default: def.default,
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
  catalogue: SettingsCatalogue,
  actor: AuditActor,
  at: Date,
  key: string,
  input: SettingChange,
): Promise<void> {
  const definition = catalogue.definitions.get(key);
  if (!definition) {
    throw notFound('setting', key);
  }
  const parsed = definition.schema.safeParse(input.value);
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
  const before = await getSetting(tx, definition);
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
    // The history shows who, when, why, and the value before and after.
    after: { ...input, value: parsed.data },
  });
}

/**
 * The use case behind GET /api/settings: the rule parameters, for regulators and the system admin only
 * (the leads' thresholds and the risk model are not for the mines they judge).
 */
export function readSettings(
  deps: ServiceDeps,
  principal: Principal,
  catalogue: SettingsCatalogue,
) {
  requirePermission(principal, PlatformPermission.SettingsRead);
  return listSettings(deps.db, catalogue);
}

/** The use case behind PUT /api/settings/:key: validate, store, audit and apply, in one transaction. */
export async function changeSetting(
  deps: ServiceDeps,
  principal: Principal,
  key: string,
  input: SettingChange,
  catalogue: SettingsCatalogue,
): Promise<void> {
  requirePermission(principal, PlatformPermission.SettingsManage);
  await deps.db.transaction(async (tx) => {
    await updateSetting(tx, catalogue, actorOf(principal), deps.clock(), key, input);
    await catalogue.followUps.get(key)?.(tx);
  });
  deps.events.publish('platform.setting.changed', { key });
}
