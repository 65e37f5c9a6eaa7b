/**
 * @module An engine worker (issue 26 §2): owns some of the readings partitions, consumes each with a
 * durable pull consumer of its own, feeds the batches to a MonitoringEngine (readings, statistics and
 * alarms commit in one transaction, as in the single process) and acknowledges a message only after
 * its commit.
 *
 * Ownership is a PostgreSQL session advisory lock, `pg_try_advisory_lock(OWNER_NS, partition)`, held on
 * a connection dedicated to that partition. It dies with its holder: a killed worker's connections
 * close, PostgreSQL releases its locks, and another worker's next poll (every POLL_MS) takes them. We
 * chose it over a JetStream KV lease because PostgreSQL already is the commit point: no extra moving
 * part, no lease to renew against a clock, and the lock can fence the very transactions it guards —
 * every write transaction takes `pg_advisory_xact_lock_shared(FENCE_NS, partition)` and checks that its
 * worker's lock connection still holds the partition, and a new owner waits on the exclusive FENCE_NS
 * lock before loading any state, so a commit of the previous owner still in flight is either visible to
 * the new owner or never happens. Duplicates after a redelivery are harmless: readings are keyed by
 * (sensor, time) and inserted ON CONFLICT DO NOTHING, and only stored readings are detected.
 */
import pg from 'pg';
import { AckPolicy, DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import { sql } from 'drizzle-orm';
import type { ServiceDeps } from '../platform/context.ts';
import { queryRows, type Db } from '../platform/db/client.ts';
import type { Log } from '../modules/module.ts';
import { MonitoringEngine } from '../modules/monitoring/monitoring.engine.ts';
import { partitionOf } from './partition.ts';
import { decodeReadings } from './readings.message.ts';
import { nanos, subjectOf, type ReadingsStream } from './readings.stream.ts';

/** Advisory-lock namespaces (the first key): ownership, the write fence, worker membership. */
export const OWNER_NS = 0x4d57_0001;
export const FENCE_NS = 0x4d57_0002;
export const MEMBER_NS = 0x4d57_0003;
/** How often a worker looks for free partitions and checks its locks (takeover ≤ 2 polls + load). */
export const POLL_MS = 2000;
/** Unacknowledged messages a partition's consumer may have out at once. */
const MAX_ACK_PENDING = 2000;

interface Owned {
  partition: number;
  lock: pg.Client;
  /** The lock connection's backend pid (the fence looks for its lock in pg_locks). */
  pid: number;
  messages?: ConsumerMessages;
  /** Giving it back: no more messages taken, the writes under way finish and are acknowledged. */
  draining: boolean;
  /** No longer owned: writes of it fail the fence. */
  stopped: boolean;
  done: Promise<void>;
}

export interface EngineWorker {
  engine: MonitoringEngine;
  /** The partitions this worker owns now. */
  owned(): number[];
  close(): Promise<void>;
}

export interface WorkerOptions {
  deps: ServiceDeps;
  databaseUrl: string;
  stream: ReadingsStream;
  log: Log;
}

async function connectLock(url: string): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({
    connectionString: url,
    // The process's pid in the name: an operator (and the failover test) sees which process owns what.
    application_name: `minewatch engine lock ${process.pid}`,
    keepAlive: true,
    // A connection that stops answering counts as lost (the fence wait is bounded by a write's time).
    query_timeout: 30_000,
  });
  client.on('error', () => undefined);
  await client.connect();
  const r = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { client, pid: r.rows[0]?.pid ?? 0 };
}

