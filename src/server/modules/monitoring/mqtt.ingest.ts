/**
 * @module MQTT ingest (issue 5 §2, issue 22 §3c). Topic scheme (each module declares its topics in its
 * manifest, `mqttTopics`; the broker and the subscriber route by the level after the mine):
 *   publish   minewatch/<mineId>/readings   payload: a JSON array, {"readings": [...]}, or NDJSON; each
 *                                           record {sensor, ts, value} (the mine comes from the topic)
 *   publish   minewatch/<mineId>/coal-files/<file name>
 *                                           payload: one MT/T 1201 file, or a ZIP of them (coal-upload)
 *   receive   minewatch/<mineId>/reports    the ingest report of each message
 * Two ways in:
 * - the embedded broker (default port 1884, so a local Mosquitto on 1883 is untouched): the gateway
 *   connects with its gateway token as the password and may publish only to its own mines' topics. The
 *   broker acknowledges a QoS 1 message (PUBACK) only after the readings are committed.
 * - an external broker (MQTT_URL, MQTT 5): minewatch subscribes to minewatch/+/readings with QoS 1, a persistent
 *   session and manual acknowledgement, so a message is PUBACKed only after it is stored and one not yet
 *   stored is redelivered after a crash. The broker's own ACLs decide who may publish to which mine.
 */
import { DAY_MS } from '../../../shared/dates.ts';
import { createServer, type Server } from 'node:net';
import { Aedes, type Client } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { IngestLimits, MqttLimits } from '../../../shared/limits.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { principalFromToken } from '../access/access.service.ts';
import { systemGatewayPrincipal } from '../access/principal.ts';
import { parseBatch } from './ingest.parse.ts';
import { ConnectionsPerAddress, GuardedConnection } from './mqtt.guard.ts';
import type { MonitoringEngine } from './monitoring.engine.ts';
import type { IngestReport } from '../../../shared/monitoring.schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One kind of message a module takes over MQTT: `minewatch/<mineId>/<name>[/<item>]`. */
export interface MqttTopic {
  /** The level after the mine (`readings`, `coal-files`). */
  name: string;
  /** Whether one more level follows, naming the item (a file name); otherwise there is none. */
  item: boolean;
  /**
   * Stores one message for the mine and answers the report published on `minewatch/<mineId>/reports`.
   * A refusal is a report; it rejects only when nothing could be stored (no PUBACK: the message comes again).
   */
  receive(
    principal: Principal,
    mineId: string,
    payload: Buffer,
    item: string | undefined,
  ): Promise<unknown>;
}

/** A published topic matched to one of the topics: the mine, the topic and its item. */
export function matchTopic(
  topics: readonly MqttTopic[],
  topic: string,
): { mineId: string; handler: MqttTopic; item: string | undefined } | undefined {
  const [root, mineId, name, item, ...rest] = topic.split('/');
  if (root !== 'minewatch' || !mineId || !UUID.test(mineId) || rest.length > 0) {
    return undefined;
  }
  const handler = topics.find((t) => t.name === name);
  if (!handler || handler.item !== (item !== undefined) || item === '') {
    return undefined;
  }
  return { mineId, handler, item };
}

/**
 * The subscription filters of the topics (an external broker); with a shared group, MQTT 5 shared
 * subscriptions (MQTT 5 §4.8.2, `$share/<group>/<filter>`): the broker hands each message to one member
 * of the group, so several ingest nodes split the load.
 */
export function topicFilters(topics: readonly MqttTopic[], sharedGroup?: string): string[] {
  return topics.map(
    (t) =>
      `${sharedGroup ? `$share/${sharedGroup}/` : ''}minewatch/+/${t.name}${t.item ? '/+' : ''}`,
  );
}

/** Monitoring's own topic: batches of readings. */
export function readingsTopic(engine: MonitoringEngine): MqttTopic {
  return {
    name: 'readings',
    item: false,
    receive: (principal, mineId, payload) => ingestMqttPayload(engine, principal, mineId, payload),
  };
}

