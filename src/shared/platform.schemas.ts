/**
 * @module API shapes of the platform itself: an entity's audit history, the audit chain check and the
 * editable rule parameters (settings).
 */
import { z } from 'zod';

/** One change of an entity in the audit trail, with the entity's state before and after it. */
export const AuditEntryResponse = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  type: z.string().describe('审计事件类型, 如 registry.mine.updated'),
  /** The presented entity before and after the change; its shape is the entity type's own. */
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryResponse = z.infer<typeof AuditEntryResponse>;

/** The audit chain check: rows checked and every break found. */
export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().describe('校验的事件数'),
  problems: z
    .array(z.object({ seq: z.number(), problem: z.string() }))
    .describe('篡改、删除、插入、重新计算或缺失的事件 (seq 0: 锚点文件本身)'),
  notes: z.array(z.string()).describe('校验所依据的锚点及其范围'),
});

/** The path of an entity's history: one of the entity types the modules know, and the entity's id. */
export function auditHistoryParams(entityTypes: readonly [string, ...string[]]) {
  return z.strictObject({
    entityType: z.enum(entityTypes),
    entityId: z.string().min(1).max(100),
  });
}

/** A rule parameter with its source and whether it is verified. */
export const SettingResponse = z.object({
  key: z.string(),
  description: z.string(),
  /** The value; each setting has its own schema (a number, a table, a policy …). */
  value: z.unknown(),
  /** The value in force when none is stored (the catalogue's). */
  default: z.unknown(),
  source: z.string(),
  verified: z.boolean(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});

export const SettingUpdateInput = z.strictObject({
  value: z.unknown(),
  source: z.string().trim().min(1).max(500),
  verified: z.boolean(),
  /** Why the value changes: shown in the setting's history. */
  reason: z.string().trim().min(2).max(500),
});
