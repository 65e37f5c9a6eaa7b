/** @module Column types the pg-core builders lack. */
import { customType } from 'drizzle-orm/pg-core';

/** Binary content (evidence files, photos), returned as a Buffer on both engines. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
