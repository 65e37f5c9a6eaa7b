/** @module Column types the pg-core builders lack. */
import { customType, integer, text } from 'drizzle-orm/pg-core';

/** Binary content (evidence files, photos), returned as a Buffer on both engines. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** The columns of a stored file identified by its content: type, size, SHA-256 and the bytes. */
export function storedFileColumns() {
  return {
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
  };
}
