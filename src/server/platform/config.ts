/**
 * @module Runtime configuration from the environment, with the embedded defaults of `npm start`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { MqttLimits } from '../../shared/limits.ts';
import { loadScaleConfig, type ScaleConfig } from '../scale/scale.config.ts';

export interface Config {
  /** TCP port of the HTTP server (PORT, default 8080). */
  port: number;
  /** Interface to bind (HOST, default 127.0.0.1). */
  host: string;
  /** PostgreSQL server URL (DATABASE_URL); when absent, embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  /** Folder for PGlite and the generated secret (DATA_DIR, default ./data). */
  dataDir: string;
  /**
   * 32-byte key for protected fields, keyed digests and the audit chain (MINEWATCH_SECRET, hex or base64;
   * by default data/secret.key, made on the first start). It is never stored in the database.
   */
  secret: Buffer;
  /**
   * The audit trail's anchor: signed checkpoints of the chain's head, outside the database
   * (AUDIT_ANCHOR_FILE, default data/audit-anchor.jsonl). Keep it beside the key, or better on storage
   * the database's administrators cannot rewrite.
   */
  auditAnchorFile: string;
  /** Send the session cookie with the Secure flag (COOKIE_SECURE=true behind HTTPS). */
  cookieSecure: boolean;
  /**
   * Whose X-Forwarded-For / -Host / -Proto to believe (TRUST_PROXY): unset = nobody's, the TCP peer is
   * the client; `true` = every hop's; a number = that many hops; or the proxies' addresses and CIDR
   * ranges, comma-separated. Behind a reverse proxy without it every client has the proxy's address and
   * shares one set of flood and sign-in limits.
   */
  trustProxy: boolean | number | string[];
  /** pino log level (LOG_LEVEL, default info). */
  logLevel: string;
  /**
   * The SMS / messaging gateway that receives every notification as a signed POST
   * (NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SECRET, at least 16 characters); none by default.
   */
  webhook: { url: string; secret: string } | undefined;
  /** An SMTP server for alarm calls by e-mail (SMTP_URL smtp[s]://user:pass@host:port, SMTP_FROM); none by default. */
  email: { url: string; from: string } | undefined;
  /** Port of the embedded MQTT broker (MQTT_PORT, default 1884 beside a local Mosquitto on 1883; 0 = off). */
  mqttPort: number;
  /** Connections one remote address may hold on the embedded broker (MQTT_CONNECTIONS_PER_ADDRESS, default 20). */
  mqttConnectionsPerAddress: number;
  /**
   * An external MQTT 5 broker to subscribe to instead (MQTT_URL, e.g. mqtt://127.0.0.1:1883), and this
   * instance's client id there (MQTT_CLIENT_ID; by default `minewatch-` and a random suffix generated once
   * and kept in the data folder): its persistent session resumes after a restart, and two instances never
   * share one — the broker would hand the session back and forth between them. With MQTT_SHARED_GROUP,
   * the subscription is the MQTT 5 shared subscription `$share/<group>/…`: the ingest nodes of one group
   * split the messages between them, each delivered to one.
   */
  mqttExternal: { url: string; clientId: string; sharedGroup?: string | undefined } | undefined;
  /** The address people reach the web app at, for acknowledgement links in calls (PUBLIC_URL). */
  publicUrl: string;
  /**
   * The distributed mode (NATS_URL, NATS_STREAM, READINGS_PARTITIONS; needs DATABASE_URL): ingest through
   * NATS JetStream, engine workers owning partitions (src/server/scale). Unset: the single process.
   */
  scale: ScaleConfig | undefined;
  /** How often the monitoring loop and the outbox delivery run (MONITORING_TICK_SECONDS, default 5; 0 = off). */
  monitoringTickSeconds: number;
  /** How often the other scheduled jobs run (JOBS_INTERVAL_SECONDS, default 60; 0 = off). */
  jobsIntervalSeconds: number;
  /**
   * Simulated faults per sensor per hour fed in-process into the demo province (SIMULATE_FAULTS_PER_HOUR,
   * default 0.1); SIMULATE=0 turns the demo feed off. The feed runs only where the demo was seeded.
   */
  simulate: { on: boolean; faultsPerHour: number };
  /**
   * Forwarding the mines' coal upload files upward (应联尽联): to a superior minewatch (COAL_FORWARD_URL, its
   * address, with COAL_FORWARD_TOKEN, a gateway token the superior issued for these mines) and/or into a
   * folder (COAL_FORWARD_DIR, e.g. the superior's drop folder); none by default.
   */
  coalForward: CoalForwardConfig[];
}

