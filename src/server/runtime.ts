/**
 * @module Opens the configured database, migrates it, and assembles the service dependencies used by
 * the HTTP server, the CLI and jobs alike.
 */
import { sql } from 'drizzle-orm';
import type { Config } from './platform/config.ts';
import type { ServiceDeps } from './platform/context.ts';
import { createEventChannel } from './platform/events.ts';
import { startEventBridge } from './platform/events.bridge.ts';
import { migrateDatabase, openDatabase, type Database } from './platform/db/client.ts';
import type { DataLock } from './platform/db/data-lock.ts';
import {
  anchorAuditTrail,
  type AnchorOutcome,
  type AuditAnchorOptions,
} from './platform/audit/audit.anchor.ts';
import { useAuditKey } from './platform/audit/audit.key.ts';

export interface Runtime {
  database: Database;
  deps: ServiceDeps;
  /** The audit trail's anchor file and the key it is signed with (what `audit verify` checks against). */
  audit: AuditAnchorOptions;
  /**
   * What anchoring the audit trail at open did (undefined when opened with `anchor: false`): `adopted`
   * and `behind` deserve a warning (the anchor was missing; the trail is shorter than its anchor).
   */
  anchoredAtOpen: AnchorOutcome | undefined;
  /** Appends a checkpoint of the audit trail to the anchor when its head moved. */
  anchorAudit(): Promise<AnchorOutcome>;
  /** Anchors the audit trail (unless opened with `anchor: false`), then closes the database. */
  close(): Promise<void>;
}

/** The embedded database's data folder under DATA_DIR. */
export function pgliteDataDir(config: Pick<Config, 'dataDir'>): string {
  return `${config.dataDir}/pglite`;
}

/**
 * Opens and migrates the configured database. The embedded one takes the lock on its data folder until
 * close, unless the caller holds it (`lock`, the server's for its whole life).
 */
export async function openRuntime(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'secret' | 'auditAnchorFile'>,
  options: {
    lock?: DataLock | undefined;
    /** Write audit checkpoints at open and close (off for `audit verify`, which only reads the anchor). */
    anchor?: boolean;
    /**
     * On PostgreSQL, bridge the events to the other processes on the server (events.bridge.ts): a
     * server `listen`s and sends, a CLI command only sends (the default).
     */
    events?: 'listen' | 'send';
    /** Where the event bridge reports a lost connection or an event not sent. */
    log?: (msg: string, err?: unknown) => void;
  } = {},
): Promise<Runtime> {
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : pgliteDataDir(config),
    lock: options.lock,
  });
  const audit: AuditAnchorOptions = { secret: config.secret, file: config.auditAnchorFile };
  // Every process but `audit verify` anchors; one that finds no anchor over a trail with events begins
  // one there (an upgrade, a restore, a lost file), which verify then reports with its date.
  const anchorAudit = async () =>
    (await anchorAuditTrail(database.db, audit, { adopt: true, now: new Date() })).outcome;
  const anchoring = options.anchor ?? true;
  let anchoredAtOpen: AnchorOutcome | undefined;
  useAuditKey(config.secret);
  try {
    await migrateDatabase(database);
    // PGlite has no autovacuum daemon: refresh planner statistics at start (milliseconds on small data;
    // without them list filters fall back to nested loops).
    if (database.engine === 'pglite') {
      await database.db.execute(sql`ANALYZE`);
    }
    if (anchoring) {
      anchoredAtOpen = await anchorAudit();
    }
  } catch (e) {
    await database.close();
    throw e;
  }
  const events = createEventChannel();
  const bridge = config.databaseUrl
    ? startEventBridge(events, config.databaseUrl, {
        listen: options.events === 'listen',
        log: options.log,
      })
    : undefined;
  return {
    database,
    deps: {
      db: database.db,
      clock: () => new Date(),
      secret: config.secret,
      events,
    },
    audit,
    anchoredAtOpen,
    anchorAudit,
    close: async () => {
      try {
        await bridge?.close();
        if (anchoring) {
          await anchorAudit();
        }
      } finally {
        await database.close();
      }
    },
  };
}