/** Parses one MQTT payload for a mine and ingests it; errors become a report, never an exception. */
export async function ingestMqttPayload(
  engine: MonitoringEngine,
  principal: Principal,
  mineId: string,
  payload: Buffer,
): Promise<IngestReport | { error: string; details: unknown }> {
  try {
    if (payload.length > IngestLimits.bytesMax) {
      return { error: `消息超过 ${IngestLimits.bytesMax} 字节`, details: [] };
    }
    const text = payload.toString('utf8');
    const format =
      text.trimStart().startsWith('[') || text.trimStart().startsWith('{"readings"')
        ? 'json'
        : 'ndjson';
    const { records, rejected } = parseBatch(format, text);
    for (const r of records) {
      if (r && r.mine === undefined) {
        r.mine = mineId;
      }
    }
    return await engine.ingest(principal, records, rejected);
  } catch (e) {
    if (e instanceof AppError) {
      return { error: e.message, details: e.details };
    }
    throw e;
  }
}

export interface EmbeddedBroker {
  port: number;
  close(): Promise<void>;
}

/** Options of the embedded broker. */
export interface EmbeddedBrokerOptions {
  /** Connections one remote address may hold at once (MQTT_CONNECTIONS_PER_ADDRESS). */
  connectionsPerAddress?: number;
  /** Where refusals are written (the server's log). */
  log?: (msg: string) => void;
}

/** MQTT's variable-length Remaining Length (MQTT 3.1.1 §2.2.3; MQTT 5 §1.5.5 Variable Byte Integer). */
export function remainingLength(n: number): Buffer {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) {
      b |= 0x80;
    }
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}

/**
 * The CONNACK of MQTT 5 (§3.2) refusing the protocol version: Reason Code 0x84 (Unsupported Protocol
 * Version) with a Reason String (property 0x1F), so an MQTT 5 client reads why, in its own protocol.
 */
export function unsupportedVersionConnack(reason: string): Buffer {
  const varint = remainingLength;
  const text = Buffer.from(reason, 'utf8');
  const properties = Buffer.concat([
    Buffer.from([0x1f, text.length >> 8, text.length & 0xff]),
    text,
  ]);
  const variable = Buffer.concat([
    Buffer.from([0x00, 0x84]),
    varint(properties.length),
    properties,
  ]);
  return Buffer.concat([Buffer.from([0x20]), varint(variable.length), variable]);
}

/** What an MQTT 5 client is told: the embedded broker speaks MQTT 3.1.1 (aedes implements 3.1 and 3.1.1). */
export const MQTT5_REFUSAL =
  '内置 MQTT 代理只支持 MQTT 3.1.1，请以协议版本 4 连接 (the embedded broker speaks MQTT 3.1.1 only)';

/** Starts the embedded broker; gateways authenticate with their token as the MQTT password. */
export async function startEmbeddedBroker(
  deps: ServiceDeps,
  topics: readonly MqttTopic[],
  port: number,
  host = '127.0.0.1',
  options: EmbeddedBrokerOptions = {},
): Promise<EmbeddedBroker> {
  const log = options.log ?? (() => undefined);
  const broker = await Aedes.createBroker();
  // Keyed by the connection, not the client id: a gateway reconnecting under the same id must not lose its
  // principal when aedes closes the stale connection, nor inherit another's.
  const principals = new WeakMap<Client, Principal>();
  broker.preConnect = (client, packet, done) => {
    if (packet.protocolVersion !== 5) {
      done(null, true);
      return;
    }
    log(
      `mqtt: refused an MQTT 5 client (${client.conn instanceof GuardedConnection ? client.conn.remoteAddress : ''})`,
    );
    client.conn.write(unsupportedVersionConnack(MQTT5_REFUSAL), () =>
      done(new Error('MQTT 5 is not supported'), false),
    );
  };
  broker.authenticate = (client, _username, password, done) => {
    if (!password) {
      done(
        Object.assign(new Error('gateway token required as password'), { returnCode: 4 }),
        false,
      );
      return;
    }
    principalFromToken(deps, password.toString('utf8'), null)
      .then((p) => {
        if (!p || p.kind !== 'gateway') {
          done(Object.assign(new Error('not a gateway token'), { returnCode: 5 }), false);
          return;
        }
        principals.set(client, p);
        if (client.conn instanceof GuardedConnection) {
          client.conn.markAuthenticated();
        }
        done(null, true);
      })
      .catch(() => done(Object.assign(new Error('bad token'), { returnCode: 4 }), false));
  };
  broker.authorizeSubscribe = (client, sub, done) => {
    const m = /^minewatch\/([0-9a-f-]{36})\/reports$/.exec(sub.topic);
    const p = principals.get(client);
    const ok = m && p?.scope.kind === 'mines' && p.scope.mineIds.includes(m[1] ?? '');
    done(ok ? null : new Error('not your mine'), ok ? sub : null);
  };
  broker.authorizePublish = (client, packet, done) => {
    if (!client) {
      done(null); // the broker's own report messages
      return;
    }
    const p = principals.get(client);
    const m = matchTopic(topics, packet.topic);
    const mineId = m?.mineId ?? '';
    if (!p || !m || p.scope.kind !== 'mines' || !p.scope.mineIds.includes(mineId)) {
      done(new Error(`publish only to ${topicFilters(topics).join(', ')} of your own mines`));
      return;
    }
    // PUBACK goes out when done() is called: after the commit.
    m.handler
      .receive(p, mineId, packet.payload as Buffer, m.item)
      .then((report) => {
        broker.publish(
          {
            cmd: 'publish',
            topic: `minewatch/${mineId}/reports`,
            payload: Buffer.from(JSON.stringify(report)),
            qos: 0,
            retain: false,
            dup: false,
          },
          () => undefined,
        );
        // What was received is not forwarded to subscribers; the report is.
        packet.topic = `minewatch/${mineId}/accepted`;
        done(null);
      })
      .catch((e: unknown) => done(e instanceof Error ? e : new Error(String(e))));
  };
  const perAddress = new ConnectionsPerAddress(
    options.connectionsPerAddress ?? MqttLimits.connectionsPerAddressDefault,
  );
  const limits = { beforeAuth: MqttLimits.connectBytesMax, afterAuth: MqttLimits.packetBytesMax };
  const server: Server = createServer((socket) => {
    if (!perAddress.admit(socket)) {
      log(
        `mqtt: refused a connection from ${socket.remoteAddress}: too many open from that address`,
      );
      socket.destroy();
      return;
    }
    const conn = new GuardedConnection(socket, limits, (r) =>
      log(
        `mqtt: closed a connection from ${socket.remoteAddress}: a packet announced ${r.announced ?? 'a malformed length'} bytes, ${r.authenticated ? 'authenticated' : 'before authentication'} at most ${r.limit}`,
      ),
    );
    broker.handle(conn);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        broker.close(() => server.close(() => resolve()));
      }),
  };
}