/** One target of forwarding (the key names it in the queue and the backlog view). */
export type CoalForwardConfig =
  | { key: 'superior'; kind: 'http'; url: string; token: string }
  | { key: 'folder'; kind: 'folder'; dir: string };

function loadSecret(dataDir: string, env: NodeJS.ProcessEnv): Buffer {
  const given = env.MINEWATCH_SECRET;
  if (given) {
    const buf = /^[0-9a-f]{64}$/i.test(given)
      ? Buffer.from(given, 'hex')
      : Buffer.from(given, 'base64');
    if (buf.length !== 32) {
      throw new Error('MINEWATCH_SECRET must be 32 bytes (64 hex characters)');
    }
    return buf;
  }
  // Embedded default: a key generated once and kept beside the data, readable only by its owner.
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

function loadMqttClientId(dataDir: string, env: NodeJS.ProcessEnv): string {
  const given = env.MQTT_CLIENT_ID;
  if (given) {
    // MQTT 3.1.1 §3.1.3.1 / MQTT 5 §3.1.3.1: a server must accept 1–23 characters of [0-9a-zA-Z]; most take more.
    if (!/^[0-9A-Za-z._:-]{1,64}$/.test(given)) {
      throw new Error(`MQTT_CLIENT_ID must be 1–64 letters, digits or . _ : -: ${given}`);
    }
    return given;
  }
  const file = path.join(dataDir, 'mqtt-client-id');
  if (existsSync(file)) {
    return readFileSync(file, 'utf8').trim();
  }
  mkdirSync(dataDir, { recursive: true });
  const id = `minewatch-${randomBytes(6).toString('hex')}`;
  writeFileSync(file, id);
  return id;
}

function loadSharedGroup(env: NodeJS.ProcessEnv): string | undefined {
  const given = env.MQTT_SHARED_GROUP;
  // MQTT 5 §4.8.2: a share name holds no '/', '+' or '#'.
  if (given && !/^[0-9A-Za-z._-]{1,64}$/.test(given)) {
    throw new Error(`MQTT_SHARED_GROUP must be 1–64 letters, digits or . _ -: ${given}`);
  }
  return given || undefined;
}

function loadEmail(env: NodeJS.ProcessEnv): Config['email'] {
  const url = env.SMTP_URL;
  if (!url) {
    return undefined;
  }
  if (!/^smtps?:\/\/\S+$/.test(url)) {
    throw new Error(
      `SMTP_URL is not an smtp:// or smtps:// URL: ${url.replace(/:[^:@/]*@/, ':***@')}`,
    );
  }
  return { url, from: env.SMTP_FROM ?? 'minewatch <minewatch@localhost>' };
}

function loadWebhook(env: NodeJS.ProcessEnv): Config['webhook'] {
  const url = env.NOTIFY_WEBHOOK_URL;
  if (!url) {
    return undefined;
  }
  if (!/^https?:\/\/\S+$/.test(url)) {
    throw new Error(`NOTIFY_WEBHOOK_URL is not an http(s) URL: ${url}`);
  }
  const secret = env.NOTIFY_WEBHOOK_SECRET ?? '';
  if (secret.length < 16) {
    throw new Error(
      'NOTIFY_WEBHOOK_SECRET (at least 16 characters) is required with NOTIFY_WEBHOOK_URL',
    );
  }
  return { url, secret };
}

function loadCoalForward(env: NodeJS.ProcessEnv): CoalForwardConfig[] {
  const out: CoalForwardConfig[] = [];
  const url = env.COAL_FORWARD_URL;
  if (url) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) {
      throw new Error(`COAL_FORWARD_URL is not an http(s) URL without credentials: ${url}`);
    }
    const token = env.COAL_FORWARD_TOKEN ?? '';
    if (token.length < 16) {
      throw new Error(
        'COAL_FORWARD_TOKEN (the gateway token the superior issued) is required with COAL_FORWARD_URL',
      );
    }
    out.push({ key: 'superior', kind: 'http', url: url.replace(/\/+$/, ''), token });
  }
  if (env.COAL_FORWARD_DIR) {
    out.push({ key: 'folder', kind: 'folder', dir: path.resolve(env.COAL_FORWARD_DIR) });
  }
  return out;
}

