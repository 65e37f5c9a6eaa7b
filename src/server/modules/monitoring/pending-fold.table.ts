import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { monitoringSensors } from './monitoring.table.ts';

/**
 * Folds of late readings the engine put off until its writer is idle (monitoring.engine.ts runDeferred):
 * one row per sensor with its earliest late reading, written in the transaction that stored those
 * readings and deleted in the one that runs the fold, so a fold put off survives a restart.
 */
export const monitoringPendingFolds = pgTable('monitoring_pending_folds', {
  sensorId: uuid('sensor_id')
    .primaryKey()
    .references(() => monitoringSensors.id),
  /** The earliest late reading (reading time) the fold must start before. */
  since: timestamp('since', { withTimezone: true }).notNull(),
});
