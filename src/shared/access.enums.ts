/**
 * @module Vocabularies of access: roles, organisation and token kinds, interface languages.
 */

/** The roles a user may hold (their permissions are joined per module in server/modules/roles.ts). */
export const roleValues = [
  'regulator_viewer',
  'inspector',
  'regulator_admin',
  'enterprise_admin',
  'safety_officer',
  'mine_duty_officer',
  'system_admin',
] as const;
export type UserRole = (typeof roleValues)[number];

/** Each role's Chinese name, as screens and records (e.g. an alarm's call timeline) show it. */
export const roleNames: Record<UserRole, string> = {
  regulator_viewer: '监管查看员',
  inspector: '执法人员',
  regulator_admin: '监管管理员',
  enterprise_admin: '企业管理员',
  safety_officer: '安全管理人员',
  mine_duty_officer: '矿山值班员',
  system_admin: '系统管理员',
};

/** A regulator unit (bound to a region), an enterprise's own organisation, or the system's. */
export const organisationKinds = ['regulator', 'enterprise', 'system'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** Which kind of organisation each role belongs to (the server refuses any other pairing). */
export const roleOrganisationKind: Record<UserRole, OrganisationKind> = {
  regulator_viewer: 'regulator',
  inspector: 'regulator',
  regulator_admin: 'regulator',
  enterprise_admin: 'enterprise',
  safety_officer: 'enterprise',
  mine_duty_officer: 'enterprise',
  system_admin: 'system',
};

/** A user's own API token, or a gateway token that may only ingest readings for named mines. */
export const tokenKinds = ['user', 'gateway'] as const;
export type TokenKind = (typeof tokenKinds)[number];

/** The interface languages. */
export const localeValues = ['zh-CN', 'en-US'] as const;
export type LocaleValue = (typeof localeValues)[number];
