/**
 * @module Jurisdiction: what a caller may see. A regulator sees its region subtree (GB/T 2260 codes
 * are hierarchical: a province owns every code with its first 2 digits, a city its first 4); an
 * enterprise its own mines; a duty officer or gateway token the mines it names.
 */
import type { LocaleValue } from '../../../shared/access.enums.ts';
import type { Permission, Role } from './permissions.ts';

export type Scope =
  | { kind: 'all' }
  | { kind: 'region'; regionCode: string; prefix: string }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'mines'; mineIds: readonly string[] };

/** The authenticated caller of a use case. */
export interface Principal {
  /** 'user' for a session or a user's token, 'gateway' for a gateway token. */
  kind: 'user' | 'gateway';
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  scope: Scope;
  permissions: ReadonlySet<Permission>;
  /** Client address, recorded in the audit trail. */
  ip: string | null;
  locale: LocaleValue;
  /**
   * How the caller proved who it is: a signed-in session, an API token (by id), or the system itself
   * (CLI, seed, jobs, in-process feeds). Only a session or the system may issue API tokens.
   */
  credential: Credential;
}

/** The proof a principal stands on. */
export type Credential =
  { kind: 'session' } | { kind: 'token'; tokenId: string } | { kind: 'system' };

/**
 * The code prefix shared by every region in the subtree of `code`: GB/T 2260 codes are hierarchical,
 * so a province (XX0000) owns XX…, a city (XXYY00) owns XXYY…, and a county only itself.
 */
export function subtreePrefix(code: string): string {
  if (code.endsWith('0000')) {
    return code.slice(0, 2);
  }
  if (code.endsWith('00')) {
    return code.slice(0, 4);
  }
  return code;
}

/** Whether a county (or any region) code lies inside the scope's region subtree. */
export function regionInScope(scope: Scope, code: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'region' && code.startsWith(scope.prefix));
}

/** The region a regulator's jurisdiction is rooted at (none for national, enterprise or mine scopes). */
export function ownRegion(scope: Scope): string | undefined {
  return scope.kind === 'region' ? scope.regionCode : undefined;
}
