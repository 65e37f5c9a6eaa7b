/**
 * @module The shape of audit events. Each module lists its own events (`<module>.audit.ts`: event type
 * `<module>.<entity>.<verb>` → the entity kind it is about) and writes them with the recorder made here.
 * Stored JSON outlives the code: changing the shape of an event that is already stored needs a migration
 * of the stored rows, or a new event type.
 */

/** A module's events: each type, with a comment saying when it fires, → the entity kind it is about. */
export type AuditEventCatalogue = Record<string, string>;

/** What a use case hands to `recordAudit`: before/after are presented (API-shaped) snapshots. */
export interface AuditEvent<T extends string = string> {
  type: T;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Who did it and from where. */
export interface AuditActor {
  actorId: string | null;
  /** Username, or `cli:<os user>` / `system:seed` for non-interactive actors. */
  actorLabel: string;
  ip: string | null;
}
