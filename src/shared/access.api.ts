/**
 * @module Endpoint contracts of access (server: modules/access/access.routes.ts): signing in and out,
 * the current user and their language, users and API tokens.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  LogoutResponse,
  MeResponse,
  TokenCreatedResponse,
  TokenResponse,
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
  users: endpoint('GET', '/api/users', z.array(UserResponse)),
  createUser: endpoint('POST', '/api/users', UserResponse, 201),
  /** The API tokens the caller issued. */
  tokens: endpoint('GET', '/api/tokens', z.array(TokenResponse)),
  /** Issues a token; its secret is in this answer only. */
  createToken: endpoint('POST', '/api/tokens', TokenCreatedResponse, 201),
  revokeToken: endpoint('DELETE', '/api/tokens/:id', TokenResponse),
};
