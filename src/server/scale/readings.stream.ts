/**
 * @module The readings stream on NATS JetStream (issue 26 §1): the connection, the stream (created when
 * missing, one subject per partition) and the ingest nodes' forward — an admitted batch is published per
 * mine on its partition's subject, and the client is answered only after the stream's PubAck: an
 * acknowledged reading is durable in JetStream before it is in PostgreSQL.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { IngestForward } from '../modules/monitoring/monitoring.engine.ts';
import { partitionOf } from './partition.ts';
import { encodeReadings } from './readings.message.ts';
import type { ScaleConfig } from './scale.config.ts';

/** How long the stream recognises a resent message as a duplicate (then PostgreSQL's key does). */
const DUPLICATE_WINDOW_MS = 10 * 60_000;

export const nanos = (ms: number): number => ms * 1_000_000;

export interface ReadingsStream {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  config: ScaleConfig;
  close(): Promise<void>;
}

export const subjectOf = (config: ScaleConfig, partition: number): string =>
  `${config.subjectPrefix}.${partition}`;

/** Connects to NATS and makes sure the stream exists (work-queue retention: a reading leaves once its
 * partition's consumer acknowledged it, i.e. once it is committed in PostgreSQL). */
export async function openReadingsStream(
  config: ScaleConfig,
  name: string,
): Promise<ReadingsStream> {
  const nc = await connect({
    servers: config.url.split(','),
    name,
    maxReconnectAttempts: -1,
  });
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(config.stream);
  } catch {
    try {
      await jsm.streams.add({
        name: config.stream,
        subjects: [`${config.subjectPrefix}.*`],
        retention: RetentionPolicy.Workqueue,
        storage: StorageType.File,
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      });
    } catch (e) {
      // Another node created it meanwhile.
      await jsm.streams.info(config.stream).catch(() => {
        throw e;
      });
    }
  }
  return {
    nc,
    js: jetstream(nc),
    jsm,
    config,
    close: async () => {
      await nc.drain().catch(() => nc.close());
    },
  };
}

/** The ingest nodes' forward: publishes each mine's admitted readings and waits for every PubAck. */
export function streamForward(stream: ReadingsStream): IngestForward {
  return async (admitted) => {
    const sends: Promise<{ n: number; duplicate: boolean }>[] = [];
    for (const b of admitted) {
      const subject = subjectOf(stream.config, partitionOf(b.mineId, stream.config.partitions));
      for (const m of encodeReadings(b)) {
        const n = m.count;
        sends.push(
          stream.js
            .publish(subject, m.data, {
              msgID: m.msgId,
              expect: { streamName: stream.config.stream },
            })
            .then((ack) => ({ n, duplicate: ack.duplicate })),
        );
      }
    }
    const acks = await Promise.all(sends);
    return {
      accepted: acks.reduce((s, a) => s + a.n, 0),
      duplicates: acks.reduce((s, a) => s + (a.duplicate ? a.n : 0), 0),
    };
  };
}
