/**
 * @module Endpoint contracts of access (server: modules/access/access.routes.ts): signing in and out,
 * the current user and their language, users and API tokens.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  LogoutResponse,
  MeResponse,
  OrganisationResponse,
  PasswordResetResponse,
  TokenCreatedResponse,
  TokenListItemResponse,
  TokenResponse,
  UserListItemResponse,
  UserResponse,
} from './access.schemas.ts';

export const accessApi = {
  /** Signs in with username and password; sets the session cookie. */
  login: endpoint('POST', '/api/auth/login', MeResponse),
  logout: endpoint('POST', '/api/auth/logout', LogoutResponse),
  /** The signed-in user: role, permissions, jurisdiction, language. */
  me: endpoint('GET', '/api/auth/me', MeResponse),
  /** Saves the signed-in user's interface language. */
  setPreferences: endpoint('PUT', '/api/auth/me/preferences', MeResponse),
  /** The users of the organisations within the caller's jurisdiction. */
  users: endpoint('GET', '/api/users', z.array(UserListItemResponse)),
  createUser: endpoint('POST', '/api/users', UserResponse, 201),
  /** Changes a user's name, role, organisation, mine or e-mail. */
  updateUser: endpoint('PATCH', '/api/users/:id', UserResponse),
  disableUser: endpoint('POST', '/api/users/:id/disable', UserResponse),
  enableUser: endpoint('POST', '/api/users/:id/enable', UserResponse),
  /** Sets a new temporary password (in this answer only) and ends the user's sessions. */
  resetPassword: endpoint('POST', '/api/users/:id/reset-password', PasswordResetResponse),
  /** The organisations within the caller's jurisdiction (for the user form). */
  organisations: endpoint('GET', '/api/organisations', z.array(OrganisationResponse)),
  /** The API tokens the caller issued. */
  tokens: endpoint('GET', '/api/tokens', z.array(TokenListItemResponse)),
  /** Issues a token; its secret is in this answer only. */
  createToken: endpoint('POST', '/api/tokens', TokenCreatedResponse, 201),
  revokeToken: endpoint('DELETE', '/api/tokens/:id', TokenResponse),
};
