/**
 * The pure part of the administration pages: filtering the user list, the roles an organisation may
 * hold, the rule parameters grouped by module, a value shown briefly, and a setting's history as rows.
 */
import {
  roleOrganisationKind,
  roleValues,
  type OrganisationKind,
  type UserRole,
} from '../../../shared/access.enums.ts';
import type { UserListItemResponse } from '../../../shared/access.schemas.ts';
import type { AuditEntryResponse, SettingResponse } from '../../../shared/platform.schemas.ts';
import { displayValue } from '../../app/format.ts';
import type { z } from 'zod';

export type Setting = z.infer<typeof SettingResponse>;

export interface UserFilters {
  q?: string;
  role?: UserRole;
  organisationId?: string;
  state?: 'enabled' | 'disabled';
}

/** The users matching the filters: the text in the name or username, the role, organisation and state. */
export function filterUsers(users: UserListItemResponse[], f: UserFilters): UserListItemResponse[] {
  const q = f.q?.trim().toLowerCase();
  return users.filter(
    (u) =>
      (!q || u.displayName.toLowerCase().includes(q) || u.username.toLowerCase().includes(q)) &&
      (!f.role || u.role === f.role) &&
      (!f.organisationId || u.organisationId === f.organisationId) &&
      (!f.state || u.disabled === (f.state === 'disabled')),
  );
}

/** The roles a user of an organisation of this kind may hold (none but the system's: 系统管理员). */
export function rolesFor(kind: OrganisationKind | undefined): UserRole[] {
  return kind ? roleValues.filter((r) => roleOrganisationKind[r] === kind) : [];
}

/** The module a setting belongs to: the part of its key before the first dot. */
export function settingModule(key: string): string {
  return key.split('.')[0] ?? key;
}

/** The settings grouped by module, in the order the server lists them. */
export function groupSettings(settings: Setting[]): { module: string; settings: Setting[] }[] {
  const groups = new Map<string, Setting[]>();
  for (const s of settings) {
    const m = settingModule(s.key);
    groups.set(m, [...(groups.get(m) ?? []), s]);
  }
  return [...groups].map(([module, list]) => ({ module, settings: list }));
}

/** Whether a value is edited with a number field (anything else with the JSON editor). */
export function isNumberSetting(s: Pick<Setting, 'value' | 'default'>): boolean {
  return typeof s.default === 'number';
}

/** A value in a line: numbers and texts as they are, tables and objects as JSON cut at `max`. */
export function briefValue(value: unknown, max = 80): string {
  const text = displayValue(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * What a value is, to show it in a line: a number, text or switch as it is; a table by its rows and a
 * structured value by its fields (their JSON unfolds on request: it holds keys and codes).
 */
export function valueShape(
  value: unknown,
): { kind: 'scalar'; text: string } | { kind: 'rows' | 'fields'; count: number } {
  if (Array.isArray(value)) {
    return { kind: 'rows', count: value.length };
  }
  if (value !== null && typeof value === 'object') {
    return { kind: 'fields', count: Object.keys(value).length };
  }
  return { kind: 'scalar', text: briefValue(value) };
}

/** Parses the JSON editor's text; a problem names the line and column where it can. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, problem: (e as Error).message };
  }
}

export interface SettingChangeRow {
  seq: number;
  at: string;
  actor: string;
  reason: string | null;
  from: unknown;
  to: unknown;
  source: string | null;
  verified: boolean | null;
}

/** A setting's changes, newest first: who, when, why, and the value before and after. */
export function settingHistory(entries: AuditEntryResponse[]): SettingChangeRow[] {
  return entries
    .filter((e) => e.type === 'settings.setting.updated')
    .map((e) => {
      const after = (e.after ?? {}) as {
        value?: unknown;
        reason?: string;
        source?: string;
        verified?: boolean;
      };
      return {
        seq: e.seq,
        at: e.at,
        actor: e.actor,
        reason: after.reason ?? null,
        from: e.before,
        to: after.value,
        source: after.source ?? null,
        verified: after.verified ?? null,
      };
    })
    .reverse();
}