export async function startEngineWorker(o: WorkerOptions): Promise<EngineWorker> {
  const { stream, log } = o;
  const n = stream.config.partitions;
  const owned = new Map<number, Owned>();
  let closing = false;

  const fence = async (tx: Db, mineIds: string[]): Promise<void> => {
    const parts = [...new Set(mineIds.map((m) => partitionOf(m, n)))].sort((a, b) => a - b);
    const pids: number[] = [];
    for (const p of parts) {
      const own = owned.get(p);
      if (!own || own.stopped) {
        throw new Error(`partition ${p} is no longer owned by this worker`);
      }
      pids.push(own.pid);
    }
    const list = sql.raw(`ARRAY[${parts.join(',')}]::int[]`);
    const pidList = sql.raw(`ARRAY[${pids.join(',')}]::int[]`);
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock_shared(${FENCE_NS}, p) FROM unnest(${list}) p`,
    );
    const [r] = await queryRows<{ held: number }>(
      tx,
      sql`SELECT count(*)::int AS held FROM pg_locks l
      JOIN unnest(${list}, ${pidList}) AS x(p, pid) ON l.objid = x.p AND l.pid = x.pid
      WHERE l.locktype = 'advisory' AND l.classid = ${OWNER_NS} AND l.objsubid = 2 AND l.granted
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    const held = Number(r?.held ?? 0);
    if (held !== parts.length) {
      throw new Error(`lost the lock of a partition among ${parts.join(',')}`);
    }
  };
  const { gather } = stream.config;
  const engine = new MonitoringEngine(o.deps, {
    fence,
    log,
    gather: gather.ms > 0 ? gather : undefined,
  });

  // Membership: each worker holds one lock in MEMBER_NS while it lives; the count is the share's divisor.
  const member = await connectLock(o.databaseUrl);
  await member.client.query('SELECT pg_advisory_lock($1, $2)', [MEMBER_NS, member.pid]);
  const members = async () => {
    const r = await member.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [MEMBER_NS],
    );
    return Math.max(1, r.rows[0]?.n ?? 1);
  };

  /**
   * Stops a partition. Given back (`graceful`), it first lets the writes under way commit and be
   * acknowledged; with its lock gone, those writes fail the fence and come again to the next owner.
   */
  const release = async (own: Owned, why: string, graceful = false) => {
    own.draining = true;
    if (!graceful) {
      own.stopped = true;
    }
    await own.messages?.close().catch(() => undefined);
    await own.done.catch(() => undefined);
    own.stopped = true;
    owned.delete(own.partition);
    engine.forgetMines((m) => partitionOf(m, n) === own.partition);
    await own.lock.end().catch(() => undefined);
    log(`engine worker: released partition ${own.partition} (${why})`);
  };

  /** Consumes one owned partition until it is stopped; a failed write restarts from the first unacked. */
  const consume = async (own: Owned) => {
    const name = `${stream.config.stream}-p${own.partition}`;
    while (!own.draining) {
      try {
        // A fresh consumer from the first message not yet acknowledged (work-queue retention removes
        // acknowledged ones): what the previous owner had out unacknowledged comes again, in order, now
        // rather than after an ack wait.
        await stream.jsm.consumers.delete(stream.config.stream, name).catch(() => undefined);
        await stream.jsm.consumers.add(stream.config.stream, {
          durable_name: name,
          filter_subject: subjectOf(stream.config, own.partition),
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          max_ack_pending: MAX_ACK_PENDING,
          ack_wait: nanos(60_000),
        });
        const consumer = await stream.js.consumers.get(stream.config.stream, name);
        const messages = await consumer.consume({ max_messages: 500 });
        own.messages = messages;
        let failed: unknown;
        const writes = new Set<Promise<void>>();
        for await (const m of messages) {
          if (own.draining || failed) {
            break;
          }
          let batch;
          try {
            batch = decodeReadings(m.data);
          } catch (e) {
            log(
              `engine worker: partition ${own.partition} dropped a message that is not readings`,
              e,
            );
            m.term();
            continue;
          }
          // In delivery order into the engine's queue; acknowledged once committed.
          const w = engine.ingestAdmitted(batch).then(
            () => m.ack(),
            (e: unknown) => {
              failed ??= e;
              void messages.close();
            },
          );
          writes.add(w);
          void w.finally(() => writes.delete(w));
        }
        await Promise.all(writes);
        if (failed && !own.draining) {
          log(`engine worker: partition ${own.partition} write failed, resuming`, failed);
          await new Promise((r) => setTimeout(r, 500));
        }
      } catch (e) {
        if (!own.draining) {
          log(`engine worker: partition ${own.partition} consumer failed, resuming`, e);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    }
  };

  const tryOwn = async (p: number): Promise<boolean> => {
    const { client, pid } = await connectLock(o.databaseUrl);
    const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
      OWNER_NS,
      p,
    ]);
    if (!got.rows[0]?.ok || closing) {
      await client.end().catch(() => undefined);
      return false;
    }
    // The previous owner's write transactions still in flight end before this one loads any state.
    await client.query('SELECT pg_advisory_lock($1, $2)', [FENCE_NS, p]);
    await client.query('SELECT pg_advisory_unlock($1, $2)', [FENCE_NS, p]);
    engine.forgetMines((m) => partitionOf(m, n) === p);
    const own: Owned = {
      partition: p,
      lock: client,
      pid,
      draining: false,
      stopped: false,
      done: Promise.resolve(),
    };
    owned.set(p, own);
    const lost = () => {
      if (!own.stopped) {
        void release(own, 'lock connection lost');
      }
    };
    client.on('error', lost);
    client.on('end', lost);
    own.done = consume(own);
    log(`engine worker: took partition ${p}`);
    return true;
  };

  let polling: Promise<void> | undefined;
  const poll = async () => {
    // A lock connection that no longer answers has lost its lock.
    await Promise.all(
      [...owned.values()].map((own) =>
        own.lock.query('SELECT 1').catch(() => release(own, 'lock connection lost')),
      ),
    );
    const share = Math.ceil(n / (await members()));
    // More than a fair share (a worker joined): give back the last ones, gracefully.
    const mine = [...owned.keys()].sort((a, b) => a - b);
    for (const p of mine.slice(share)) {
      const own = owned.get(p);
      if (own) {
        await release(own, 'rebalancing', true);
      }
    }
    // Fewer: take free partitions, starting at a point of our own so that workers spread out.
    const start = member.pid % n;
    for (let k = 0; k < n && owned.size < share && !closing; k++) {
      const p = (start + k) % n;
      if (!owned.has(p)) {
        await tryOwn(p);
      }
    }
  };
  const timer = setInterval(() => {
    polling ??= poll()
      .catch((e: unknown) => log('engine worker: poll failed', e))
      .finally(() => (polling = undefined));
  }, POLL_MS);
  polling = poll()
    .catch((e: unknown) => log('engine worker: poll failed', e))
    .finally(() => (polling = undefined));

  return {
    engine,
    owned: () => [...owned.keys()].sort((a, b) => a - b),
    close: async () => {
      closing = true;
      clearInterval(timer);
      await polling;
      await Promise.all([...owned.values()].map((own) => release(own, 'stopping', true)));
      engine.close();
      await member.client.end().catch(() => undefined);
    },
  };
}