/**
 * Subscribes to an external broker; a message is acknowledged only after it is stored. `clientId` is this
 * instance's own (config MQTT_CLIENT_ID or the one kept in its data folder): the persistent session is
 * resumed by the same instance after a restart, and a second instance has a session of its own.
 */
export async function subscribeExternal(
  topics: readonly MqttTopic[],
  url: string,
  log: (msg: string, err?: unknown) => void,
  clientId: string,
  options: { sharedGroup?: string | undefined } = {},
): Promise<{ client: MqttClient; close(): Promise<void> }> {
  const client = await mqtt.connectAsync(url, {
    clientId,
    // MQTT 5: mqtt.js hands us the PUBACK (customHandleAcks) only on protocol 5; the session outlives a crash.
    protocolVersion: 5,
    properties: {
      sessionExpiryInterval: (7 * DAY_MS) / 1000,
      // MQTT 5 §3.1.2.11.4: the broker sends nothing larger than one batch.
      maximumPacketSize: MqttLimits.packetBytesMax,
    },
    clean: false,
    reconnectPeriod: 2000,
    customHandleAcks: (topic, message, _packet, done) => {
      const m = matchTopic(topics, topic);
      if (!m) {
        done(0); // not ours to store: acknowledge and drop
        return;
      }
      const { mineId } = m;
      m.handler
        .receive(systemGatewayPrincipal('mqtt:external', [mineId]), mineId, message, m.item)
        .then((report) => {
          client.publish(`minewatch/${mineId}/reports`, JSON.stringify(report), { qos: 0 });
          done(0);
        })
        .catch((e: unknown) => {
          // Not stored (e.g. the database is down): no PUBACK, the broker redelivers.
          log('mqtt ingest failed; the message will be redelivered', e);
        });
    },
  });
  client.on('disconnect', (packet) => {
    // MQTT 5 §3.14.2.1, 0x8E Session taken over: another connection uses this client id.
    if (packet.reasonCode === 0x8e) {
      log(
        `mqtt: another client connected to ${url} as ${clientId} and took this instance's session; give each instance its own MQTT_CLIENT_ID`,
        new Error('MQTT session taken over'),
      );
    } else {
      log(`mqtt: ${url} disconnected (reason code ${packet.reasonCode ?? 0})`);
    }
  });
  await client.subscribeAsync(topicFilters(topics, options.sharedGroup), { qos: 1 });
  return { client, close: () => client.endAsync() };
}
