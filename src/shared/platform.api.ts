/**
 * @module Endpoint contracts of the platform (server: platform/audit/audit.routes.ts and
 * platform/settings/settings.routes.ts): an entity's audit history, the chain check and the settings.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import { AuditEntryResponse, AuditVerifyResponse, SettingResponse } from './platform.schemas.ts';

const Settings = z.array(SettingResponse);

export const platformApi = {
  /** Who changed an entity, when, and what it was before and after (oldest first). */
  auditHistory: endpoint('GET', '/api/audit/:entityType/:entityId', z.array(AuditEntryResponse)),
  verifyAudit: endpoint('GET', '/api/audit/verify', AuditVerifyResponse),
  settings: endpoint('GET', '/api/settings', Settings),
  /** Changes one setting; answers every setting. */
  changeSetting: endpoint('PUT', '/api/settings/:key', Settings),
};
