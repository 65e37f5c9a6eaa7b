/**
 * @module The event channel across nodes (issue 26 §3): several processes on one PostgreSQL server each
 * hold sensors and settings in memory, so a change committed through one node's API must reach the
 * others. The bridge NOTIFYs the bridged events a process publishes (the event as JSON with the
 * publisher's origin id) and LISTENs on a dedicated connection of its own, republishing other nodes'
 * events on the local channel; its own come back too and are ignored. A lost connection is opened again
 * after a pause; events NOTIFYed meanwhile are missed, so once it listens again the bridge publishes
 * `platform.events.missed` here and whoever holds state reads it again (the engine: its sensors, the
 * alarms it holds open, the settings). PostgreSQL only: embedded PGlite is
 * one process by construction. A short CLI command (an import of sensors, a settings change) only
 * sends — it holds nothing in memory to refresh — and its close waits for its NOTIFYs to go out;
 * `minewatch ingest watch`, which holds sensors, listens like a server.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { AppEventName, AppEvents, EventChannel } from './events.ts';

/** The PostgreSQL channel every node NOTIFYs and LISTENs on. */
export const EVENTS_CHANNEL = 'minewatch_events';

/**
 * The events other nodes must hear: changes to what they hold in memory. (`monitoring.alarms.raised` is
 * not: the node that raised the alarms runs their calls, and every node's tick catches up anyway.)
 */
export const BRIDGED_EVENTS = [
  'monitoring.sensor.changed',
  'monitoring.alarm.closed',
  'platform.setting.changed',
] as const satisfies readonly AppEventName[];

type Bridged = (typeof BRIDGED_EVENTS)[number];

/** What travels in a NOTIFY payload (PostgreSQL takes up to 8,000 bytes; these are a few hundred). */
interface Envelope {
  origin: string;
  name: Bridged;
  event: AppEvents[Bridged];
}

export interface EventBridge {
  /** This node's origin id in payloads. */
  origin: string;
  /** Resolves once the listening connection is (again) listening; for tests and start-up. */
  listening(): Promise<void>;
  close(): Promise<void>;
}

export interface EventBridgeOptions {
  log?: (msg: string, err?: unknown) => void;
  /** Pause before a lost listening connection is opened again (default 1 s). */
  reconnectMs?: number;
  /** Hear the other nodes (default true); false sends only (a CLI command). */
  listen?: boolean;
}

const isBridged = (name: string): name is Bridged =>
  (BRIDGED_EVENTS as readonly string[]).includes(name);

/**
 * Bridges `events` over the PostgreSQL server at `url`: from now on this process's bridged events are
 * NOTIFYed and other processes' are published here. Close it before the channel's owner goes.
 */
export function startEventBridge(
  events: EventChannel,
  url: string,
  options: EventBridgeOptions = {},
): EventBridge {
  const log = options.log ?? (() => undefined);
  const reconnectMs = options.reconnectMs ?? 1000;
  const origin = randomBytes(8).toString('hex');
  let closed = false;
  // Set while a remote event is republished here, so that it is not NOTIFYed back out.
  let relaying = false;

  // NOTIFY on a small pool of its own: the app's pool may be busy with long transactions.
  const notifier = new pg.Pool({
    connectionString: url,
    max: 2,
    application_name: 'minewatch events',
    // A server that went away fails the NOTIFY (logged) rather than holding a command's close.
    connectionTimeoutMillis: 5000,
  });
  notifier.on('error', () => undefined);
  // NOTIFYs under way: close waits for them (a CLI command ends right after its change).
  const sending = new Set<Promise<unknown>>();
  const notify = (name: Bridged, event: AppEvents[Bridged]) => {
    const payload: Envelope = { origin, name, event };
    const sent = notifier
      .query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify(payload)])
      .catch((e: unknown) => log(`event ${name} not sent to the other nodes`, e))
      .finally(() => sending.delete(sent));
    sending.add(sent);
  };
  const unsubscribe = BRIDGED_EVENTS.map((name) =>
    events.subscribe(name, (event) => {
      if (!relaying) {
        notify(name, event);
      }
    }),
  );

  const receive = (payload: string | undefined) => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload ?? '') as Envelope;
    } catch (e) {
      log('an unreadable event from another node', e);
      return;
    }
    if (envelope.origin === origin || !isBridged(envelope.name)) {
      return;
    }
    relaying = true;
    try {
      events.publish(envelope.name, envelope.event);
    } finally {
      relaying = false;
    }
  };

  let client: pg.Client | undefined;
  let ready: Promise<void>;
  // Set when a connection was lost or failed to open: events may have been missed until one listens.
  let missed = false;
  const connect = (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'minewatch listen' });
    client = c;
    let lost = false;
    const reopen = (e?: unknown) => {
      if (lost || closed) {
        return;
      }
      lost = true;
      missed = true;
      log('the event listening connection was lost; reconnecting', e);
      void c.end().catch(() => undefined);
      setTimeout(() => {
        if (!closed) {
          ready = connect();
        }
      }, reconnectMs).unref();
    };
    c.on('notification', (m) => {
      if (m.channel === EVENTS_CHANNEL) {
        receive(m.payload);
      }
    });
    c.on('error', reopen);
    c.on('end', () => reopen());
    return c
      .connect()
      .then(() => c.query(`LISTEN ${EVENTS_CHANNEL}`))
      .then(
        () => {
          if (missed) {
            missed = false;
            log('the event listening connection listens again; state is read again');
            events.publish('platform.events.missed', {});
          }
        },
        (e: unknown) => reopen(e),
      );
  };
  ready = options.listen === false ? Promise.resolve() : connect();

  return {
    origin,
    listening: async () => {
      // After a reconnect `ready` is the new connection's promise.
      let seen: Promise<void> | undefined;
      while (seen !== ready) {
        seen = ready;
        await seen;
      }
    },
    close: async () => {
      closed = true;
      unsubscribe.forEach((stop) => stop());
      await client?.end().catch(() => undefined);
      await Promise.all(sending);
      await notifier.end();
    },
  };
}