/** The names proxy-addr (Fastify's trustProxy) knows for address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function loadTrustProxy(env: NodeJS.ProcessEnv): Config['trustProxy'] {
  const v = (env.TRUST_PROXY ?? '').trim();
  if (v === '' || v === 'false' || v === '0') {
    return false;
  }
  if (v === 'true') {
    return true;
  }
  if (/^\d+$/.test(v)) {
    return Number(v);
  }
  const entries = v.split(',').map((e) => e.trim());
  for (const e of entries) {
    const [address = '', bits, ...rest] = e.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const fits =
      PROXY_RANGE_NAMES.has(e) ||
      (family !== 0 &&
        rest.length === 0 &&
        (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max)));
    if (!fits) {
      throw new Error(
        `TRUST_PROXY must be true, a hop count, or proxy addresses / CIDR ranges separated by commas: ${e}`,
      );
    }
  }
  return entries;
}

function numberIn(
  env: NodeJS.ProcessEnv,
  key: string,
  fallback: number,
  min: number,
  max: number,
  integer = false,
) {
  const v = Number(env[key] ?? fallback);
  if (!(integer ? Number.isInteger(v) : Number.isFinite(v)) || v < min || v > max) {
    throw new Error(
      `${key} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}: ${env[key]}`,
    );
  }
  return v;
}

const intIn = (env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number) =>
  numberIn(env, key, fallback, min, max, true);

/** Where this machine's minewatch answers, from PUBLIC_URL or HOST and PORT (CLI clients' default). */
export function localServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUBLIC_URL ?? `http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? 8080}`;
}

/** A password handed to a CLI command through MINEWATCH_PASSWORD (kept out of the shell history). */
export function passwordFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.MINEWATCH_PASSWORD || undefined;
}

/**
 * The CJK font file for PDFs, `<file>[#<family>]` (MINEWATCH_CJK_FONT; the system's fonts when unset), read
 * on its own because PDFs are made deep inside services.
 */
export function configuredCjkFont(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.MINEWATCH_CJK_FONT || undefined;
}

/** Reads the configuration; throws with a clear message on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT is not a port: ${env.PORT}`);
  }
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    secret: loadSecret(dataDir, env),
    auditAnchorFile: path.resolve(
      env.AUDIT_ANCHOR_FILE || path.join(dataDir, 'audit-anchor.jsonl'),
    ),
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: loadTrustProxy(env),
    logLevel: env.LOG_LEVEL ?? 'info',
    webhook: loadWebhook(env),
    email: loadEmail(env),
    mqttPort: intIn(env, 'MQTT_PORT', 1884, 0, 65535),
    mqttConnectionsPerAddress: intIn(
      env,
      'MQTT_CONNECTIONS_PER_ADDRESS',
      MqttLimits.connectionsPerAddressDefault,
      1,
      100_000,
    ),
    mqttExternal: env.MQTT_URL
      ? {
          url: env.MQTT_URL,
          clientId: loadMqttClientId(dataDir, env),
          sharedGroup: loadSharedGroup(env),
        }
      : undefined,
    publicUrl: localServerUrl(env),
    scale: loadScaleConfig(env),
    monitoringTickSeconds: intIn(env, 'MONITORING_TICK_SECONDS', 5, 0, 3600),
    jobsIntervalSeconds: intIn(env, 'JOBS_INTERVAL_SECONDS', 60, 0, 86_400),
    simulate: {
      on: env.SIMULATE !== '0' && env.SIMULATE !== 'false',
      faultsPerHour: numberIn(env, 'SIMULATE_FAULTS_PER_HOUR', 0.1, 0, 3600),
    },
    coalForward: loadCoalForward(env),
  };
}
