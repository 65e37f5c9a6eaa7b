/**
 * @module Request and response schemas for login, users and API tokens.
 */
import { z } from 'zod';
import { Uuid } from './common.schemas.ts';
import { localeValues, organisationKinds, roleValues, tokenKinds } from './access.enums.ts';

export const LoginInput = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const Username = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, '用户名为3–50位小写字母、数字、点、下划线或连字符');

/** A phone number the 叫应 gateway dials or texts. */
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确');

export const UserCreateInput = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(8).max(200),
  role: z.enum(roleValues),
  organisationId: Uuid,
  mineId: Uuid.optional().describe('值班员所在矿山 (仅 mine_duty_officer)'),
  locale: z.enum(localeValues).optional(),
  email: z.email().max(254).optional().describe('接收预警叫应邮件的地址'),
  phone: Phone.optional().describe('接收预警叫应短信、电话的号码'),
});
export type UserCreateInput = z.infer<typeof UserCreateInput>;

/** The jurisdiction of the signed-in user: everything, a region's subtree, one enterprise, or named mines. */
export const ScopeResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('region'), regionCode: z.string() }),
  z.object({ kind: z.literal('enterprise'), enterpriseId: z.string() }),
  z.object({ kind: z.literal('mines'), mineIds: z.array(z.string()) }),
]);

export const MeResponse = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roleValues),
  organisationId: z.string(),
  organisationName: z.string(),
  locale: z.enum(localeValues),
  permissions: z.array(z.string()),
  scope: ScopeResponse,
});
export type MeResponse = z.infer<typeof MeResponse>;

export const LocaleInput = z.strictObject({ locale: z.enum(localeValues) });

/** The answer of a logout. */
export const LogoutResponse = z.object({ ok: z.boolean() });

export const UserResponse = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roleValues),
  organisationId: z.string(),
  mineId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
});

/** A user as the administration list shows them: with their organisation's and mine's names. */
export const UserListItemResponse = UserResponse.extend({
  organisationName: z.string(),
  organisationKind: z.enum(organisationKinds),
  mineName: z.string().nullable(),
  createdAt: z.string(),
});
export type UserListItemResponse = z.infer<typeof UserListItemResponse>;

/** Changes to a user's name, role, organisation, mine or e-mail (at least one). */
export const UserUpdateInput = z
  .strictObject({
    displayName: z.string().trim().min(1).max(100).optional(),
    role: z.enum(roleValues).optional(),
    organisationId: Uuid.optional(),
    mineId: Uuid.nullable().optional().describe('值班员所在矿山 (仅 mine_duty_officer)'),
    email: z.email().max(254).nullable().optional(),
    phone: Phone.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: '至少修改一项' });
export type UserUpdateInput = z.infer<typeof UserUpdateInput>;

/** A reset password: the temporary password is in this answer only. */
export const PasswordResetResponse = z.object({
  user: UserResponse,
  temporaryPassword: z.string().describe('临时密码, 只显示这一次'),
});

/** An organisation a user may belong to. */
export const OrganisationResponse = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  regionCode: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  createdAt: z.string(),
});
export type OrganisationResponse = z.infer<typeof OrganisationResponse>;

export const TokenCreateInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(tokenKinds),
  mineIds: z.array(Uuid).min(1).max(1000).optional().describe('网关令牌可上报数据的矿山'),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type TokenCreateInput = z.infer<typeof TokenCreateInput>;

export const TokenResponse = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(tokenKinds),
  mineIds: z.array(z.string()),
  expiresAt: z.string().nullable(),
  revoked: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('最近一次使用 (按分钟记录)'),
});

/** A token in the list: with the names of its mines. */
export const TokenListItemResponse = TokenResponse.extend({
  mineNames: z.array(z.string()),
});
export type TokenListItemResponse = z.infer<typeof TokenListItemResponse>;

export const TokenCreatedResponse = TokenResponse.extend({
  token: z.string().describe('令牌明文, 只显示这一次'),
});

export const OrganisationCreateInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(organisationKinds),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  enterpriseId: Uuid.optional(),
});
export type OrganisationCreateInput = z.infer<typeof OrganisationCreateInput>;
